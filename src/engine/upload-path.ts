/**
 * Paths of `tripletlens serve`'s uploads (…/tripletlens-uploads-XXXXXX/<id>/<name>, src/server/upload-store.ts):
 * recognising one, and the stem its exports are named by and the name the engine's sentences give it.
 */
import { basename, dirname, isAbsolute, resolve } from 'node:path';
import { inputShownName, inputStem } from '../api/output-stem.js';
import { UPLOAD_FOLDER_PREFIX } from '../api/upload-folder.js';

/**
 * True for a path where `tripletlens serve` keeps uploads. An `uploaded` source names any other file only when
 * forged by a page — which must not reach files the user never chose (the desktop app only allows paths from
 * its own dialogs).
 */
export function isUploadPath(path: string): boolean {
  const absolute = resolve(path);
  return (
    isAbsolute(path) &&
    absolute === path &&
    basename(dirname(dirname(absolute))).startsWith(UPLOAD_FOLDER_PREFIX)
  );
}

/**
 * `inputStem` of a data source's path, an upload by its file's own name: the folders above an upload are the
 * server's (its id folder is no Cell Ranger sample), so an uploaded `filtered_feature_bc_matrix.h5` or
 * `matrix.mtx.gz` keeps its name rather than taking the upload id's.
 */
export function sourceStem(source: string): string {
  return inputStem(isUploadPath(source) ? basename(source) : source);
}

/**
 * The name the engine's sentences give a data source — the busy line's "Reading …", a run stopped or replaced
 * — as the page's File line gives it (`inputShownName`): a Cell Ranger matrix from its sample's folder down, as
 * every sample's folder is called filtered_feature_bc_matrix; an upload by its file's own name, not its id's.
 */
export function sourceShownName(source: string): string {
  return inputShownName(isUploadPath(source) ? basename(source) : source);
}
