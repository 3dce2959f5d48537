/**
 * One-time downloads for `tripletlens serve`: files the engine writes for the page to save (the AnnData
 * `.h5ad`, gigabytes at atlas size) are streamed from disk to the browser, never held in memory. The page
 * asks for an export with a download target; the server reserves a file in its own temporary folder, has the
 * engine write it there (atomically), and answers with an opaque id. GET /api/download/<id> then streams the
 * file with Content-Disposition: attachment and Content-Length, so the browser saves it as it arrives.
 *
 * Lifetime: a file is deleted once its download ends (finished, failed or cancelled: one fetch per export),
 * after `ttlMs` if it is never fetched, when the export that was writing it fails, and with the whole folder
 * on close(); folders of servers that died without closing are swept at the next start.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { AnnDataExport } from '../api/engine-api.js';
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
}

const DEFAULT_TTL_MS = 10 * 60 * 1000;

/** A reserved or written download. */
interface Entry {
  path: string;
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

export class DownloadStore {
  private readonly entries = new Map<string, Entry>();
  private closed = false;

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

  /** A new download: its id and the path (in the server's own folder) the engine is to write. */
  async reserve(): Promise<{ id: string; path: string }> {
    if (this.closed) throw new HttpError(503, 'The server is shutting down');
    const id = randomBytes(16).toString('hex');
    const path = join(await this.folder(), `${id}.h5ad`);
    this.entries.set(id, { path, state: 'writing', fileName: '', mimeType: '', bytes: 0, timer: null });
    return { id, path };
  }

  /** The file of download `id` is written: it may be fetched once, until the time to live runs out. */
  async ready(id: string, fileName: string, mimeType: string): Promise<AnnDataExport> {
    const entry = this.entries.get(id);
    if (!entry)
      throw new HttpError(410, 'The export was cancelled while it was written (the server stopped)');
    entry.bytes = (await stat(entry.path)).size;
    entry.fileName = fileName;
    entry.mimeType = mimeType;
    entry.state = 'ready';
    entry.timer = setTimeout(() => void this.discard(id), this.options.ttlMs ?? DEFAULT_TTL_MS);
    entry.timer.unref();
    return { kind: 'download', downloadId: id, fileName, mimeType, bytes: entry.bytes };
  }

  /** Forgets download `id` and deletes its file (a failed export's leftovers included). */
  async discard(id: string): Promise<void> {
    const entry = this.entries.get(id);
    this.entries.delete(id);
    if (!entry) return;
    if (entry.timer) clearTimeout(entry.timer);
    await rm(entry.path, { force: true });
  }

  /** GET /api/download/<id>: streams the file once, then deletes it (also when the fetch fails or stops). */
  async send(req: IncomingMessage, res: ServerResponse, id: string): Promise<void> {
    if (req.method !== 'GET') throw new HttpError(405, 'Use GET for /api/download/<id>');
    const entry = ID_PATTERN.test(id) ? this.entries.get(id) : undefined;
    if (!entry || entry.state !== 'ready') {
      throw new HttpError(
        404,
        'This download is no longer on the server (each export can be saved once, within 10 minutes): export again',
      );
    }
    entry.state = 'sending';
    if (entry.timer) clearTimeout(entry.timer);
    try {
      const file = createReadStream(entry.path);
      // opened before the headers go out, so a vanished file is still a plain 404 and not a cut-off body
      await new Promise<void>((resolve, reject) => {
        file.once('open', () => resolve());
        file.once('error', reject);
      });
      res.writeHead(200, {
        ...securityHeaders(),
        'Content-Type': entry.mimeType || 'application/octet-stream',
        'Content-Length': entry.bytes,
        'Content-Disposition': attachmentHeader(entry.fileName),
        'Cache-Control': 'no-store',
      });
      await pipeline(file, res);
    } catch (err) {
      if (!res.headersSent)
        throw new HttpError(404, 'This download is no longer on the server: export again');
      // the browser cancelled or the connection broke: nothing more to send; the file goes below
      res.destroy(err instanceof Error ? err : undefined);
    } finally {
      await this.discard(id);
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
