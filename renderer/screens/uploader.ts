/**
 * Turns a file picked or dropped in the page into a source the engine can open. Under `tripletlens serve`
 * the file is streamed to the server (a progress bar with Cancel) and then named by its upload id; in the
 * desktop app its bytes are read into the page. Either way a file too large for the browser or the server is
 * refused from its size alone, before a byte is read, with what to do instead.
 */
import type { FileSource } from '../../src/api/engine-api.js';
import type { AppContext } from '../app-context.js';
import { h, setText } from '../dom.js';
import { uploadRefusal, type UploadPurpose } from '../upload-check.js';

export interface Uploader {
  /** The progress row (hidden while nothing uploads). */
  element: HTMLElement;
  /**
   * The source for `file`, or undefined when it was refused or failed (a notice titled `title` says why);
   * `purpose` words a refusal's way by path. Default: the uploader's own.
   */
  source(file: File, title: string, purpose?: UploadPurpose): Promise<FileSource | undefined>;
}

/**
 * `purpose` words a refusal's way by path (upload-check.ts); `testids` is the prefix of the row's
 * data-testids (upload-progress, upload-text, upload-cancel by default).
 */
export function createUploader(
  ctx: AppContext,
  { purpose = 'open', testids = 'upload' }: { purpose?: UploadPurpose; testids?: string } = {},
): Uploader {
  const bar = h('progress', {
    max: 1,
    value: 0,
    hidden: true,
    'data-testid': `${testids}-progress`,
    'aria-label': 'Upload progress',
  });
  const text = h('span', { class: 'hint', 'data-testid': `${testids}-text`, 'aria-live': 'polite' });
  const cancel = h(
    'button',
    { type: 'button', class: 'small', hidden: true, 'data-testid': `${testids}-cancel` },
    'Cancel upload',
  );
  const element = h('div', { class: 'upload-row' }, bar, ' ', text, ' ', cancel);
  let current: AbortController | null = null;
  cancel.addEventListener('click', () => current?.abort());

  /** Shows the upload's progress (fraction 0–1) or hides the row (null). */
  function show(name: string, fraction: number | null): void {
    bar.hidden = cancel.hidden = fraction === null;
    if (fraction !== null) bar.value = fraction;
    setText(text, fraction === null ? '' : `Uploading ${name}: ${Math.round(fraction * 100)} %`);
  }

  async function source(
    file: File,
    title: string,
    purposeNow: UploadPurpose = purpose,
  ): Promise<FileSource | undefined> {
    const server = ctx.server;
    const limit = server ? await server.uploadLimit().catch(() => null) : null;
    const refusal = uploadRefusal(file, {
      streamed: server !== undefined,
      serverLimit: limit?.bytes ?? null,
      serverLimitReason: limit?.reason ?? null,
      purpose: purposeNow,
    });
    if (refusal) {
      ctx.dispatch({ type: 'failed', title, error: new Error(refusal) });
      return undefined;
    }
    if (!server) {
      return { kind: 'upload', name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
    }
    current?.abort();
    const abort = new AbortController();
    current = abort;
    show(file.name, 0);
    try {
      const receipt = await ctx.busy(
        { kind: 'upload', message: `Uploading ${file.name}…`, fraction: 0, cancellable: false },
        title,
        () =>
          server.upload(
            file,
            (fraction) => {
              show(file.name, fraction);
              ctx.dispatch({ type: 'busy-progress', fraction });
            },
            abort.signal,
          ),
      );
      return receipt && { kind: 'uploaded', uploadId: receipt.uploadId, name: receipt.name };
    } finally {
      if (current === abort) {
        current = null;
        show(file.name, null);
      }
    }
  }

  return { element, source };
}
