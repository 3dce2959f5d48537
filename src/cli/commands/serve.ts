/**
 * `tripletlens serve [--port N] [--open] [--root DIR] [--max-upload-mb N] [--disk-reserve-mb N]
 * [--max-memory SIZE]`: the UI in a browser. Binds 127.0.0.1 only; prints the URL with its random token as the first line on stdout; training runs in a
 * worker process; Ctrl+C (SIGINT) or SIGTERM shuts down cleanly.
 */
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { shellWord } from '../../util/shell-word.js';
import { startServer } from '../../server/http-server.js';
import { forkSpawner } from '../../worker/spawner.js';
import { MAX_MEMORY_ENV } from '../../worker/session-env.js';
import { maxMemoryOption } from '../import-args.js';
import { createWorkerEngine } from '../../worker/worker-client.js';
import { flag, numberOption, parseCommandArgs, pathOption, type NumberBounds } from '../args.js';
import type { CliCommand } from '../io.js';
import { UsageError } from '../usage-error.js';
import { CoreError } from '../../api/core-error.js';
import { afterPrefix } from '../error-text.js';

const HELP = `Usage: tripletlens serve [options]

Serves the TripletLens UI on 127.0.0.1 (open the printed URL; it carries a secret token).
For a remote machine, tunnel the port: ssh -L PORT:127.0.0.1:PORT host

Options:
  --port N            port to listen on; 0 picks a free one (default 8765)
  --open              open the URL in the default browser
  --root DIR          folder whose files and folders the page may browse and open (default: current directory)
  --max-upload-mb N   largest file the page may upload, in MB (default: the free disk space of the
                      temporary folder above --disk-reserve-mb; uploads are streamed there and deleted
                      when replaced or on exit)
  --disk-reserve-mb N free space, in MB, the temporary files leave on their disk: uploads stop short of it
                      and an export is refused without room above it; an integer from 0 to 1048576
                      (default 256)
  --max-memory SIZE   the most memory opening a file may use, e.g. 16G (default: the memory available);
                      it limits opening files only, not training, markers or other work on them
  -h, --help          show this help
`;

/** serve's numeric flags and their ranges (no option of the schema: they set the server, not a run). */
export const SERVE_NUMBER_FLAGS = {
  port: { min: 0, max: 65535, integer: true },
  'max-upload-mb': { min: 1, max: 1024 * 1024, integer: false },
  'disk-reserve-mb': { min: 0, max: 1024 * 1024, integer: true },
} as const satisfies Record<string, Required<NumberBounds>>;

/** Opens `url` in the desktop's browser; failures are reported, not fatal (the URL is printed anyway). */
function openBrowser(url: string, onError: (message: string) => void): void {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '', url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(command, args, { detached: true, stdio: 'ignore' });
    child.on('error', (err) => onError(`could not open a browser (${err.message}); open the URL yourself`));
    child.unref();
  } catch (err) {
    onError(`could not open a browser (${err instanceof Error ? err.message : String(err)})`);
  }
}

/**
 * Why `root` (resolved) cannot be --root: it does not exist, or it is a file — a user gave the data file they
 * meant to open and was told only "must be an existing folder; got …".
 */
function rootRefusal(root: string): string {
  if (!existsSync(root)) return `--root must be an existing folder; ${root} does not exist`;
  if (statSync(root).isFile())
    return `--root must be an existing folder; ${root} is a file: give the folder that holds it, --root ${shellWord(dirname(root))} (the page then opens the file from it)`;
  return `--root must be an existing folder; got '${root}'`;
}

export const serveCommand: CliCommand = async (argv, io) => {
  const args = parseCommandArgs(
    'serve',
    argv,
    {
      port: { type: 'string' },
      open: { type: 'boolean' },
      root: { type: 'string' },
      'max-upload-mb': { type: 'string' },
      'disk-reserve-mb': { type: 'string' },
      'max-memory': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    { help: HELP },
  );
  if (flag(args, 'help')) {
    io.stdout(HELP);
    return 0;
  }
  if (args.positionals.length) {
    throw new UsageError(`tripletlens serve: takes no file arguments; got '${args.positionals.join(' ')}'`);
  }
  const port = numberOption(args, 'port', SERVE_NUMBER_FLAGS.port) ?? 8765;
  const maxUploadMb = numberOption(args, 'max-upload-mb', SERVE_NUMBER_FLAGS['max-upload-mb']);
  const reserveMb = numberOption(args, 'disk-reserve-mb', SERVE_NUMBER_FLAGS['disk-reserve-mb']);
  // an empty --root is refused: resolve('') is the current folder, served without a word
  const root = resolve(pathOption(args, 'root') ?? process.cwd());
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new UsageError(rootRefusal(root));

  const maxMemory = maxMemoryOption(args);
  const engine = createWorkerEngine(
    forkSpawner(maxMemory !== undefined ? { env: { [MAX_MEMORY_ENV]: String(maxMemory) } } : {}),
  );
  let server;
  try {
    server = await startServer({
      engine,
      port,
      root,
      ...(maxUploadMb !== undefined ? { maxUploadBytes: Math.round(maxUploadMb * 1024 * 1024) } : {}),
      ...(reserveMb !== undefined ? { diskReserveBytes: reserveMb * 1024 * 1024 } : {}),
      onError: (err) =>
        io.stderr(`tripletlens serve: ${afterPrefix(err instanceof Error ? err.message : String(err))}\n`),
    });
  } catch (err) {
    await engine.dispose();
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new CoreError(
        'environment',
        `port ${port} is already in use; pick another with --port N (or --port 0 for any free port)`,
      );
    }
    throw err;
  }
  io.stdout(`${server.url}\n`);
  io.stderr(
    `TripletLens is serving files under ${root}\nOpen the URL above in a browser. Press Ctrl+C to stop.\n`,
  );
  engine.onEvent((event) => {
    if (event.type === 'worker-exit') io.stderr(`tripletlens serve: ${afterPrefix(event.message)}\n`);
  });
  if (flag(args, 'open')) openBrowser(server.url, (message) => io.stderr(`tripletlens serve: ${message}\n`));

  const running = server;
  await new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      io.stderr('tripletlens serve: shutting down\n');
      void Promise.all([running.close(), engine.dispose()]).then(() => done());
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return 0;
};
