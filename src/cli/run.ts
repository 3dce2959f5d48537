/** The process entry: runs the CLI and sets the exit code (without cutting off pending output). */
import { afterPrefix } from './error-text.js';
import { main } from './main.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // stopped by Ctrl-C or SIGTERM: the reading or computing it stopped outside a step (main's watch) would
    // otherwise run on to its end; nothing of it is written
    if (code === 130 || code === 143) process.exit(code);
  },
  (err: unknown) => {
    process.stderr.write(`tripletlens: ${afterPrefix(err instanceof Error ? err.message : String(err))}\n`);
    process.exitCode = 1;
  },
);
