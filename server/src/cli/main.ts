/**
 * CLI process entry (bundled to dist/cli.js, started by bin/normokontrol.js). The only
 * process-level code of the CLI: everything else lives in `program.ts` and returns exit codes.
 */
import { setCheckFlags } from './launcher';
import { runCli } from './program';

const args = process.argv.slice(2);

// `check` tunes when V8 compiles (see setCheckFlags); the launcher has set the same flags already
// when the CLI was started through bin/normokontrol.js.
setCheckFlags(args);

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
