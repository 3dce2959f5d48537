/**
 * One-time downloads for `tripletlens serve`: files the engine writes for the page to save (the AnnData
 * `.h5ad`, gigabytes at atlas size) are streamed from disk to the browser, never held in memory. The page
 * asks for an export with a download target; the server reserves a file in its own temporary folder, has the
 * engine write it there (atomically), and answers with an opaque id. GET /api/download/<id> then streams the
 * file with Content-Disposition: attachment and Content-Length, so the browser saves it as it arrives.
 *
 * Lifetime: each export gets a folder of its own in the server's folder (`<folder>/<id>/`), so that whatever
 * the writer leaves in it (its temporary sibling, when the engine worker is killed mid-write) goes with it. It
 * is deleted once its download ends (finished, failed or cancelled: one fetch per export), after `ttlMs` if it
 * is never fetched, when the export that was writing it fails, when a newer export finds MAX_WAITING older
 * ones unfetched, and with the whole folder on close() — also when the export finishes after close(); folders
 * of servers that died without closing are swept at the next start.
 *
 * Disk: an export's size is only known once it is written (gigabytes at atlas size), so an export is refused
 * when the disk has no room above the reserve uploads keep too (disk-room.ts), and at most MAX_WAITING
 * unfetched downloads wait: a page reloaded during an export loses the id, and its file must not wait its
 * ten minutes beside each repeat. A count, not a byte cap: sizes are unknown ahead, and the free-space check
 * already guards the disk; two keep two pages (or a page and its reload) exporting at once.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { CoreError } from '../api/core-error.js';
import type { AnnDataExport } from '../api/engine-api.js';
import { DEFAULT_RESERVE_BYTES, diskRoom, megabytes, reserveFlag } from './disk-room.js';
import { HttpError } from './http-error.js';
import { securityHeaders } from './static-files.js';
import { OwnedFolder } from './owned-folder.js';

/** The name prefix of the server's temporary download folder. */
export const DOWNLOAD_FOLDER_PREFIX = 'tripletlens-downloads-';

/** The URL path prefix of a download: the page fetches DOWNLOAD_ROUTE + id. */
export const DOWNLOAD_ROUTE = '/api/download/';

/** What a download id looks like (anything else is not one of ours: 404 before any lookup). */
const ID_PATTERN = /^[0-9a-f]{32}$/;

export interface DownloadStoreOptions {
  /** Folder the temporary download folder is made in. Default: os.tmpdir(). */
  parentDir?: string;
  /** How long a written file waits for its download before it is deleted, in ms. Default 600 000 (10 min). */
  ttlMs?: number;
  /** Free space an export must find on the disk above what it writes, in bytes. Default 256 MiB. */
  reserveBytes?: number;
  /**
   * Told about a temporary folder that could not be deleted (EPERM, busy); deletions never throw, as they
   * run from timers and `finally`. Default: a line on stderr.
   */
  onDeleteError?: (err: unknown, path: string) => void;
  /**
   * Told when the one fetch of a download ended: all of it sent (`ok`), or not (the browser cancelled, the
   * connection broke, the file was gone). Default: nothing. The server passes it on to the pages' events.
   */
  onEnded?: (ended: DownloadEnded) => void;
}

/** How the one fetch of download `downloadId` ended (see DownloadStoreOptions.onEnded). */
export interface DownloadEnded {
  downloadId: string;
  fileName: string;
  ok: boolean;
}

/** How many written downloads wait for their fetch at most: a newer export deletes the oldest beyond. */
export const MAX_WAITING = 2;

const DEFAULT_TTL_MS = 10 * 60 * 1000;

/** A reserved or written download. */
interface Entry {
  path: string;
  /** The export's own folder, `path`'s parent. */
  dir: string;
  /** 'writing' while the engine writes it, 'ready' once it can be fetched, 'sending' during its one fetch. */
  state: 'writing' | 'ready' | 'sending';
  fileName: string;
  mimeType: string;
  bytes: number;
  timer: NodeJS.Timeout | null;
}

/** A file name for Content-Disposition's plain `filename=`: printable ASCII without quotes or slashes. */
function asciiFileName(name: string): string {
  const plain = name
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\/;]/g, '_')
    .trim();
  return plain || 'download';
}

/** Content-Disposition for saving `name` (RFC 6266: an ASCII fallback and the UTF-8 name). */
export function attachmentHeader(name: string): string {
  const utf8 = encodeURIComponent(name.replace(/[\\/]/g, '_')).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${asciiFileName(name)}"; filename*=UTF-8''${utf8}`;
}

/** A deletion that failed, as one error for a server's `onError`: the folder and the system's reason. */
export function deleteFailure(err: unknown, path: string): CoreError {
  const reason = err instanceof Error ? err.message : String(err);
  return new CoreError('environment', `could not delete the download folder ${path}: ${reason}`);
}

/** The default `onDeleteError`: a line on stderr (the temporary folder stays until close). */
function reportDeleteError(err: unknown, path: string): void {
  process.stderr.write(`tripletlens serve: ${deleteFailure(err, path).message}\n`);
}

export class DownloadStore {
  private readonly entries = new Map<string, Entry>();
  private closed = false;
  /** The server's folder once made: discard() deletes by path in it, also after close(). */
  private base: string | undefined;

  private readonly owned: OwnedFolder;

  constructor(private readonly options: DownloadStoreOptions = {}) {
    this.owned = new OwnedFolder(DOWNLOAD_FOLDER_PREFIX, options.parentDir ?? tmpdir());
  }

  private folder(): Promise<string> {
    return this.owned.path();
  }

  /** Removes download folders of servers that no longer run (killed before they could delete them). */
  static sweepStale(parentDir: string = tmpdir()): Promise<string[]> {
    return OwnedFolder.sweepStale(DOWNLOAD_FOLDER_PREFIX, parentDir);
  }

  /**
   * A new download: its id and the path (in a folder of its own in the server's folder) the engine is to
   * write. Deletes the oldest unfetched downloads beyond MAX_WAITING first; refused (507) when the disk has
   * no room above the reserve.
   */
  async reserve(): Promise<{ id: string; path: string }> {
    if (this.closed) throw new HttpError(503, 'The server is shutting down');
    await this.dropOldest(MAX_WAITING - 1);
    // closed meanwhile: folder() would make a new folder that nothing removes before exit
    if (this.closed) throw new HttpError(503, 'The server is shutting down');
    const base = (this.base = await this.folder());
    const reserve = this.options.reserveBytes ?? DEFAULT_RESERVE_BYTES;
    const { free, room } = await diskRoom(base, reserve);
    if (room <= 0) {
      throw new HttpError(
        507,
        `The server's disk is too full for the export: ${megabytes(free)} free, and at least ${megabytes(reserve)} must stay free (the server's ${reserveFlag(reserve)}). The export's size is only known once it is written (gigabytes for a large dataset); free some disk space on the server and export again, or restart the server with a smaller --disk-reserve-mb if the export will fit.`,
      );
    }
    const id = randomBytes(16).toString('hex');
    const dir = join(base, id);
    await mkdir(dir);
    const path = join(dir, `${id}.h5ad`);
    this.entries.set(id, { path, dir, state: 'writing', fileName: '', mimeType: '', bytes: 0, timer: null });
    return { id, path };
  }

  /** Deletes the oldest downloads written but not fetched, so that at most `keep` of them wait. */
  private async dropOldest(keep: number): Promise<void> {
    const waiting = [...this.entries].filter(([, e]) => e.state === 'ready').map(([id]) => id);
    await Promise.all(waiting.slice(0, Math.max(0, waiting.length - keep)).map((id) => this.discard(id)));
  }

  /** The file of download `id` is written: it may be fetched once, until the time to live runs out. */
  async ready(id: string, fileName: string, mimeType: string): Promise<AnnDataExport> {
    const entry = this.entries.get(id);
    if (!entry) {
      // the server closed while the engine wrote it: the writer made the folder again; delete it
      await this.discard(id);
      throw new HttpError(410, 'The export was cancelled while it was written (the server stopped)');
    }
    entry.bytes = (await stat(entry.path)).size;
    entry.fileName = fileName;
    entry.mimeType = mimeType;
    entry.state = 'ready';
    // discard() never rejects: an unhandled rejection here would end the server
    entry.timer = setTimeout(() => void this.discard(id), this.options.ttlMs ?? DEFAULT_TTL_MS);
    entry.timer.unref();
    return { kind: 'download', downloadId: id, fileName, mimeType, bytes: entry.bytes };
  }

  /**
   * Forgets download `id` and deletes its folder (a failed export's leftovers included), by path whether or
   * not the download is still known: after close() the writer may have made it again. Never rejects: a
   * deletion that fails is reported to `onDeleteError` (it runs from a timer and from `finally`).
   */
  async discard(id: string): Promise<void> {
    const entry = this.entries.get(id);
    this.entries.delete(id);
    if (entry?.timer) clearTimeout(entry.timer);
    if (!ID_PATTERN.test(id) || this.base === undefined) return;
    // after close() the whole folder goes: the writer made it again, without its owner file, so no sweep would
    const target = this.closed ? this.base : join(this.base, id);
    try {
      await rm(target, { recursive: true, force: true });
    } catch (err) {
      (this.options.onDeleteError ?? reportDeleteError)(err, target);
    }
  }

  /**
   * GET /api/download/<id>: streams the file once, then deletes it (also when the fetch fails or stops).
   * HEAD answers the same headers and leaves the download waiting for its GET.
   */
  async send(req: IncomingMessage, res: ServerResponse, id: string): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      throw new HttpError(405, 'Use GET for /api/download/<id>');
    }
    const entry = ID_PATTERN.test(id) ? this.entries.get(id) : undefined;
    if (!entry || entry.state !== 'ready') {
      throw new HttpError(
        404,
        `This download is no longer on the server (each export can be saved once, within 10 minutes, and only the ${MAX_WAITING} newest unsaved ones wait): export again`,
      );
    }
    const headers = {
      ...securityHeaders(),
      'Content-Type': entry.mimeType || 'application/octet-stream',
      'Content-Length': entry.bytes,
      'Content-Disposition': attachmentHeader(entry.fileName),
      'Cache-Control': 'no-store',
    };
    if (req.method === 'HEAD') {
      res.writeHead(200, headers).end();
      return;
    }
    entry.state = 'sending';
    if (entry.timer) clearTimeout(entry.timer);
    let ok = false;
    try {
      const file = createReadStream(entry.path);
      // opened before the headers go out, so a vanished file is still a plain 404 and not a cut-off body
      await new Promise<void>((resolve, reject) => {
        file.once('open', () => resolve());
        file.once('error', reject);
      });
      res.writeHead(200, headers);
      await pipeline(file, res);
      ok = true;
    } catch (err) {
      if (!res.headersSent)
        throw new HttpError(404, 'This download is no longer on the server: export again');
      // the browser cancelled or the connection broke: nothing more to send; the file goes below
      res.destroy(err instanceof Error ? err : undefined);
    } finally {
      await this.discard(id); // never rejects
      this.options.onEnded?.({ downloadId: id, fileName: entry.fileName, ok });
    }
  }

  /** The files waiting or being written now (for tests and diagnostics). */
  paths(): string[] {
    return [...this.entries.values()].map((e) => e.path);
  }

  /** Deletes every download and the temporary folder. */
  async close(): Promise<void> {
    this.closed = true;
    for (const entry of this.entries.values()) if (entry.timer) clearTimeout(entry.timer);
    this.entries.clear();
    await this.owned.remove();
  }

  /** The same, synchronously, for a process 'exit' handler (which cannot wait). */
  closeSync(): void {
    this.closed = true;
    this.owned.removeSync();
  }
}
