/**
 * An exclusive lock on a set of outputs, so two runs writing the same destinations at once are kept apart.
 * Each write is atomic (output-set.ts), but two runs — the same `train --out results/` started twice, or the
 * app's Export into a file a CLI run is writing — each renamed their own files into place, and the set ended
 * mixed: coordinates of one run beside the run.json and model folder of the other, silently.
 *
 * Each destination has a lock file beside it, `.NAME.lock` (beside the file or folder the path names, a link
 * followed, so two spellings of one destination share it), created with O_EXCL and holding who
 * writes it: pid, host, command, start time. A run takes the locks of all its outputs before it starts work
 * and refuses, naming the other run, when one is held; one whose pid no longer runs on this machine is stale
 * and taken over, said in a note. The locks are released when the run ends, however it ends: `release`, the
 * process's exit, or a Ctrl-C or SIGTERM that nothing else stops cleanly (see `onSignal`).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, rmdirSync, unlinkSync } from 'node:fs';
import * as nodeFs from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { linkTarget } from './link-target.js';
import { processAlive } from './output-leftovers.js';
import { WriteError, writeError } from './write-error.js';

/** Who holds a lock: what its file says. */
export interface LockHolder {
  pid: number;
  host: string;
  /** The command line, or what in the app writes ("the app's Export ▸ AnnData .h5ad"). */
  command: string;
  /** When the lock was taken (ISO 8601). */
  started: string;
  /** Tells this lock from another of the same pid: only its taker removes it. */
  token: string;
}

/** One destination to lock. */
export interface LockRequest {
  path: string;
  /** How messages name it, in the caller's words ("--out /data/x.csv", or just the path). */
  what: string;
  /** What to do instead, in the caller's words ("give --out another path"). */
  advice: string;
}

/** Who takes the locks, and how a stale one is told. */
export interface LockOptions {
  /** Written in the lock for a refused run's message: the command line, or the app's button. */
  command: string;
  /** Whether a pid of this machine runs (default: processAlive). */
  alive?: (pid: number) => boolean;
}

/** The locks of one run's outputs, held until `release`. */
export interface OutputLock {
  /** One sentence per stale lock taken over, naming the destination and the run that had left it. */
  readonly notes: readonly string[];
  /** Removes the lock files (only while they are still this run's) and the folders taking them made. */
  release(): void;
}

/** A destination another run is writing: its message names the destination, that run and what to do. */
export class OutputLockedError extends WriteError {
  override name = 'OutputLockedError';
  constructor(
    reason: string,
    destination: string,
    what: string,
    /** The lock file's holder; undefined when the file could not be read as a lock. */
    readonly holder: LockHolder | undefined,
    readonly lockFile: string,
  ) {
    super(reason, destination, 'EBUSY', what);
  }
}

/** Tries to take a held or changing lock this many times before refusing (a lock released meanwhile, a folder removed). */
const ATTEMPTS = 5;

/** The lock file of `target` (the destination, links resolved): a hidden name beside it. */
export function lockFileOf(target: string): string {
  return join(dirname(target), `.${basename(target)}.lock`);
}

/** "2026-12-05 09:41:03 UTC": a start time as the refusal says it (any zone's reader sees UTC said). */
function when(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** "pid 4242 on this machine (tripletlens train d.csv --out results/), started 2026-12-05 09:41:03 UTC". */
export function holderWords(holder: LockHolder): string {
  const where = holder.host === hostname() ? 'this machine' : `the machine ${holder.host}`;
  return `pid ${holder.pid} on ${where} (${holder.command}), started ${when(holder.started)}`;
}

/** The holder a lock file's text names, or undefined when it is not a lock's (empty, cut short, edited). */
function parseHolder(text: string): LockHolder | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockHolder> | null;
    if (
      typeof value?.pid === 'number' &&
      typeof value.host === 'string' &&
      typeof value.command === 'string' &&
      typeof value.started === 'string' &&
      typeof value.token === 'string'
    ) {
      return value as LockHolder;
    }
  } catch {
    // not JSON: said as a lock that does not say who holds it
  }
  return undefined;
}

/** Whether the holder is gone for sure: a pid of this machine that no longer runs (another's cannot be checked). */
function stale(holder: LockHolder, alive: (pid: number) => boolean): boolean {
  return holder.host === hostname() && !alive(holder.pid);
}

function refusal(
  request: LockRequest,
  target: string,
  lockFile: string,
  holder?: LockHolder,
): OutputLockedError {
  const who =
    holder === undefined
      ? `another run holds its lock ${lockFile}, which does not say which`
      : `another TripletLens run is writing it now: ${holderWords(holder)}`;
  const gone =
    holder === undefined
      ? `if no TripletLens run is writing it, delete ${lockFile}`
      : `if pid ${holder.pid} is no TripletLens run, delete its lock ${lockFile}`;
  const reason = `${who}. Nothing was done: wait for that run to finish, or ${request.advice} (${gone})`;
  return new OutputLockedError(reason, target, request.what, holder, lockFile);
}

function errnoCode(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | undefined)?.code;
}

/** Creates the lock file with O_EXCL and its holder in it; false when one is there. */
async function create(lockFile: string, holder: LockHolder): Promise<boolean> {
  let handle: nodeFs.FileHandle;
  try {
    handle = await nodeFs.open(lockFile, 'wx');
  } catch (err) {
    if (errnoCode(err) === 'EEXIST') return false;
    throw err;
  }
  try {
    await handle.writeFile(`${JSON.stringify(holder)}\n`);
  } finally {
    await handle.close();
  }
  return true;
}

/**
 * Moves a stale lock out of the way: renamed to a name of this process's, then read back — another taker may
 * have replaced it with its own live lock between our read and the rename, which is then put back. True
 * when the stale lock (`text`) was removed.
 */
async function removeStale(lockFile: string, text: string): Promise<boolean> {
  const grave = `${lockFile}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await nodeFs.rename(lockFile, grave);
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return false; // taken over or released meanwhile: try again
    throw err;
  }
  const moved = await nodeFs.readFile(grave, 'utf8').catch(() => '');
  if (moved !== text) await nodeFs.link(grave, lockFile).catch(() => undefined);
  await nodeFs.rm(grave, { force: true });
  return moved === text;
}

interface Taken {
  lockFile: string;
  token: string;
  /** The outermost folder taking the lock created (its folder did not exist yet), else undefined. */
  created: string | undefined;
}

/** Where a destination's lock goes: beside what the path names, its folder made when missing. */
async function placeOf(request: LockRequest): Promise<{ target: string; created: string | undefined }> {
  const end = await linkTarget(nodeFs, request.path, request.what);
  try {
    const created = await nodeFs.mkdir(dirname(end), { recursive: true });
    // a folder reached through a link holds the same lock file: nothing more to resolve
    return { target: end, created };
  } catch (err) {
    throw writeError(err, request.path, request.what);
  }
}

/** Takes one destination's lock, taking over a stale one; refuses a live one. */
async function takeOne(
  request: LockRequest,
  holder: LockHolder,
  alive: (pid: number) => boolean,
  notes: string[],
): Promise<Taken> {
  let place = await placeOf(request);
  const lockFile = lockFileOf(place.target);
  let other: LockHolder | undefined;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    try {
      if (await create(lockFile, holder)) return { lockFile, token: holder.token, created: place.created };
    } catch (err) {
      // its folder removed meanwhile (an empty one another run had made and released): make it again
      if (errnoCode(err) !== 'ENOENT') throw writeError(err, request.path, request.what);
      place = await placeOf(request);
      continue;
    }
    const text = await nodeFs.readFile(lockFile, 'utf8').catch(() => undefined);
    if (text === undefined) continue; // released meanwhile
    other = parseHolder(text);
    if (other === undefined || !stale(other, alive)) throw refusal(request, place.target, lockFile, other);
    if (await removeStale(lockFile, text)) {
      notes.push(
        `${request.what}: took over the lock ${lockFile} left by a run that is no longer running — ${holderWords(other)}`,
      );
    }
  }
  throw refusal(request, place.target, lockFile, other);
}

/** Removes a lock file while it is still this run's. */
function unlock(taken: Taken): void {
  try {
    if (parseHolder(readFileSync(taken.lockFile, 'utf8'))?.token === taken.token) unlinkSync(taken.lockFile);
  } catch {
    // gone already, or unreadable: nothing of ours to remove
  }
}

/** Removes the folders taking a lock made, from the lock's up to the outermost, each only while empty. */
function removeMadeFolders(taken: Taken): void {
  if (taken.created === undefined) return;
  for (let folder = dirname(taken.lockFile); ; folder = dirname(folder)) {
    try {
      rmdirSync(folder);
    } catch {
      return; // not empty (a run's outputs, another run's lock) or gone: it stays
    }
    if (folder === taken.created || dirname(folder) === folder) return;
  }
}

/** Releases locks: every lock file first, then the folders — a run's other locks may share one. */
function releaseLocks(locks: readonly Taken[]): void {
  for (const taken of locks) unlock(taken);
  for (const taken of locks) removeMadeFolders(taken);
}

/** Every lock this process holds, released at its exit whatever did not release them before. */
const held = new Set<Taken>();

function releaseAll(): void {
  releaseLocks([...held]);
  held.clear();
  unlisten();
}

/**
 * A Ctrl-C or SIGTERM while a lock is held. When another listener handles it (the CLI's `withInterrupt`
 * stops a run cleanly, and its command's end releases the locks), nothing is done here; else the signal
 * would end the process at once with the locks left behind, so they are released and the signal raised
 * again, ending the process as it would have (exit 130 or 143 as the shell reports it).
 */
function onSignal(signal: NodeJS.Signals): void {
  if (process.listenerCount(signal) > 1) return;
  releaseAll();
  process.kill(process.pid, signal);
}

let listening = false;

function listen(): void {
  if (listening) return;
  listening = true;
  process.on('exit', releaseAll);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

function unlisten(): void {
  if (!listening || held.size > 0) return;
  listening = false;
  process.off('exit', releaseAll);
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
}

/**
 * Takes the locks of every destination in `requests` (all or none: a refusal releases those taken), before
 * any work. Refuses with an OutputLockedError naming the destination and the run writing it.
 */
export async function lockOutputs(
  requests: readonly LockRequest[],
  options: LockOptions,
): Promise<OutputLock> {
  const alive = options.alive ?? processAlive;
  const holder: LockHolder = {
    pid: process.pid,
    host: hostname(),
    command: options.command,
    started: new Date().toISOString(),
    token: randomBytes(8).toString('hex'),
  };
  const notes: string[] = [];
  const taken: Taken[] = [];
  const release = (): void => {
    const mine = taken.splice(0);
    for (const one of mine) held.delete(one);
    releaseLocks(mine);
    unlisten();
  };
  try {
    for (const request of requests) {
      const one = await takeOne(request, holder, alive, notes);
      taken.push(one);
      held.add(one);
      listen();
    }
  } catch (err) {
    release();
    throw err;
  }
  return { notes, release };
}

/** Runs `write` holding the locks of `requests`, released however it ends; returns its value and the notes. */
export async function withOutputLock<T>(
  requests: readonly LockRequest[],
  options: LockOptions,
  write: () => Promise<T>,
): Promise<{ value: T; notes: readonly string[] }> {
  const lock = await lockOutputs(requests, options);
  try {
    return { value: await write(), notes: lock.notes };
  } finally {
    lock.release();
  }
}
