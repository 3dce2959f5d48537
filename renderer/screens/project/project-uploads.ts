/**
 * The metadata file of a projection, as Project another file gets it before calling `embedFile`: a dialog's
 * path as it is, a file picked in the page uploaded first. Under `tripletlens serve` the projected file was
 * uploaded before its metadata file: when the metadata upload fails (refused, cut off, cancelled) no call
 * will use the projected upload, so it is deleted from the server at once rather than left there. No DOM
 * here (the node tests load it).
 */
import type { FileSource } from '../../../src/api/engine-api.js';

/** The metadata file chosen: a picked file (`F`, a DOM File in the page) or a path from the desktop dialog. */
export type ChosenMetadata<F> = { name: string; file: F } | { name: string; path: string } | null;

/** What `metadataFor` needs of the page. */
export interface MetadataUploads<F> {
  /** Uploads a picked file; undefined when it was refused or failed (the uploader has said why). */
  upload(file: F): Promise<FileSource | undefined>;
  /** Deletes an upload on the server that no call will use (serve only; absent in the desktop app). */
  discard?(uploadId: string): Promise<void>;
}

/**
 * The metadata source for projecting `projected`: null without a metadata file, undefined when its upload
 * failed — the projection is then not made, and `projected`'s own upload is discarded (a failure to discard
 * is ignored: the server deletes its uploads on close).
 */
export async function metadataFor<F>(
  chosen: ChosenMetadata<F>,
  projected: FileSource,
  uploads: MetadataUploads<F>,
): Promise<FileSource | null | undefined> {
  if (chosen === null) return null;
  if ('path' in chosen) return { kind: 'path', path: chosen.path };
  const uploaded = await uploads.upload(chosen.file);
  if (uploaded) return uploaded;
  if (projected.kind === 'uploaded' && uploads.discard) {
    await uploads.discard(String(projected.uploadId)).catch(() => undefined);
  }
  return undefined;
}
