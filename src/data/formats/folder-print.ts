/**
 * A Cell Ranger folder's fingerprint (`FolderPrint`): a folder has no one SHA-256, so a session tells "the same
 * folder" by its barcodes and features as read — lines of text, whatever the compression — and its matrix's
 * shape and count of stored values. The importer makes it while it reads the name files (`namesPrint`), for
 * the folder and for its matrix file alike; `folderPrintOf` makes it again from either without reading the
 * matrix's entries.
 */
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { FolderPrint } from '../../api/annotate.js';
import { countText } from '../../api/count-text.js';
import { DataImportError } from '../errors.js';
import type { MtxHeader } from './mtx-header.js';
import { findMtxFiles, TENX_MATRIX_NAME } from './mtx-files.js';
import { readMtxHeader } from './mtx-stream.js';
import { hashNameFile, LinesHash } from './name-files.js';

/** The hashes a Cell Ranger folder's name files get while they are read. */
export interface NameHashes {
  barcodes: LinesHash;
  features: LinesHash;
}

/** New, empty hashes for a folder's name files. */
export function nameHashes(): NameHashes {
  return { barcodes: new LinesHash(), features: new LinesHash() };
}

/** The fingerprint, from the name files' hashes (after they were read) and the matrix's header. */
export function namesPrint(hashes: NameHashes, header: Pick<MtxHeader, 'entries'>): FolderPrint {
  return {
    cells: hashes.barcodes.lines,
    barcodes: hashes.barcodes.digest(),
    genes: hashes.features.lines,
    features: hashes.features.digest(),
    values: header.entries,
  };
}

/**
 * The fingerprint of the Cell Ranger folder at `path` — given as the folder or as its matrix file
 * (`matrix.mtx.gz`, `GSM1_matrix.mtx.gz` with its prefixed name files), which the importer reads as the folder —,
 * reading its barcodes and features and only the header of its matrix. A DataImportError (naming the path) when
 * it is neither.
 */
export async function folderPrintOf(path: string, signal?: AbortSignal): Promise<FolderPrint> {
  const kind = await stat(path).then(
    (s) => (s.isDirectory() ? 'folder' : s.isFile() ? 'file' : 'other'),
    () => 'gone',
  );
  if (kind === 'gone') throw new DataImportError('not-found', path, 'it is not there (any more).');
  if (kind === 'other') throw new DataImportError('not-found', path, 'this is not a folder or a file.');
  const files = await findMtxFiles(path);
  if (files.kind !== '10x-mtx' || files.barcodes === undefined || files.features === undefined) {
    throw new DataImportError(
      'not-found',
      path,
      kind === 'folder'
        ? 'this folder is not a Cell Ranger matrix folder.'
        : 'this is not a Cell Ranger folder nor the matrix file of one (matrix.mtx.gz with barcodes.tsv.gz and features.tsv.gz beside it).',
    );
  }
  const hashes = nameHashes();
  await hashNameFile(files.barcodes, hashes.barcodes, signal);
  await hashNameFile(files.features, hashes.features, signal);
  return namesPrint(hashes, await readMtxHeader(files.matrix, signal));
}

/** Whether `path` names what folderPrintOf reads: a folder, or a file named like a Cell Ranger matrix. */
export async function mayBeCellRanger(path: string): Promise<boolean> {
  const isFolder = await stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
  return isFolder || TENX_MATRIX_NAME.test(basename(path));
}

/** Where two fingerprints of a folder differ, as phrases ('other cells (its barcodes differ)'…); empty when alike. */
export function folderPrintDifferences(saved: FolderPrint, now: FolderPrint): string[] {
  const differs: string[] = [];
  if (now.cells !== saved.cells)
    differs.push(`other cells (${countText(now.cells)} barcodes, not ${countText(saved.cells)})`);
  else if (now.barcodes !== saved.barcodes) differs.push('other cells (its barcodes differ)');
  if (now.genes !== saved.genes)
    differs.push(`other genes (${countText(now.genes)} features, not ${countText(saved.genes)})`);
  else if (now.features !== saved.features) differs.push('other genes (its features differ)');
  if (now.values !== saved.values) {
    const values = `another count of values (${countText(now.values)} stored in its matrix, not ${countText(saved.values)})`;
    differs.push(differs.length === 0 ? `the same cells and genes but ${values}` : values);
  }
  return differs;
}
