/**
 * The EngineApi over HTTP:
 * - POST /api/<method>: body = wire frame (src/api/wire.ts) of the argument array; reply 200 with a frame of
 *   { ok: true, result } or { ok: false, error: EngineErrorInfo }. Transport-level failures use other status
 *   codes with a plain-text reason (400 malformed body, 404 unknown method, 413 body too large).
 * - GET /api/events: server-sent events, one `data:` line of encodeJson(EngineEvent) per event.
 * Paths in FileSource / ModelExportTarget arguments are resolved under the server's root before the engine
 * sees them. exportAnnData takes only a download target: the engine writes into the server's download folder
 * and the page gets an opaque id to fetch (download-store.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname } from 'node:path';
import type {
  AnnDataExport,
  EngineApi,
  EngineErrorInfo,
  EngineEventListener,
  EngineRequestMethod,
  FileSource,
} from '../api/engine-api.js';
import type { EditedLabels } from '../api/annotation.js';
import { EngineError } from '../api/errors.js';
import { ENGINE_REQUEST_METHODS } from '../api/engine-api.js';
import { toErrorInfo } from '../api/errors.js';
import { FRAME_CONTENT_TYPE, decodeFrame, encodeFrameParts, encodeJson } from '../api/wire.js';
import { HttpError } from './http-error.js';
import { resolveUnderRoot } from './root-paths.js';
import type { DownloadStore } from './download-store.js';
import type { UploadStore } from './upload-store.js';
import { securityHeaders } from './static-files.js';
import { megabytes } from './disk-room.js';

export interface ApiOptions {
  engine: EngineApi;
  /** Folder that path sources must lie in. */
  root: string;
  /** Largest request body accepted, in bytes. */
  maxBodyBytes: number;
  /** The streamed uploads that `uploaded` sources name. */
  uploads: UploadStore;
  /** The one-time downloads that exports with a download target become. */
  downloads: DownloadStore;
}

export { HttpError };

export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  extra: Record<string, string> = {},
) {
  res.writeHead(status, { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8', ...extra });
  res.end(`${text}\n`);
}

/** Reads the request body, refusing anything larger than `limit` bytes without buffering it. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const tooLarge = () =>
    new HttpError(
      413,
      `The request is larger than this server's limit of ${megabytes(limit)} for an API call. Upload files with POST /api/upload (the page does), or open the file by its path (under --root).`,
    );
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume(); // drain so the client sees the 413 instead of a reset connection
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      req.resume();
      throw tooLarge();
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function resolveSource(root: string, uploads: UploadStore, source: unknown): FileSource {
  if (typeof source !== 'object' || source === null) return source as FileSource;
  const s = source as FileSource;
  if (s.kind === 'path') return { kind: 'path', path: resolveUnderRoot(root, s.path) };
  if (s.kind === 'uploaded') return uploads.resolve(s);
  return s;
}

/** True for the methods whose first argument is a FileSource. */
const takesSource = (method: EngineRequestMethod): boolean =>
  method === 'openFile' ||
  method === 'openMetadata' ||
  method === 'embedFile' ||
  method === 'openSession' ||
  method === 'attachSessionInput';

/**
 * Rewrites browser-supplied paths to absolute paths inside the root (or throws 'forbidden'), and upload ids
 * to the server's temporary files.
 */
function confineArgs(
  method: EngineRequestMethod,
  args: unknown[],
  root: string,
  uploads: UploadStore,
): unknown[] {
  switch (method) {
    case 'openFile':
    case 'openMetadata':
    case 'attachSessionInput':
      return [resolveSource(root, uploads, args[0]), ...args.slice(1)];
    case 'embedFile':
      // the projected file, its import settings, and a metadata file joined to its cells (a path or an upload too)
      return [
        resolveSource(root, uploads, args[0]),
        args[1],
        ...(args[2] === undefined || args[2] === null ? [] : [resolveSource(root, uploads, args[2])]),
      ];
    case 'openSession':
      // the session names its input file: only one under the root may be opened again (set here, never by the page)
      // (a page's consent to stop the run in progress, `stopsRun`, passes through)
      return [resolveSource(root, uploads, args[0]), { inputRoot: root }, ...args.slice(2)];
    case 'exportModel': {
      const target = args[0] as { kind?: string; dir?: string } | undefined;
      // the page's class colours (args[1]) pass through
      if (target?.kind === 'path')
        return [{ kind: 'path', dir: resolveUnderRoot(root, String(target.dir)) }, ...args.slice(1)];
      return args;
    }
    default:
      return args;
  }
}

/**
 * exportAnnData under serve: the engine writes the file into a reserved download (never a path from the
 * page); the page gets the download's id. A failed write leaves nothing behind.
 */
async function exportAsDownload(
  engine: EngineApi,
  args: unknown[],
  downloads: DownloadStore,
): Promise<AnnDataExport> {
  const target = args[1] as { kind?: unknown } | undefined;
  if (target?.kind !== 'download') {
    throw new EngineError({
      kind: 'forbidden',
      message: `The server saves the AnnData export only as a download (target { kind: 'download' }), not as '${String(target?.kind ?? 'none').slice(0, 40)}'`,
    });
  }
  const slot = await downloads.reserve();
  try {
    const edited = (args[0] ?? null) as EditedLabels | null;
    // the page's class colours go through as sent: the engine checks them
    const colours = (args[2] ?? null) as Readonly<Record<string, string>> | null;
    const written = await engine.exportAnnData(edited, { kind: 'path', path: slot.path }, colours);
    const ready = await downloads.ready(slot.id, written.fileName, written.mimeType);
    return written.notes?.length ? { ...ready, notes: written.notes } : ready;
  } catch (err) {
    await downloads.discard(slot.id);
    // the page's reader knows no server folders: "no space left" is about the server's temporary folder
    const info = toErrorInfo(err);
    const hide = (text: string) =>
      text
        .split(slot.path)
        .join("the export's temporary file on the server")
        .split(dirname(slot.path))
        .join("the server's temporary folder");
    throw new EngineError({
      ...info,
      message: hide(info.message),
      ...(info.file === undefined ? {} : { file: hide(info.file) }),
    });
  }
}

/** Handles POST /api/<method>. */
export async function handleApiCall(
  req: IncomingMessage,
  res: ServerResponse,
  methodName: string,
  options: ApiOptions,
): Promise<void> {
  if (!(ENGINE_REQUEST_METHODS as readonly string[]).includes(methodName)) {
    throw new HttpError(
      404,
      `Unknown API method '${methodName}'. Valid: ${ENGINE_REQUEST_METHODS.join(', ')}`,
    );
  }
  if (req.method !== 'POST') throw new HttpError(405, `Use POST for /api/${methodName}`);
  const method = methodName as EngineRequestMethod;
  const body = await readBody(req, options.maxBodyBytes);
  let args: unknown;
  try {
    args = body.length === 0 ? [] : decodeFrame(body);
  } catch (err) {
    throw new HttpError(400, err instanceof Error ? err.message : String(err));
  }
  if (!Array.isArray(args)) throw new HttpError(400, 'The request body must encode an argument list');
  let reply: { ok: true; result: unknown } | { ok: false; error: EngineErrorInfo };
  try {
    if (method === 'exportAnnData') {
      reply = { ok: true, result: await exportAsDownload(options.engine, args, options.downloads) };
    } else {
      const confined = confineArgs(method, args, options.root, options.uploads);
      // The method name was checked above; the engine validates its own arguments.
      const fn = options.engine[method] as (...a: unknown[]) => Promise<unknown>;
      reply = { ok: true, result: await fn.apply(options.engine, confined) };
    }
  } catch (err) {
    reply = { ok: false, error: toErrorInfo(err) };
  }
  // uploads a newly opened file replaced (or a failed one, or a projection's the next replaced) are deleted now
  // (a metadata file joined to projected cells lives as long as they do)
  // — but not an upload whose open was refused because it would stop the run in progress: the page asks its
  // user and sends the same upload again naming the run (renderer/stop-consent.ts), or discards it
  const refusedToStop = !reply.ok && reply.error.kind === 'busy';
  if (takesSource(method) && !refusedToStop) {
    const alsoUsed = method === 'embedFile' && args.length > 2 ? [args[2]] : [];
    const made = reply.ok ? (reply.result as { projectionId?: unknown } | null)?.projectionId : undefined;
    const projectionId = typeof made === 'string' ? made : '';
    await options.uploads.settle(method, args[0], reply.ok, alsoUsed, projectionId);
  }
  // written part by part: a typed array in the reply (an export's bytes) goes out without another copy
  const frame = encodeFrameParts(reply);
  res.writeHead(200, {
    ...securityHeaders(),
    'Content-Type': FRAME_CONTENT_TYPE,
    'Content-Length': frame.byteLength,
  });
  // corked: the small prefix and padding parts go out with their blobs, not as packets of their own
  res.cork();
  for (const part of frame.parts) res.write(part);
  res.end();
}

/**
 * Handles GET /api/events: keeps the response open and writes every event `subscribe` delivers to it (the
 * engine's, and the server's own: a download ended).
 */
export function handleEvents(
  req: IncomingMessage,
  res: ServerResponse,
  subscribe: (listener: EngineEventListener) => () => void,
): void {
  res.writeHead(200, {
    ...securityHeaders(),
    'Content-Type': 'text/event-stream; charset=utf-8',
    Connection: 'keep-alive',
  });
  res.write(': connected\n\n');
  const unsubscribe = subscribe((event) => {
    res.write(`data: ${encodeJson(event)}\n\n`);
  });
  // A comment every 15 s keeps proxies (an ssh tunnel, say) from closing an idle stream.
  const heartbeat = setInterval(() => res.write(': ping\n\n'), 15_000);
  req.on('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
  });
}
