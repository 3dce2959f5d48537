/**
 * The two `tripletlens serve` routes beside EngineApi that the Open panel uses (src/server/file-routes.ts):
 * listing a folder under --root, and streaming a picked or dropped file to a temporary file on the server
 * with upload progress (XMLHttpRequest: fetch reports no upload progress). The file is sent from disk as
 * the browser reads it — the page never holds its bytes — and then opened by its upload id.
 */

import type { FolderListingReply, UploadLimitReply, UploadReceipt } from '../../src/api/server-files.js';

export interface ServerFiles {
  list(path: string): Promise<FolderListingReply>;
  /** The largest upload the server accepts right now, in bytes, and what sets it (null from older servers). */
  uploadLimit(): Promise<{ bytes: number; reason: string | null }>;
  /** Streams `file` to the server; `onProgress` gets the fraction sent. Rejects with the server's reason. */
  upload(file: File, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<UploadReceipt>;
  /**
   * Deletes an upload no engine call used, which the page gives up on (a projected file whose metadata file
   * then failed to upload), at once instead of leaving it on the server. Rejects with the server's reason.
   */
  discard(uploadId: string): Promise<void>;
  /**
   * The page removed projected cells `projectionId`: the server deletes their uploaded file and metadata file,
   * which it keeps while they are shown for a crashed engine to project again. Rejects with the server's reason.
   */
  releaseProjection(projectionId: string): Promise<void>;
}

async function failure(response: Response): Promise<Error> {
  const text = (await response.text().catch(() => '')).trim();
  return new Error(text || `HTTP ${response.status}`);
}

/** The routes of the server that served this page. */
export function createServerFiles(baseUrl = ''): ServerFiles {
  return {
    async list(path) {
      const response = await fetch(`${baseUrl}/api/files?path=${encodeURIComponent(path)}`, {
        credentials: 'same-origin',
      });
      if (!response.ok) throw await failure(response);
      return (await response.json()) as FolderListingReply;
    },
    async uploadLimit() {
      const response = await fetch(`${baseUrl}/api/upload`, { credentials: 'same-origin' });
      if (!response.ok) throw await failure(response);
      const reply = (await response.json()) as UploadLimitReply;
      const reason = typeof reply.uploadLimitReason === 'string' ? reply.uploadLimitReason : null;
      return { bytes: reply.uploadLimitBytes, reason };
    },
    async discard(uploadId) {
      const response = await fetch(`${baseUrl}/api/upload?id=${encodeURIComponent(uploadId)}`, {
        method: 'DELETE',
        credentials: 'same-origin',
      });
      if (!response.ok) throw await failure(response);
    },
    async releaseProjection(projectionId) {
      const query = `projection=${encodeURIComponent(projectionId)}`;
      const response = await fetch(`${baseUrl}/api/upload?${query}`, {
        method: 'DELETE',
        credentials: 'same-origin',
      });
      if (!response.ok) throw await failure(response);
    },
    upload(file, onProgress, signal) {
      return new Promise<UploadReceipt>((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        xhr.open('POST', `${baseUrl}/api/upload?name=${encodeURIComponent(file.name)}`);
        xhr.setRequestHeader('Content-Type', 'application/octet-stream');
        xhr.upload.onprogress = (e) => {
          if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
        };
        xhr.onload = () => {
          if (xhr.status === 200) resolve(JSON.parse(xhr.responseText) as UploadReceipt);
          else reject(new Error(xhr.responseText.trim() || `The upload failed (HTTP ${xhr.status})`));
        };
        xhr.onerror = () =>
          reject(
            new Error(
              `The upload of ${file.name} failed: the connection to the server broke (is \`tripletlens serve\` still running?)`,
            ),
          );
        xhr.onabort = () => reject(new Error(`The upload of ${file.name} was cancelled`));
        signal?.addEventListener('abort', () => xhr.abort());
        xhr.send(file);
      });
    },
  };
}
