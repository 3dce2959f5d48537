/**
 * The two routes that are not EngineApi calls, both for the page's Open panel:
 * - GET /api/files?path=REL lists a folder under --root (JSON FolderListing, plus the current upload limit);
 * - POST /api/upload?name=FILE streams the body to a temporary file and answers JSON {uploadId, name, bytes};
 *   the page then opens it with openFile({ kind: 'uploaded', uploadId, name }); DELETE /api/upload?id=ID
 *   deletes one no call has used yet, which the page gives up on (204; 404 unknown, 409 in use).
 * Failures are plain text with a status (403 outside the root, 404 missing, 413 too large…).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { EngineError } from '../api/errors.js';
import type { UploadLimitReply } from '../api/server-files.js';
import { listFolder } from './folder-listing.js';
import { HttpError } from './http-error.js';
import { securityHeaders } from './static-files.js';
import type { UploadStore } from './upload-store.js';

function sendJson(res: ServerResponse, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(200, {
    ...securityHeaders(),
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

/** GET /api/files: one folder under the root, and how large an upload may be right now. */
export async function handleListFolder(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  root: string,
  uploads: UploadStore,
): Promise<void> {
  if (req.method !== 'GET') throw new HttpError(405, 'Use GET for /api/files');
  const path = url.searchParams.get('path') ?? '';
  try {
    const listing = await listFolder(root, path);
    sendJson(res, { ...listing, uploadLimitBytes: await uploads.limit() });
  } catch (err) {
    if (err instanceof EngineError) throw new HttpError(err.kind === 'forbidden' ? 403 : 400, err.message);
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new HttpError(404, `There is no folder '${path}' under the server's root`);
    if (code === 'ENOTDIR') throw new HttpError(400, `'${path}' is a file, not a folder`);
    // a link to itself (or a ring of links) under --root was an internal error quoting the server's path
    if (code === 'ELOOP')
      throw new HttpError(400, `'${path}' goes through a symbolic link that leads back to itself (a loop)`);
    if (code === 'EACCES')
      throw new HttpError(403, `The folder '${path}' cannot be read (permission denied)`);
    throw err;
  }
}

/**
 * POST /api/upload?name=FILE: the body, streamed to a temporary file. GET /api/upload: the largest upload
 * accepted now and what sets it, as JSON { uploadLimitBytes, uploadLimitReason } (the page checks a file's
 * size before sending it, and names the flag when it refuses one). DELETE /api/upload?id=ID: an upload no call
 * used, which the page gives up on; DELETE /api/upload?projection=ID: the uploads of projected cells the page
 * removed.
 */
export async function handleUpload(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  uploads: UploadStore,
): Promise<void> {
  if (req.method === 'GET') {
    const limit = await uploads.limit();
    const reply: UploadLimitReply = {
      uploadLimitBytes: limit,
      uploadLimitReason: uploads.limitReason(limit),
    };
    return sendJson(res, reply);
  }
  if (req.method === 'DELETE' && url.searchParams.has('projection')) {
    // the page removed its projected cells: their upload, kept for a crash replay, is no longer needed
    const projection = url.searchParams.get('projection');
    if (!projection) throw new HttpError(400, 'Name the projection: DELETE /api/upload?projection=ID');
    // done when they are deleted or were not kept (projected by path, or gone with the engine's projection)
    await uploads.releaseProjection(projection);
    res.writeHead(204, securityHeaders());
    res.end();
    return;
  }
  if (req.method === 'DELETE') {
    const id = url.searchParams.get('id');
    if (!id) throw new HttpError(400, 'Name the upload to delete: DELETE /api/upload?id=ID');
    const outcome = await uploads.discard(id);
    if (outcome === 'unknown') throw new HttpError(404, 'There is no such upload on the server');
    if (outcome === 'in-use')
      throw new HttpError(409, 'The upload is in use (the open data or its metadata)');
    res.writeHead(204, securityHeaders());
    res.end();
    return;
  }
  if (req.method !== 'POST') throw new HttpError(405, 'Use POST for /api/upload');
  const name = url.searchParams.get('name');
  if (!name) throw new HttpError(400, 'Name the uploaded file: POST /api/upload?name=FILE');
  sendJson(res, await uploads.receive(req, name));
}
