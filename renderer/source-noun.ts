/**
 * What the page calls the data open in its sentences: a Cell Ranger matrix folder is a folder — "This file
 * holds no cell labels" was said of a 10x folder, which the user opened as a folder — everything else a file.
 */
import type { DatasetSummary } from '../src/api/engine-api.js';

/** 'folder' for a Cell Ranger matrix folder, 'file' otherwise (a matrix.mtx.gz opened by itself too). */
export function sourceNoun(
  d: Partial<Pick<DatasetSummary, 'format' | 'source'>> | null | undefined,
): 'file' | 'folder' {
  if (d?.format?.kind !== '10x-mtx') return 'file';
  // the desktop's Open… takes a folder's matrix.mtx.gz by itself: that one was opened as a file
  return /\.mtx(\.gz)?$/i.test(d.source ?? '') ? 'file' : 'folder';
}
