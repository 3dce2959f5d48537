/**
 * Uploads for `tripletlens serve`, streamed to temporary files: the page POSTs a file's bytes to
 * /api/upload, the server writes them straight to disk (never holding the body in memory), and the engine
 * opens the temporary file by path like any other. The size limit follows the free disk space of the
 * temporary folder (statfs), optionally capped by `--max-upload-mb`.
 *
 * Lifetime: an upload lives while it is the loaded dataset (or its metadata), or the session file last opened
 * (the engine's host reopens it after a worker crash), or the last file that failed to open (the page may
 * re-open it with other settings), or the file projected onto the map with the metadata file joined to its
 * cells while that projection is live (a crash replay projects it again, src/worker/projection-replay.ts), or
 * before it is first opened; every other upload is deleted as soon as the engine call that made it unneeded
 * returns, and the whole folder on close(). The projection ends with the engine's next projection or other
 * data opened (a call), a run finished or a crash that did not bring it back (the engine's events, given to
 * `releaseProjection`), or the page removing its cells (`releaseProjection`, DELETE /api/upload?projection=).
 * One the page gives up on before any call used it — a projected file whose metadata file then failed to
 * upload — is deleted when the page says so (`discard`, DELETE /api/upload).
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { EngineRequestMethod, FileSource } from '../api/engine-api.js';
import { EngineError } from '../api/errors.js';
import type { UploadReceipt } from '../api/server-files.js';
import { UPLOAD_FOLDER_PREFIX } from '../api/upload-folder.js';
import { DEFAULT_RESERVE_BYTES, diskRoom, megabytes, reserveFlag, uploadFlag } from './disk-room.js';
import { HttpError } from './http-error.js';
import { OwnedFolder } from './owned-folder.js';
import { writeError } from '../util/write-error.js';

export interface UploadStoreOptions {
  /** Folder the temporary upload folder is made in. Default: os.tmpdir(). */
  parentDir?: string;
  /** Largest upload accepted, in bytes, whatever the free space. Default: no cap beyond free disk space. */
  maxBytes?: number;
  /** Free space an upload must leave on the disk, in bytes. Default 256 MiB. */
  reserveBytes?: number;
  /** An upload that sends nothing for this long is abandoned, in ms. Default 60 000. */
  idleMs?: number;
}

/** The upload id of an 'uploaded' source, else null. */
function uploadIdOf(source: unknown): string | null {
  return typeof source === 'object' && source !== null && (source as FileSource).kind === 'uploaded'
    ? String((source as { uploadId: unknown }).uploadId)
    : null;
}

/** A file name safe to create: the last path part, without control characters, at most 200 characters. */
export function safeFileName(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const base = (name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  const clean = base === '.' || base === '..' ? '' : base;
  return (clean || 'upload').slice(-200);
}

/** Counts bytes through a stream and fails once more than `limit` passed. */
function byteLimit(limit: number, tooLarge: () => Error): Transform & { count: () => number } {
  let count = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      count += chunk.length;
      if (count > limit) done(tooLarge());
      else done(null, chunk);
    },
  });
  return Object.assign(meter, { count: () => count });
}

/**
 * Why an upload was not stored, for the page: the server's own refusals as they are; the server's disk
 * refusing the file (full, read-only, an I/O error: an fs call's error, which names its syscall) said with
 * the file's name and the reason, never the server's temporary path; else the client's connection ended.
 */
function uploadFailure(err: unknown, fileName: string): HttpError {
  if (err instanceof HttpError) return err;
  const { code, syscall } = (err ?? {}) as NodeJS.ErrnoException;
  if (code === 'ENOSPC') return new HttpError(507, `The disk is full: ${fileName} could not be stored`);
  if (syscall !== undefined) {
    const { reason } = writeError(err, fileName);
    const status = code === 'EDQUOT' ? 507 : 500;
    return new HttpError(status, `The server could not store ${fileName}: ${reason}`);
  }
  return new HttpError(400, `The upload of ${fileName} was interrupted (${(err as Error).message})`);
}

export class UploadStore {
  private readonly files = new Map<string, { path: string; folder: string; name: string }>();
  /**
   * Uploads to keep: received but not yet opened, the dataset's, its metadata's, the session opened since
   * the last openFile, the last failed open.
   */
  private readonly fresh = new Set<string>();
  private main: string | null = null;
  private session: string | null = null;
  private meta: string | null = null;
  private retry: string | null = null;
  /** The live projection (the engine holds one): its id and its uploads, the projected file and metadata file. */
  private projected: { id: string; uploads: string[] } | null = null;
  private closed = false;

  private readonly owned: OwnedFolder;

  constructor(private readonly options: UploadStoreOptions = {}) {
    this.owned = new OwnedFolder(UPLOAD_FOLDER_PREFIX, options.parentDir ?? tmpdir());
  }

  private folder(): Promise<string> {
    return this.owned.path();
  }

  /**
   * Removes upload folders left behind by servers that were killed (SIGKILL, a crash) before they could
   * delete them: folders whose owner process no longer runs. Folders of running servers are left alone.
   */
  static sweepStale(parentDir: string = tmpdir()): Promise<string[]> {
    return OwnedFolder.sweepStale(UPLOAD_FOLDER_PREFIX, parentDir);
  }

  /** The largest upload accepted now, in bytes: free disk space less the reserve, within the cap. */
  async limit(): Promise<number> {
    const { room } = await diskRoom(await this.folder(), this.options.reserveBytes);
    return Math.min(room, this.options.maxBytes ?? Infinity);
  }

  /**
   * What sets a `limit` of uploads, in the page's words after "more than the server can take (300 MB: …)":
   * the cap and its flag, or the free disk space above the reserve and its flag with their values.
   */
  limitReason(limit: number): string {
    const { maxBytes } = this.options;
    if (maxBytes !== undefined && limit >= maxBytes) {
      return `its upload limit, ${uploadFlag(maxBytes)}`;
    }
    const reserve = this.options.reserveBytes ?? DEFAULT_RESERVE_BYTES;
    return reserve > 0
      ? `its free disk space above the ${megabytes(reserve)} it keeps free, ${reserveFlag(reserve)}`
      : 'its free disk space';
  }

  private tooLarge(limit: number): HttpError {
    const { maxBytes } = this.options;
    if (maxBytes !== undefined && limit >= maxBytes) {
      return new HttpError(
        413,
        `The file is larger than this server's upload limit of ${megabytes(limit)} (${uploadFlag(maxBytes)}). Open it by its path instead (Open from the server's folder), or restart 'tripletlens serve' with a larger --max-upload-mb.`,
      );
    }
    const reserve = this.options.reserveBytes ?? DEFAULT_RESERVE_BYTES;
    const where = this.options.parentDir ?? tmpdir();
    // the room is the disk's free space less the reserve: name the flag that sets it, unless it is 0
    return new HttpError(
      413,
      reserve > 0
        ? `The file is larger than the free disk space for uploads: ${megabytes(limit)} free in ${where} above the ${megabytes(reserve)} the server keeps free (${reserveFlag(reserve)}). Open it by its path instead (Open from the server's folder), free some disk space, or restart 'tripletlens serve' with a smaller --disk-reserve-mb.`
        : `The file is larger than the free disk space for uploads (${megabytes(limit)} free in ${where}). Open it by its path instead (Open from the server's folder), or free some disk space.`,
    );
  }

  /** Streams the request body to a new temporary file named `name`. */
  async receive(req: IncomingMessage, name: string): Promise<UploadReceipt> {
    if (this.closed) throw new HttpError(503, 'The server is shutting down');
    const limit = await this.limit();
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > limit) {
      req.resume(); // drain so the client sees the 413 instead of a reset connection
      throw this.tooLarge(limit);
    }
    const uploadId = randomBytes(12).toString('hex');
    const folder = join(await this.folder(), uploadId);
    const fileName = safeFileName(name);
    const path = join(folder, fileName);
    const meter = byteLimit(limit, () => this.tooLarge(limit));
    // a client that stops sending must not hold the socket (and a half-written file) for ever
    req.setTimeout(this.options.idleMs ?? 60_000, () =>
      req.destroy(new HttpError(408, 'The upload stalled: no data arrived for a minute')),
    );
    try {
      await mkdir(folder);
      await pipeline(req, meter, createWriteStream(path, { flags: 'wx' }));
    } catch (err) {
      // a removal the disk refuses too (read-only) must not replace the reason the upload failed
      await rm(folder, { recursive: true, force: true }).catch(() => undefined);
      req.resume();
      throw uploadFailure(err, fileName);
    }
    this.files.set(uploadId, { path, folder, name: fileName });
    this.fresh.add(uploadId);
    return { uploadId, name: fileName, bytes: meter.count() };
  }

  /** The source with the server's temporary path filled in (the page's own `path` is never trusted). */
  resolve(source: Extract<FileSource, { kind: 'uploaded' }>): FileSource {
    const file = this.files.get(String(source.uploadId));
    if (!file) {
      throw new EngineError({
        kind: 'invalid-request',
        message: `The upload '${String(source.name)}' is no longer on the server; pick the file again`,
      });
    }
    return { kind: 'uploaded', uploadId: String(source.uploadId), name: file.name, path: file.path };
  }

  /**
   * Records the outcome of an engine call that took a file source, then deletes every upload nobody needs
   * any more (the one a newly opened file replaced, a failed metadata file, the projection's files once the
   * engine's next projection replaces it…). `alsoUsed`: other sources the call read (the metadata file joined
   * to projected cells). Default none. `projectionId`: the projection a successful embedFile made.
   */
  async settle(
    method: EngineRequestMethod,
    source: unknown,
    ok: boolean,
    alsoUsed: readonly unknown[] = [],
    projectionId = '',
  ): Promise<void> {
    const id = uploadIdOf(source);
    if (id !== null) this.fresh.delete(id);
    for (const other of alsoUsed) {
      const otherId = uploadIdOf(other);
      if (otherId !== null) this.fresh.delete(otherId);
    }
    // a re-attached session input is the loaded data from now on, as an opened file is
    if (method === 'openFile' || (method === 'attachSessionInput' && ok)) {
      if (ok) {
        this.main = id;
        this.meta = null;
        this.retry = null;
        if (method === 'openFile') {
          this.session = null;
          this.projected = null;
        }
      } else this.retry = id;
    } else if (method === 'openMetadata' && ok) {
      // the engine drops its map with the metadata joined, and the projection on it
      this.meta = id;
      this.projected = null;
    } else if (method === 'openSession' && ok) {
      // a crashed worker's replay opens the session again (src/worker/data-replay.ts): its file must stay
      this.session = id;
      this.projected = null;
    } else if (method === 'embedFile' && ok) {
      // the replay projects the file again onto a session's map (projection-replay.ts): it stays while its cells
      // are shown; the engine holds one projection, so the one before goes
      const held = [id, ...alsoUsed.map(uploadIdOf)].filter((u): u is string => u !== null);
      this.projected = { id: projectionId, uploads: held };
    }
    const keep = new Set([
      ...this.fresh,
      this.main,
      this.meta,
      this.retry,
      this.session,
      ...(this.projected?.uploads ?? []),
    ]);
    await Promise.all(
      [...this.files].filter(([uploadId]) => !keep.has(uploadId)).map(([uploadId]) => this.drop(uploadId)),
    );
  }

  /**
   * The live projection ended — the page removed its cells, a run finished since (its map replaced theirs), a
   * crashed worker did not bring them back —: its uploads are deleted. `projectionId`: only when it is that
   * one; null: whichever is live. Returns whether a projection was live (and is no longer).
   */
  async releaseProjection(projectionId: string | null): Promise<boolean> {
    const projected = this.projected;
    if (projected === null || (projectionId !== null && projected.id !== projectionId)) return false;
    this.projected = null;
    await Promise.all(projected.uploads.map((uploadId) => this.drop(uploadId)));
    return true;
  }

  /**
   * Deletes an upload no engine call has used yet, which the page gives up on (a projected file whose metadata
   * file failed to upload). 'deleted'; 'unknown' for an id the server does not hold (any more); 'in-use' for
   * the loaded data's, its metadata's or the last failed open's, which stay.
   */
  async discard(uploadId: string): Promise<'deleted' | 'unknown' | 'in-use'> {
    if (!this.files.has(uploadId)) return 'unknown';
    if (!this.fresh.has(uploadId)) return 'in-use';
    this.fresh.delete(uploadId);
    await this.drop(uploadId);
    return 'deleted';
  }

  private async drop(uploadId: string): Promise<void> {
    const file = this.files.get(uploadId);
    this.files.delete(uploadId);
    if (file) await rm(file.folder, { recursive: true, force: true });
  }

  /** The temporary files that exist now (for tests and diagnostics). */
  paths(): string[] {
    return [...this.files.values()].map((f) => f.path);
  }

  /** Deletes every upload and the temporary folder. */
  async close(): Promise<void> {
    this.closed = true;
    this.files.clear();
    await this.owned.remove();
  }

  /** The same, synchronously, for a process 'exit' handler (which cannot wait). */
  closeSync(): void {
    this.closed = true;
    this.owned.removeSync();
  }
}
