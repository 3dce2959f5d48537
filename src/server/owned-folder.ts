/**
 * A server's own temporary folder (uploads, downloads): made on first use with a file naming the process that
 * owns it, removed when the server closes — and, when a server was killed before it could remove it, by the
 * next server's sweep, which removes folders whose owner process no longer runs.
 */
import { rmSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeError } from '../util/write-error.js';
import { processAlive } from '../util/output-leftovers.js';
import { HttpError } from './http-error.js';

/** The file in a server's folder naming the process that owns it. */
export const OWNER_FILE = 'owner.pid';

export class OwnedFolder {
  private made: Promise<string> | null = null;
  /** The folder once made (for removeSync). */
  private known: string | undefined;

  /** `prefix`: the folder's name before mkdtemp's suffix; `parentDir`: where it is made (default os.tmpdir()). */
  constructor(
    private readonly prefix: string,
    private readonly parentDir: string = tmpdir(),
  ) {}

  /**
   * The folder's path, made with its owner file on the first call. A folder that cannot be made (a full or
   * read-only TMPDIR) is an HttpError naming the parent folder, and the next call tries again: the failure
   * is not kept, so the server recovers once there is room.
   */
  path(): Promise<string> {
    if (this.made) return this.made;
    const made = this.make().catch((err: unknown) => {
      if (this.made === made) this.made = null;
      throw err;
    });
    this.made = made;
    return made;
  }

  private async make(): Promise<string> {
    let dir: string | undefined;
    try {
      dir = await mkdtemp(join(this.parentDir, this.prefix));
      // whose folder this is, so a later server can remove it if this process dies without cleaning up
      await writeFile(join(dir, OWNER_FILE), String(process.pid));
      return (this.known = dir);
    } catch (err) {
      // a folder without its owner file would never be swept: it goes now
      if (dir !== undefined) await rm(dir, { recursive: true, force: true }).catch(() => undefined);
      const code = (err as NodeJS.ErrnoException | undefined)?.code;
      const full = code === 'ENOSPC' || code === 'EDQUOT';
      throw new HttpError(
        full ? 507 : 500,
        `The server cannot make its temporary folder in ${this.parentDir}: ${writeError(err, this.parentDir).reason}. Free some disk space there, or restart 'tripletlens serve' with TMPDIR set to a folder with room.`,
      );
    }
  }

  /** Removes the folder and everything in it (a later `path()` makes a new one). */
  async remove(): Promise<void> {
    const made = this.made;
    this.made = null;
    // a folder that could not be made left nothing to remove
    const dir = await made?.catch(() => undefined);
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
    this.known = undefined;
  }

  /** The same, synchronously, for a process 'exit' handler (which cannot wait). */
  removeSync(): void {
    if (this.known) rmSync(this.known, { recursive: true, force: true });
  }

  /**
   * Removes the folders named `prefix`… in `parentDir` left behind by servers that were killed (SIGKILL, a
   * crash) before they could delete them: folders whose owner process no longer runs. Returns their paths.
   */
  static async sweepStale(prefix: string, parentDir: string = tmpdir()): Promise<string[]> {
    const removed: string[] = [];
    for (const name of await readdir(parentDir).catch(() => [] as string[])) {
      if (!name.startsWith(prefix)) continue;
      const folder = join(parentDir, name);
      const owner = Number(await readFile(join(folder, OWNER_FILE), 'utf8').catch(() => NaN));
      if (!Number.isInteger(owner) || owner <= 0 || processAlive(owner)) continue;
      await rm(folder, { recursive: true, force: true });
      removed.push(folder);
    }
    return removed;
  }
}
