/**
 * CLI process entry (bundled to dist/cli.js, started by bin/normokontrol.js). The only
 * process-level code of the CLI: everything else lives in `program.ts` and returns exit codes.
 */
import { runCli } from './program';

// `normokontrol check … | head` closes the pipe early: stop quietly instead of a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
});

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`normokontrol: внутренняя ошибка: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
