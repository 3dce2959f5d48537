/**
 * A Cell Ranger folder's fingerprint (`FolderPrint`): a folder has no one SHA-256, so a session tells "the same
 * folder" by its barcodes and features as read — lines of text, whatever the compression — and its matrix's
 * shape and count of stored values. The importer makes it while it reads the name files (`namesPrint`);
 * `folderPrintOf` makes it again from a folder without reading the matrix's entries.
 */
import { stat } from 'node:fs/promises';
import type { FolderPrint } from '../../api/annotate.js';
import { DataImportError } from '../errors.js';
import type { MtxHeader } from './mtx-header.js';
import { findMtxFiles } from './mtx-files.js';
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
 * The fingerprint of the Cell Ranger folder `folder`, reading its barcodes and features and only the header
 * of its matrix. A DataImportError (naming the file) when it is no folder or not a Cell Ranger one.
 */
export async function folderPrintOf(folder: string, signal?: AbortSignal): Promise<FolderPrint> {
  const isFolder = await stat(folder).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isFolder) throw new DataImportError('not-found', folder, 'this is not a folder (any more).');
  const files = await findMtxFiles(folder);
  if (files.kind !== '10x-mtx' || files.barcodes === undefined || files.features === undefined) {
    throw new DataImportError('not-found', folder, 'this folder is not a Cell Ranger matrix folder.');
  }
  const hashes = nameHashes();
  await hashNameFile(files.barcodes, hashes.barcodes, signal);
  await hashNameFile(files.features, hashes.features, signal);
  return namesPrint(hashes, await readMtxHeader(files.matrix, signal));
}

/** Where two fingerprints of a folder differ, as phrases ('other cells (its barcodes differ)'…); empty when alike. */
export function folderPrintDifferences(saved: FolderPrint, now: FolderPrint): string[] {
  const differs: string[] = [];
  if (now.cells !== saved.cells) differs.push(`other cells (${now.cells} barcodes, not ${saved.cells})`);
  else if (now.barcodes !== saved.barcodes) differs.push('other cells (its barcodes differ)');
  if (now.genes !== saved.genes) differs.push(`other genes (${now.genes} features, not ${saved.genes})`);
  else if (now.features !== saved.features) differs.push('other genes (its features differ)');
  if (now.values !== saved.values) {
    const values = `another count of values (${now.values} stored in its matrix, not ${saved.values})`;
    differs.push(differs.length === 0 ? `the same cells and genes but ${values}` : values);
  }
  return differs;
}
