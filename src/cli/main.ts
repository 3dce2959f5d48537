/**
 * `tripletlens` entry point: dispatches to one module per command, loaded lazily so that `inspect`,
 * `--help` or `--version` never pays for loading TensorFlow.
 */
import { processIo, type CliCommand, type CliIo } from './io.js';
import { CoreError } from '../api/core-error.js';
import { releaseCommandLocks } from './command-locks.js';
import { packageVersion } from '../util/paths.js';
import { closestName } from '../api/closest-name.js';
import { interruptedExitCode, isInterruption, watchCommandSignals } from './interrupt.js';
import { afterPrefix } from './error-text.js';
import { asksForJson, jsonFailure, jsonFailureText } from './json-failure.js';

/**
 * The commands: `summary` for the overview, `load` the module, `json` when it takes `--json` (a failure is
 * then printed on stdout as one JSON object too, `json-failure.ts`).
 */
const COMMANDS: Record<string, { summary: string; load: () => Promise<CliCommand>; json?: boolean }> = {
  inspect: {
    summary: 'describe an expression file: shape, label column, counts or log, preprocessing',
    json: true,
    load: async () => (await import('./commands/inspect.js')).inspectCommand,
  },
  train: {
    summary: 'train a triplet-loss encoder and write coordinates, model and report',
    json: true,
    load: async () => (await import('./commands/train.js')).trainCommand,
  },
  embed: {
    summary: 'project a new file through a trained model',
    json: true,
    load: async () => (await import('./commands/embed.js')).embedCommand,
  },
  serve: {
    summary: 'serve the TripletLens UI on 127.0.0.1 for a browser',
    load: async () => (await import('./commands/serve.js')).serveCommand,
  },
  doctor: {
    summary: 'report the compute backend in use, versions, and how to get the native one',
    json: true,
    load: async () => (await import('./commands/doctor.js')).doctorCommand,
  },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(8)} ${c.summary}`);
  const options = ['  -V, --version  print the version and exit', '  -h, --help     show this help'];
  return `Usage: tripletlens <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nOptions:\n${options.join('\n')}\n\nRun 'tripletlens <command> --help' for a command's options.\n`;
}

/**
 * The exit code of a failed command: 2 for a bad argument (a 'bad-request' CoreError, UsageError and
 * OptionError included), 130 for a Ctrl-C that stopped it and 143 for a SIGTERM (as a shell reports a
 * process the signal stopped, so a script tells it from a failure), else 1.
 */
export function exitCodeFor(err: unknown): number {
  if (isInterruption(err)) return interruptedExitCode(err);
  return err instanceof CoreError ? err.exitCode : 1;
}

/** Runs the CLI and returns the exit code (0 ok, 1 failure, 2 usage error, 130 Ctrl-C, 143 SIGTERM). */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  // `tripletlens help train` is train's help (as `git help` and `npm help` take a command); printed the
  // overview, it sent the user round to `tripletlens train --help`
  // `help trian` is refused as `trian` is (exit 2, the nearest command): the overview with exit 0 read as if
  // the command existed
  if (name === 'help' && rest.length > 0 && !rest[0].startsWith('-')) {
    return main(Object.hasOwn(COMMANDS, rest[0]) ? [rest[0], '--help'] : [rest[0]], io);
  }
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-V') {
    io.stdout(`${packageVersion()}\n`);
    return 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    const names = Object.keys(COMMANDS);
    if (name.startsWith('-')) {
      // an option before any command (-v, --json): name the ones that go there, not the commands
      io.stderr(
        `tripletlens: unknown option '${name}'; before a command only -V/--version and -h/--help are valid (a command's own options follow it: tripletlens <command> --help lists them). Valid commands: ${names.join(', ')}\n`,
      );
      return 2;
    }
    const near = closestName(name, names);
    const hint = near === undefined ? '' : ` (did you mean '${near}'?)`;
    io.stderr(`tripletlens: unknown command '${name}'${hint}. Valid commands: ${names.join(', ')}\n`);
    return 2;
  }
  // serve runs until it is stopped, and says nothing of a stop; the other commands' stop is a result to report
  const watch = name === 'serve' ? undefined : watchCommandSignals();
  try {
    const run = (async () => (await command.load())(rest, io))();
    if (watch === undefined) return await run;
    // the work under way when a signal stops the command is not waited for (the CLI exits, run.ts)
    run.catch(() => undefined);
    return await Promise.race([run, watch.stopped]);
  } catch (err) {
    // a script reading --json's stdout gets the failure there too, as doctor's {"error": …}; stderr is unchanged
    if (command.json === true && asksForJson(rest))
      io.stdout(jsonFailureText(jsonFailure(err, exitCodeFor(err))));
    if (err instanceof Error && exitCodeFor(err) === 2) {
      // every message names the command, as the other errors do; some are built with it already
      const own = err.message.startsWith('tripletlens');
      io.stderr(own ? `${err.message}\n` : `tripletlens ${name}: ${afterPrefix(err.message)}\n`);
      return 2;
    }
    const message = err instanceof Error ? err.message : String(err);
    io.stderr(`tripletlens ${name}: ${afterPrefix(message)}\n`);
    if (process.env.TRIPLETLENS_DEBUG && err instanceof Error) io.stderr(`${err.stack}\n`);
    return exitCodeFor(err);
  } finally {
    watch?.end();
    // the outputs another run may now write: released however the command ended
    releaseCommandLocks();
  }
}
