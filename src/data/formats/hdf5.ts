/**
 * HDF5-based expression files: AnnData .h5ad, loom, Cell Ranger .h5 — told apart by their groups and
 * attributes, never by the file's extension.
 */
import { DataImportError } from '../errors.js';
import { applyColumnChoices, rejectInapplicableOptions } from '../format-options.js';
import { joinStructuredMetadata } from '../metadata-join.js';
import type { DataSource, ImportOptions } from '../options.js';
import type { ExpressionTable, SourceFormatKind } from '../types.js';
import { Hdf5File } from './h5-file.js';
import { readH5ad } from './h5ad.js';
import { readLoom } from './loom.js';
import { isTenxV3, readTenxH5, tenxV2Group } from './tenx-h5.js';
import { describeTopLevel, refuseDamagedFile } from './hdf5-damage.js';
import { foreignHdf5Words } from './foreign-hdf5.js';

type Hdf5Kind = Extract<SourceFormatKind, 'h5ad' | 'loom' | '10x-h5'>;

/** Which of the three layouts an open HDF5 file has, or undefined for none of them. */
export function detectHdf5Layout(h5: Hdf5File): Hdf5Kind | undefined {
  if (h5.isDataset('/matrix') && (h5.isGroup('/row_attrs') || h5.isGroup('/col_attrs'))) return 'loom';
  if (isTenxV3(h5)) return '10x-h5';
  const rootEncoding = h5.stringAttr('/', 'encoding-type');
  const has = (path: string) => h5.isGroup(path) || h5.isDataset(path);
  if (rootEncoding === 'anndata' || (has('/obs') && has('/var'))) return 'h5ad';
  if (tenxV2Group(h5) !== undefined) return '10x-h5';
  return undefined;
}

/** Reads an HDF5 expression file (h5ad, loom or Cell Ranger .h5, told apart by their groups). */
export async function importHdf5(source: DataSource, options: ImportOptions = {}): Promise<ExpressionTable> {
  const h5 = await Hdf5File.open(source);
  let table: ExpressionTable;
  try {
    const layout = detectHdf5Layout(h5);
    if (layout !== undefined) rejectInapplicableOptions(layout, options, h5.name);
    if (layout === 'h5ad') table = await readH5ad(h5, options);
    else if (layout === 'loom') table = await readLoom(h5, options);
    else if (layout === '10x-h5') table = await readTenxH5(h5, options);
    else if (h5.isGroup('/row_attrs') && h5.isGroup('/col_attrs')) {
      // a loom's attributes without its matrix: say that, not "not a loom file"
      throw h5.fail(
        '/matrix',
        'this loom file has no matrix dataset (its expression values); export it again.',
      );
    } else {
      // a damaged file of one of the layouts is said to be damaged, not to be of another kind
      await refuseDamagedFile(h5, source);
      throw new DataImportError(
        'unsupported-format',
        h5.name,
        foreignHdf5Words(h5) ??
          `an HDF5 file, but not an AnnData .h5ad, loom or Cell Ranger .h5 file: ${describeTopLevel(h5)}.`,
      );
    }
    applyColumnChoices(table, options, h5.name);
  } catch (err) {
    // An allocation the file's declared sizes asked for and the machine refused (a damaged shape, or a
    // matrix too large for memory): name the file rather than crash with a bare RangeError.
    if (err instanceof RangeError) {
      throw new DataImportError(
        'bad-structure',
        h5.name,
        `the matrix this file declares cannot be held in memory (${err.message}); the file may be damaged or too large.`,
      );
    }
    throw err;
  } finally {
    await h5.close();
  }
  await joinStructuredMetadata(table, options);
  options.onProgress?.(1);
  return table;
}
