/**
 * All-or-nothing outputs of one run (the coordinates, the report, the model folder…).
 *
 *   const outputs = new OutputSet();
 *   outputs.declare('--out', out);                   // before any work: what will be written
 *   outputs.declare('--model', modelDir, 'folder');
 *   await outputs.checkWritable();                   // fails now, not after an hour of training
 *   …work…
 *   outputs.stage(out, (temp) => writeFile(temp, csv));
 *   outputs.stage(modelDir, (tempDir) => fillModelFolder(run, tempDir));
 *   await outputs.commit();
 *
 * `commit` writes every output to a temporary name in its own directory (so the final rename stays on one
 * file system), flushes it to the disk (fsync), and renames them into place only when all were written. On any failure it removes what it
 * wrote, puts back what it moved aside and throws a WriteError naming the destination: no new file appears
 * and the old ones stay intact. What a commit killed outright (kill -9, a power cut) left beside a
 * destination is tidied by the next checkWritable or commit of that destination (output-leftovers.ts).
 */
import * as nodeFs from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { WriteError, writeError } from './write-error.js';
import { CoreError } from '../api/core-error.js';
import { linkTarget } from './link-target.js';
import {
  processAlive,
  restoredNote,
  tidyLeftovers,
  tidyProbes,
  type LeftoverFs,
} from './output-leftovers.js';
import { probeName, sibling } from './sibling-name.js';
import { stoppedBy, stopWords } from './stop-request.js';

export { sibling } from './sibling-name.js';

/** A file, or a folder written as a whole. */
export type OutputKind = 'file' | 'folder';

/** Writes one output at `tempPath`: a file to create, or (for a folder) an existing empty folder to fill. */
export type OutputWriter = (tempPath: string) => Promise<void>;

/** The file-system calls an OutputSet makes (injectable so tests can fail any of them). */
export interface OutputFs {
  mkdir: typeof nodeFs.mkdir;
  rename: typeof nodeFs.rename;
  link: typeof nodeFs.link;
  rm: typeof nodeFs.rm;
  stat: typeof nodeFs.stat;
  open: typeof nodeFs.open;
  readdir: typeof nodeFs.readdir;
  lstat: typeof nodeFs.lstat;
  realpath: typeof nodeFs.realpath;
  readlink: typeof nodeFs.readlink;
}

interface Output {
  /** The option the user named it with, for messages ("--out"). */
  option: string;
  path: string;
  /**
   * What is written: `path`, or where it points when it is a symbolic link (resolved by checkWritable and
   * commit), so that the link stays a link to the new content instead of being replaced by a file.
   */
  target: string;
  kind: OutputKind;
  /**
   * Where the path came from when the user did not give it ("made from the input's name"): the messages say
   * so, not "--out PATH" of an option never given, and a name too long tells which option chooses another.
   */
  madeFrom?: string;
  write?: OutputWriter;
}

/** How an existing destination was kept during a commit: hard-linked, moved aside, or nothing was there. */
type Kept = 'linked' | 'moved' | undefined;

interface Swapped {
  output: Output;
  aside: string;
  kept: Kept;
}

/** Bytes the writability probe writes (and syncs): enough to need a data block on any file system. */
const PROBE_BYTES = 4096;

/**
 * "--out /data/x.csv" (or just the path when no option named it); a path the user did not give says where it
 * came from: "/data/x.coords.csv (made from the input's name; no --out was given)".
 */
function described(output: Output): string {
  if (output.madeFrom !== undefined) {
    const given = output.option ? `; no ${output.option} was given` : '';
    return `${output.path} (${output.madeFrom}${given})`;
  }
  return output.option ? `${output.option} ${output.path}` : output.path;
}

/**
 * The WriteError of `err` for `output` (writeError's); a name too long that the user never gave says which
 * option chooses a shorter one: they cannot shorten what they did not type.
 */
function writeFailure(err: unknown, output: Output, temporaries: readonly string[] = []): WriteError {
  const failure = writeError(err, output.path, described(output), temporaries);
  if (failure.code !== 'ENAMETOOLONG' || output.madeFrom === undefined || !output.option) return failure;
  const reason = `${failure.reason}; give ${output.option} to choose a shorter one`;
  return new WriteError(reason, output.path, failure.code, described(output));
}

/**
 * The error of a commit cancelled before its renames, naming every output: none was replaced. It names the
 * signal that stopped it (Ctrl-C, SIGTERM), which it keeps as its `cause` for the exit code. What became of
 * the previous files is added by `withPreviousNote`, which knows which of them existed.
 */
function cancelled(outputs: readonly Output[], signal: AbortSignal): WriteError {
  const by = stopWords(stoppedBy(signal));
  const reason = `cancelled (${by}); nothing was written`;
  const err = new WriteError(reason, outputs[0].path, 'ECANCELED', outputs.map(described).join(', '));
  err.cause = signal.reason;
  return err;
}

/** "--out", "--out and --report", "--out, --report and --model". */
function listed(names: readonly string[]): string {
  return names.length < 2
    ? names.join('')
    : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function errnoCode(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | undefined)?.code;
}

/** The outputs of one run, declared before the work and committed together after it. */
export class OutputSet {
  private readonly outputs: Output[] = [];
  /** `kind target` of the destinations already tidied: checkWritable's tidying spares commit another. */
  private readonly tidied = new Set<string>();
  /** What tidying put back (`restoredNote`), once each, in the order it happened. */
  private readonly restored: string[] = [];

  /**
   * @param fs the file-system calls to use (default: node:fs/promises).
   * @param alive whether a pid of this machine runs, for leftovers of killed writers (default: processAlive).
   */
  constructor(
    private readonly fs: OutputFs = nodeFs,
    private readonly alive: (pid: number) => boolean = processAlive,
  ) {}

  /**
   * Declares a destination: checked by checkWritable, and commit refuses to run until it is staged.
   * @param option how the user named it in messages ("--out"; '' for just the path)
   * @param kind 'file' (default) or 'folder' (written as a whole, replacing an existing folder)
   * @param madeFrom where the path came from when `option` was not given ("made from the input's name"),
   *   said in its messages (default: undefined, the user gave the path with `option`)
   */
  declare(option: string, path: string, kind: OutputKind = 'file', madeFrom?: string): void {
    const absolute = resolve(path);
    if (this.find(absolute)) throw new CoreError('internal', `${absolute} is declared twice`);
    this.outputs.push({
      option,
      path: absolute,
      target: absolute,
      kind,
      ...(madeFrom === undefined ? {} : { madeFrom }),
    });
  }

  /** Gives a declared destination the writer that produces it (a later call replaces the writer). */
  stage(path: string, write: OutputWriter): void {
    const output = this.find(resolve(path));
    if (!output) throw new CoreError('internal', `${resolve(path)} was not declared as an output`);
    output.write = write;
  }

  /**
   * What checkWritable and commit put back: a destination whose previous content a killed writer had left
   * aside as its only copy (output-leftovers.ts), one sentence each naming the file — for the CLI to print
   * and the page to show; tidying itself is unchanged.
   */
  get notes(): readonly string[] {
    return [...this.restored];
  }

  /** The declared destinations, in declaration order. */
  get destinations(): readonly { option: string; path: string; kind: OutputKind }[] {
    return this.outputs.map(({ option, path, kind }) => ({ option, path, kind }));
  }

  /**
   * Checks that every destination can be written: it is of the right kind (a file is not a folder…) and a
   * probe file can be created, written, synced and removed in the folder it will be created in (its
   * nearest existing ancestor when that folder does not exist yet). Writes nothing that stays.
   */
  async checkWritable(): Promise<void> {
    await this.resolveLinks();
    const fs = this.listingOnce();
    for (const output of this.outputs) {
      await this.checkKind(output);
      await this.tidy(output, fs);
      const folder = await this.nearestFolder(output);
      await tidyProbes(fs, folder, this.alive);
      await this.probe(folder, output);
    }
  }

  /**
   * Writes every staged output under a temporary name, then renames them all into place (or none).
   * @param signal cancels the commit (Ctrl-C, SIGTERM: a `StopRequest` reason names which): the output being written is finished, then every temporary
   *   is removed and a WriteError (code ECANCELED) says nothing was replaced. Once the renames start they
   *   all run (default: no cancelling).
   */
  async commit(signal?: AbortSignal): Promise<void> {
    const missing = this.outputs.filter((o) => o.write === undefined).map((o) => o.option);
    if (missing.length)
      throw new CoreError('internal', `outputs declared but never staged: ${missing.join(', ')}`);
    await this.resolveLinks();
    const fs = this.listingOnce();
    for (const output of this.outputs) {
      await this.checkKind(output);
      await this.tidy(output, fs);
    }
    const temps = new Map<Output, string>();
    const createdFolders: string[] = [];
    try {
      for (const output of this.outputs) {
        if (signal?.aborted) throw cancelled(this.outputs, signal);
        await this.writeTemporary(output, temps, createdFolders);
      }
      if (signal?.aborted && this.outputs.length > 0) throw cancelled(this.outputs, signal);
    } catch (err) {
      await this.cleanUp([...temps.values()], createdFolders);
      throw await this.withPreviousNote(err, []);
    }
    await this.swapIn(temps, createdFolders);
  }

  /**
   * An output as "the previous …" names it: by its option, else "file"/"folder" when alone (the message names
   * it); one whose path was made for the user (`madeFrom`) by that path — they never gave its option.
   */
  private previousName(output: Output): string {
    if (output.madeFrom !== undefined) return output.path;
    if (output.option) return output.option;
    return this.outputs.length === 1 ? output.kind : output.path;
  }

  /**
   * A failed commit's WriteError with what became of the destinations' previous content: a user whose write
   * failed was not told that the file it would have replaced is still there — "; the previous --out is
   * unchanged" — or, when putting a kept-aside copy back failed, where it now is. `lost`: the outputs whose
   * previous content could not be put back, with where it stays. A cancelled commit names only the outputs
   * that existed: "the previous files are unchanged" after a first run's Ctrl-C promised files never there.
   */
  private async withPreviousNote(err: unknown, lost: readonly [Output, string][]): Promise<unknown> {
    if (!(err instanceof WriteError)) return err;
    const output = this.outputs.find((o) => o.path === err.destination);
    if (output === undefined) return err;
    const kept = await this.keptNames(lost);
    if (err.code === 'ECANCELED') {
      if (kept.length === 0) return err;
      const note = `and the previous ${listed(kept)} ${kept.length === 1 ? 'is' : 'are'} unchanged`;
      const what = this.outputs.map(described).join(', ');
      const noted = new WriteError(`${err.reason} ${note}`, err.destination, err.code, what);
      noted.cause = err.cause;
      return noted;
    }
    const notes = [
      ...(kept.length === 0
        ? []
        : [`the previous ${listed(kept)} ${kept.length === 1 ? 'is' : 'are'} unchanged`]),
      ...lost.map(
        ([o, aside]) => `the previous ${this.previousName(o)} could not be put back: it is at ${aside}`,
      ),
    ];
    if (notes.length === 0) return err;
    return new WriteError(`${err.reason}; ${notes.join('; ')}`, err.destination, err.code, described(output));
  }

  /**
   * The outputs whose previous content is in place after a failed commit's clean-up, as "the previous …"
   * names them: a destination that exists holds its previous content (the new one is never left), unless
   * it is in `lost` (its previous content could not be put back).
   */
  private async keptNames(lost: readonly [Output, string][]): Promise<string[]> {
    const gone = new Set(lost.map(([o]) => o));
    const kept: string[] = [];
    for (const o of this.outputs) {
      if (gone.has(o)) continue;
      const exists = await this.fs.lstat(o.target).then(
        () => true,
        () => false,
      );
      if (exists) kept.push(this.previousName(o));
    }
    return kept;
  }

  /**
   * Refuses a destination that holds something of another kind: a folder where a file goes, a file where a
   * folder goes, or a device, pipe or socket (`--report /dev/null`): the commit renames a new file into
   * place, which would replace the device node rather than write to it.
   */
  private async checkKind(output: Output): Promise<void> {
    const what = described(output);
    const existing = await this.fs.stat(output.path).catch((err: unknown) => {
      // a name the file system cannot hold fails now, before the work, not when the commit writes it
      if (errnoCode(err) === 'ENAMETOOLONG') throw writeFailure(err, output);
      return undefined;
    });
    if (!existing) return;
    if (output.kind === 'file' && existing.isDirectory()) {
      throw new WriteError('it is a folder, not a file', output.path, 'EISDIR', what);
    }
    if (output.kind === 'folder' && !existing.isDirectory()) {
      throw new WriteError('it is a file, not a folder', output.path, 'ENOTDIR', what);
    }
    if (output.kind === 'file' && !existing.isFile()) {
      const reason =
        'it is a device, pipe or socket, not a regular file (TripletLens writes a new file and renames it ' +
        'into place, which would replace it); give the path of a file';
      throw new WriteError(reason, output.path, 'EINVAL', what);
    }
  }

  /**
   * Points each output that is a symbolic link at what it names (link-target.ts): the commit then writes its
   * temporary beside that file and renames it over it, and the user's link keeps working. A dangling link
   * is written through (its target created); one whose target's folder is missing is refused.
   */
  private async resolveLinks(): Promise<void> {
    for (const output of this.outputs) {
      output.target = await linkTarget(this.fs, output.path, described(output));
    }
  }

  /**
   * Removes what killed writers of this destination left beside it, and puts back an old copy a writer
   * killed between its renames left as the only one (output-leftovers.ts), before it is written again.
   */
  private async tidy(output: Output, fs: LeftoverFs): Promise<void> {
    const key = `${output.kind} ${output.target}`;
    if (this.tidied.has(key)) return;
    const putBack = await tidyLeftovers(fs, output.target, output.kind, this.alive);
    if (putBack !== undefined) this.restored.push(restoredNote(output.target, putBack));
    this.tidied.add(key);
  }

  /**
   * The calls tidying makes, with each folder's names read once: the outputs of a run mostly share a folder,
   * and reading one of 100 000 files takes some 80 ms of CPU (bench/README.md).
   */
  private listingOnce(): LeftoverFs {
    const read = new Map<string, Promise<string[]>>();
    const list = (folder: string): Promise<string[]> => {
      const names = read.get(folder) ?? this.fs.readdir(folder).catch(() => [] as string[]);
      read.set(folder, names);
      return names;
    };
    return { list, lstat: this.fs.lstat, rm: this.fs.rm, rename: this.fs.rename, link: this.fs.link };
  }

  private find(path: string): Output | undefined {
    return this.outputs.find((o) => o.path === path);
  }

  private async nearestFolder(output: Output): Promise<string> {
    let folder = dirname(output.target);
    for (;;) {
      const info = await this.fs.stat(folder).catch((err: unknown) => {
        // missing, or under a file: keep walking up to the folder or file that is there
        if (errnoCode(err) === 'ENOENT' || errnoCode(err) === 'ENOTDIR') return undefined;
        throw writeFailure(err, output);
      });
      if (info?.isDirectory()) return folder;
      if (info) {
        const what = described(output);
        throw new WriteError(`${folder} is a file, not a folder`, output.path, 'ENOTDIR', what);
      }
      const parent = dirname(folder);
      if (parent === folder) return folder;
      folder = parent;
    }
  }

  private async probe(folder: string, output: Output): Promise<void> {
    const probe = join(folder, probeName());
    let created = false;
    try {
      const handle = await this.fs.open(probe, 'wx');
      created = true;
      try {
        await handle.write(new Uint8Array(PROBE_BYTES));
        await handle.sync();
      } finally {
        await handle.close();
      }
    } catch (err) {
      const code = errnoCode(err);
      // a writable file in a folder that refuses new files was "permission denied" alone: the user checked
      // the file's mode, which is not what the write needs
      if (!created && (code === 'EACCES' || code === 'EPERM')) {
        throw new WriteError(
          `permission denied: its folder ${folder} does not let you create files there (each output is written beside its destination under a temporary name, then renamed into place)`,
          output.path,
          code,
          described(output),
        );
      }
      throw writeFailure(err, output, [probe]);
    } finally {
      if (created) await this.fs.rm(probe, { force: true }).catch(() => undefined);
    }
  }

  private async writeTemporary(output: Output, temps: Map<Output, string>, created: string[]): Promise<void> {
    const temp = sibling(output.target, 'tmp');
    try {
      const first = await this.fs.mkdir(dirname(output.target), { recursive: true }).catch(async (err) => {
        // a file where a folder of the path goes (EEXIST from mkdir): name it, not mkdir's own words
        if (errnoCode(err) === 'EEXIST' || errnoCode(err) === 'ENOTDIR') await this.nearestFolder(output);
        throw err;
      });
      if (first !== undefined) created.push(first);
      if (output.kind === 'folder') await this.fs.mkdir(temp);
      temps.set(output, temp);
      await (output.write as OutputWriter)(temp);
      await this.syncTemporary(temp, output.kind);
    } catch (err) {
      // already worded for this destination (nearestFolder's "… is a file, not a folder")
      if (err instanceof WriteError && err.destination === output.path) throw err;
      throw writeFailure(err, output, [temp]);
    }
  }

  /**
   * Flushes a written temporary to the disk before it is renamed over the destination: without it a power
   * cut soon after the rename can leave the destination empty or cut short where the file system writes the
   * rename before the data (ext4 without auto_da_alloc, XFS, btrfs) — the old file gone, the new one never
   * whole. A folder: every file in it, then its folders. It also brings out a network drive's late write
   * errors (NFS, SMB report them at fsync), while the old outputs are still in place.
   */
  private async syncTemporary(temp: string, kind: OutputKind): Promise<void> {
    if (kind === 'file') return this.syncFile(temp);
    const entries = await this.fs.readdir(temp, { recursive: true, withFileTypes: true });
    for (const entry of entries) {
      const path = join(entry.parentPath, entry.name);
      if (entry.isFile()) await this.syncFile(path);
      else if (entry.isDirectory()) await this.syncFolder(path);
    }
    await this.syncFolder(temp);
  }

  private async syncFile(path: string): Promise<void> {
    // 'r+': Windows flushes only a handle open for writing; a writer that made its file read-only (no
    // write permission for a user who is not root) is flushed through a read-only handle, as POSIX allows
    const handle = await this.fs.open(path, 'r+').catch((err: unknown) => {
      if (errnoCode(err) === 'EACCES' || errnoCode(err) === 'EPERM') return this.fs.open(path, 'r');
      throw err;
    });
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  /**
   * Flushes a folder's entries (the names renamed into it). Best effort: Windows cannot open a folder, and
   * some file systems refuse fsync on one (EINVAL); the files themselves are already on the disk.
   */
  private async syncFolder(path: string): Promise<void> {
    try {
      const handle = await this.fs.open(path, 'r');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    } catch {
      // nothing more can be done for the folder's entries; the data was flushed
    }
  }

  /** Keeps each existing destination aside, renames its temporary in; undoes all of it on a failure. */
  private async swapIn(temps: Map<Output, string>, createdFolders: string[]): Promise<void> {
    const done: Swapped[] = [];
    for (const output of this.outputs) {
      const temp = temps.get(output) as string;
      const aside = sibling(output.target, 'old');
      let kept: Kept = undefined;
      try {
        kept = await this.keepAside(output, aside);
        await this.fs.rename(temp, output.target);
        done.push({ output, aside, kept });
      } catch (err) {
        const lost: [Output, string][] = [];
        // this destination still holds its old content when it was linked; put it back when it was moved
        if (kept === 'linked') await this.fs.rm(aside, { force: true }).catch(() => undefined);
        if (kept === 'moved')
          await this.fs.rename(aside, output.target).catch(() => lost.push([output, aside]));
        lost.push(...(await this.undo(done)));
        await this.cleanUp([...temps.values()], createdFolders);
        throw await this.withPreviousNote(writeFailure(err, output, [temp, aside]), lost);
      }
    }
    for (const { aside, kept } of done) {
      if (kept) await this.fs.rm(aside, { recursive: true, force: true }).catch(() => undefined);
    }
    // the renames themselves are entries of the destinations' folders: flushed so a power cut keeps them
    for (const folder of new Set(this.outputs.map((o) => dirname(o.target)))) await this.syncFolder(folder);
  }

  /**
   * Keeps the existing destination under `aside` so a failed commit can put it back: a file is hard-linked
   * (it stays in place until the rename over it, which is atomic); a folder, or a file on a file system
   * without hard links, is moved. Undefined when there is nothing there.
   */
  private async keepAside(output: Output, aside: string): Promise<Kept> {
    if (output.kind === 'file') {
      try {
        await this.fs.link(output.target, aside);
        return 'linked';
      } catch (err) {
        if (errnoCode(err) === 'ENOENT') return undefined;
        // no hard links here: fall back to moving it aside
      }
    }
    try {
      await this.fs.rename(output.target, aside);
      return 'moved';
    } catch (err) {
      if (errnoCode(err) === 'ENOENT') return undefined;
      throw err;
    }
  }

  /**
   * Puts back what the outputs already swapped in replaced (or removes them when they were new); returns the
   * outputs whose previous content could not be put back, with where it stays.
   */
  private async undo(done: Swapped[]): Promise<[Output, string][]> {
    const lost: [Output, string][] = [];
    for (const { output, aside, kept } of [...done].reverse()) {
      if (kept !== 'linked')
        await this.fs.rm(output.target, { recursive: true, force: true }).catch(() => undefined);
      if (kept) await this.fs.rename(aside, output.target).catch(() => lost.push([output, aside]));
    }
    return lost;
  }

  private async cleanUp(temps: string[], createdFolders: string[]): Promise<void> {
    for (const temp of temps) await this.fs.rm(temp, { recursive: true, force: true }).catch(() => undefined);
    // folders commit created for the outputs (outermost first in the list; each held only our temporaries)
    for (const folder of createdFolders) {
      await this.fs.rm(folder, { recursive: true, force: true }).catch(() => undefined);
    }
  }
}
