/**
 * The output locks of the command running (util/output-lock.ts): `train` and `embed` take them once their
 * outputs are checked, before any work — a second run writing the same files is refused then, not after an
 * hour of training — and `main` releases them when the command ends, whether it succeeded, failed or was
 * stopped by Ctrl-C or SIGTERM.
 */
import { lockOutputs, type OutputLock } from '../util/output-lock.js';

/** A destination as a command names it (command-outputs.ts' CommandOutput, without importing its readers). */
export interface LockedOutput {
  option: string;
  path: string;
  madeFrom?: string;
}

/** The locks the running command took, released by `releaseCommandLocks`. */
const taken: OutputLock[] = [];

/** An argument as one shell word: bare when it holds only plain characters (paths, numbers, flags), else quoted. */
function shellArg(arg: string): string {
  return /^[\w./:=@%+,-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** "tripletlens train data.csv --out results/": the command line a refused run's message names. */
export function commandLine(command: string, argv: readonly string[]): string {
  return ['tripletlens', command, ...argv.map(shellArg)].join(' ');
}

/** "--out /data/x.csv", or a path the user did not give with where it came from (as OutputSet names it). */
function described(output: LockedOutput): string {
  if (output.madeFrom === undefined) return `${output.option} ${output.path}`;
  return `${output.path} (${output.madeFrom}; no ${output.option} was given)`;
}

/**
 * Locks a command's outputs until the command ends (`releaseCommandLocks`); refuses, naming the other run,
 * when another process is writing one of them. A stale lock taken over is said as a `note:` line.
 * @param argv the command's arguments, written in the lock for the message of a run it refuses
 * @param say prints a line of the terminal's (default: none said)
 */
export async function lockCommandOutputs(
  command: string,
  argv: readonly string[],
  outputs: readonly LockedOutput[],
  say: (line: string) => void = () => undefined,
): Promise<void> {
  const requests = outputs.map((output) => ({
    path: output.path,
    what: described(output),
    advice: `give ${output.option} another path`,
  }));
  const lock = await lockOutputs(requests, { command: commandLine(command, argv) });
  taken.push(lock);
  for (const note of lock.notes) say(`note: ${note}\n`);
}

/** Releases every lock the command took (main calls it as the command ends, however it ends). */
export function releaseCommandLocks(): void {
  for (const lock of taken.splice(0)) lock.release();
}
