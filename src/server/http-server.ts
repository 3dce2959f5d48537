/**
 * The HTTP server behind `tripletlens serve`: 127.0.0.1 only, every request checked by request-guard, the
 * renderer's static files, the EngineApi (api-routes), streamed uploads and the folder listing (file-routes).
 * The engine itself runs in a worker process. Timeouts keep slow or stalled clients from holding sockets.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';
import type { EngineApi, EngineEventListener } from '../api/engine-api.js';
import { packageRoot } from '../util/paths.js';
import { HttpError, handleApiCall, handleEvents, sendText } from './api-routes.js';
import { DOWNLOAD_ROUTE, DownloadStore, deleteFailure } from './download-store.js';
import { handleListFolder, handleUpload } from './file-routes.js';
import { releaseEndedProjections } from './projection-uploads.js';
import { checkRequest, newToken, tokenCookie } from './request-guard.js';
import { serveStatic } from './static-files.js';
import { UploadStore } from './upload-store.js';

export interface ServerOptions {
  /** The engine to expose (a worker-backed engine in production, a fake in tests). */
  engine: EngineApi;
  /** Port to listen on; 0 picks a free one. Default 0. */
  port?: number;
  /** Folder path sources must lie in. Default: the current directory. */
  root?: string;
  /** Largest API call body accepted, in bytes (files travel through /api/upload instead). Default 64 MiB. */
  maxBodyBytes?: number;
  /** Largest file upload accepted, in bytes. Default: the free disk space of the temporary folder. */
  maxUploadBytes?: number;
  /**
   * Free space the temporary files must leave on their disk, in bytes: uploads are limited to the free space
   * above it and an export is refused without room above it. Default 256 MiB (DEFAULT_RESERVE_BYTES).
   */
  diskReserveBytes?: number;
  /** Folder for the temporary upload files. Default: os.tmpdir(). */
  uploadDir?: string;
  /** Folder for the temporary download files (the AnnData export). Default: os.tmpdir(). */
  downloadDir?: string;
  /** How long an exported file waits for its download before it is deleted, in ms. Default 600 000. */
  downloadTtlMs?: number;
  /** How long a client may take to send its request headers, in ms. Default 15 000. */
  headersTimeoutMs?: number;
  /** How long a client may take to send a whole request (an upload included), in ms. Default 3 600 000. */
  requestTimeoutMs?: number;
  /** How long an idle keep-alive connection stays open, in ms. Default 5 000. */
  keepAliveTimeoutMs?: number;
  /** How often the header and request timeouts are checked, in ms. Default 1 000. */
  timeoutCheckIntervalMs?: number;
  /** The token; default: a fresh random one. */
  token?: string;
  /** Folder with the built renderer. Default: dist/renderer under the package root. */
  staticDir?: string;
  /**
   * Called with each unexpected server error, a request's (its response already says 500) or a background
   * one's (a download folder that could not be deleted). Default: ignored.
   */
  onError?: (err: unknown) => void;
}

export interface RunningServer {
  /** The URL to open, with the token: http://127.0.0.1:PORT/?token=… */
  url: string;
  port: number;
  token: string;
  /** Stops accepting requests, ends open event streams, deletes uploads and downloads, resolves when closed. */
  close(): Promise<void>;
  /** The streamed uploads (their temporary files). */
  uploads: UploadStore;
  /** The exports waiting for their download (their temporary files). */
  downloads: DownloadStore;
}

const DEFAULT_MAX_BODY = 64 * 1024 * 1024;

/** Starts the server and resolves once it listens. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const token = options.token ?? newToken();
  const root = options.root ?? process.cwd();
  const staticDir = options.staticDir ?? join(packageRoot(), 'dist', 'renderer');
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const uploads = new UploadStore({
    ...(options.maxUploadBytes !== undefined ? { maxBytes: options.maxUploadBytes } : {}),
    ...(options.uploadDir !== undefined ? { parentDir: options.uploadDir } : {}),
    ...(options.diskReserveBytes !== undefined ? { reserveBytes: options.diskReserveBytes } : {}),
  });
  // the server's own events (a download ended) go to the pages' event streams beside the engine's
  const serverListeners = new Set<EngineEventListener>();
  const subscribe = (listener: EngineEventListener): (() => void) => {
    const unsubscribe = options.engine.onEvent(listener);
    serverListeners.add(listener);
    return () => {
      serverListeners.delete(listener);
      unsubscribe();
    };
  };
  const downloads = new DownloadStore({
    onEnded: (ended) => {
      for (const listener of [...serverListeners]) listener({ type: 'download-ended', ...ended });
    },
    ...(options.downloadDir !== undefined ? { parentDir: options.downloadDir } : {}),
    ...(options.downloadTtlMs !== undefined ? { ttlMs: options.downloadTtlMs } : {}),
    ...(options.diskReserveBytes !== undefined ? { reserveBytes: options.diskReserveBytes } : {}),
    // a download folder left behind is one more of the server's background failures
    onDeleteError: (err, path) => options.onError?.(deleteFailure(err, path)),
  });
  // uploads and downloads of servers that were killed before they could delete them
  void UploadStore.sweepStale(options.uploadDir).catch(() => undefined);
  void DownloadStore.sweepStale(options.downloadDir).catch(() => undefined);
  // the temporary files go even when the process ends without close() (an uncaught error, process.exit)
  const removeUploads = () => {
    uploads.closeSync();
    downloads.closeSync();
  };
  process.once('exit', removeUploads);
  // a projected upload kept for a crash replay goes once the engine says its cells are gone
  const unwatch = releaseEndedProjections(options.engine, uploads, (err) => options.onError?.(err));
  let port = 0;

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const verdict = checkRequest(req, url, token, port);
    if (!verdict.ok) return sendText(res, 403, `Forbidden: ${verdict.reason}`);
    if (verdict.via === 'query' && req.method === 'GET' && !url.pathname.startsWith('/api/')) {
      // Trade the token in the address bar for a cookie, and drop it from the address (and history).
      url.searchParams.delete('token');
      return sendText(res, 302, 'Redirecting', {
        'Set-Cookie': tokenCookie(token, port),
        Location: `${url.pathname}${url.search}`,
      });
    }
    if (url.pathname === '/api/events') return handleEvents(req, res, subscribe);
    if (url.pathname === '/api/files') return handleListFolder(req, res, url, root, uploads);
    if (url.pathname === '/api/upload') return handleUpload(req, res, url, uploads);
    if (url.pathname.startsWith(DOWNLOAD_ROUTE)) {
      return downloads.send(req, res, url.pathname.slice(DOWNLOAD_ROUTE.length));
    }
    if (url.pathname.startsWith('/api/')) {
      return handleApiCall(req, res, url.pathname.slice('/api/'.length), {
        engine: options.engine,
        root,
        maxBodyBytes,
        uploads,
        downloads,
      });
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed');
    if (await serveStatic(staticDir, url.pathname, res)) return;
    if (url.pathname === '/') {
      return sendText(res, 500, `The UI is not built (${staticDir} is missing). Run 'npm run build'.`);
    }
    sendText(res, 404, `Not found: ${url.pathname}`);
  };

  const server: Server = createServer(
    // Node checks the header and request timeouts on this interval (its default, 30 s, lets a slow client
    // overstay its timeout by that much)
    { connectionsCheckingInterval: options.timeoutCheckIntervalMs ?? 1000 },
    (req, res) => {
      handle(req, res).catch((err: unknown) => {
        if (res.headersSent) {
          res.destroy();
          return;
        }
        if (err instanceof HttpError) return sendText(res, err.status, err.message);
        options.onError?.(err);
        sendText(res, 500, `Internal error: ${err instanceof Error ? err.message : String(err)}`);
      });
    },
  );
  // A client that sends its headers a byte at a time (slowloris) or never finishes its body must not hold a
  // socket for ever. The request timeout bounds a whole upload, so it is long; a stalled upload is cut
  // sooner by the upload's own idle timeout (UploadStore). Responses (a long import) are not limited.
  server.headersTimeout = options.headersTimeoutMs ?? 15_000;
  server.requestTimeout = options.requestTimeoutMs ?? 3_600_000;
  server.keepAliveTimeout = options.keepAliveTimeoutMs ?? 5_000;
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    uploads,
    downloads,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // event streams never end on their own
        for (const socket of sockets) socket.destroy();
      });
      process.off('exit', removeUploads);
      unwatch();
      await uploads.close();
      await downloads.close();
    },
  };
}
