/**
 * CLI process entry (bundled to dist/cli.js, started by bin/normokontrol.js). The only
 * process-level code of the CLI: everything else lives in `program.ts` and returns exit codes.
 */
import { setFlagsFromString } from 'node:v8';
import { runCli } from './program';

const args = process.argv.slice(2);

/**
 * `check` is a short batch run in a fresh process: most of its time is spent before V8's
 * optimising compiler has paid off. Compiling every function with the baseline compiler at once
 * and optimising somewhat later costs ~25 % less CPU over the 539-draft benchmark corpus (see
 * bench/README.md). Not for `lsp`, a long-running server, which wants the defaults. Both flags
 * only tune when code is compiled, never what it computes.
 */
if (args.find((a) => !a.startsWith('-')) === 'check') {
  try {
    setFlagsFromString('--always-sparkplug');
    setFlagsFromString('--interrupt-budget=200000');
  } catch {
    // An engine without these flags runs with its defaults.
  }
}

// `normokontrol check … | head` closes the pipe early: stop quietly instead of a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
});

runCli(args).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`normokontrol: внутренняя ошибка: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
