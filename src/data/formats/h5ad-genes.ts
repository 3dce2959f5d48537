/**
 * An h5ad file's genes — X as it is stored and the var dataframe — opened again to be copied into a result
 * file: a run trained on one of the file's embeddings (obsm/X_pca) holds only that embedding, yet the result
 * a scanpy or cellxgene user expects is their data (X, var) with the map added. X is read in ranges in its
 * stored layout and dtype (CSR/CSC stay sparse, nothing is densified; float16, which h5wasm cannot write, is
 * read widened to float32), so an atlas never sits in memory whole. The file is checked to be the one the
 * run read: the same cells, by their obs names. An X TripletLens cannot read (another encoding, a
 * compression filter h5wasm lacks) is left out with a note saying why, as are var columns the importer
 * skips. The file's layers, raw, obsm, obsp, varm and varp entries and uns are opened alike
 * (`h5ad-elements.ts`); a result of a run's own genes opens only the elements of the file's cells
 * (`openH5adCells`: raw, obsm, obsp) and uns.
 */
import { countText } from '../../api/count-text.js';
import type { MetadataColumn } from '../types.js';
import type { DataSource } from '../options.js';
import type { ImportWarning } from '../../api/import-warning.js';
import { makeUnique } from '../unique-names.js';
import { Hdf5File } from './h5-file.js';
import { metadataColumnOf } from '../numeric-column.js';
import { readDataFrame, readFrameIndex } from './h5ad-frame.js';
import {
  openH5adElements,
  probeMatrix,
  storedMatrix,
  type H5adElements,
  type StoredMatrix,
} from './h5ad-elements.js';

export { SPARSE_PARTS, type SparsePart, type StoredMatrix } from './h5ad-elements.js';

/** An h5ad's genes opened for copying; `close()` when done. */
export interface H5adGenes {
  /** The file as named in messages. */
  name: string;
  /** X; null when the file has no X (anndata's X None) or X cannot be read (see `xLeftOut`). */
  x: StoredMatrix | null;
  /** Why an X the file has is left out of the copy (it cannot be read); null when X is copied or absent. */
  xLeftOut: string | null;
  /** What else is left out of the copy and why: var columns the importer skips. */
  notes: string[];
  /** The var index (gene names, as stored) and the name it is stored under. */
  varNames: string[];
  varIndexName: string;
  /** The var columns as the importer reads them (each with its stored encoding). */
  var: MetadataColumn[];
  /** The other elements the file holds beside X (layers, raw, obsm, obsp, varm, varp, uns), opened alike (`h5ad-elements.ts`). */
  elements: H5adElements;
  close(): Promise<void>;
}

/** The elements of an h5ad's cells opened for copying (raw, obsm, obsp) and its uns; `close()` when done. */
export interface H5adCells {
  /** The file as named in messages. */
  name: string;
  /** raw, obsm, obsp and uns (no layers, varm or varp: they need the file's genes). */
  elements: H5adElements;
  close(): Promise<void>;
}

/**
 * The h5ad `source` opened and checked to hold the cells `ids` (the run's cell ids, made unique as the
 * importer makes them), then `open` run on it; the file is closed when `open` throws. A file that changed
 * since it was read is a DataImportError 'bad-structure' saying so.
 */
async function openChecked<T>(
  source: DataSource,
  ids: readonly string[],
  open: (h5: Hdf5File, cells: number) => T,
): Promise<T> {
  const h5 = await Hdf5File.open(source);
  try {
    const obs = readFrameIndex(h5, '/obs');
    const cells = makeUnique(obs.index).names;
    const changed = changedCells(cells, ids);
    if (changed) throw h5.fail('/obs', `the file changed since it was read (${changed}).`);
    return open(h5, cells.length);
  } catch (err) {
    await h5.close();
    throw err;
  }
}

/**
 * Opens the genes of the h5ad `source` whose cells must be `ids` (the run's cell ids, made unique as the
 * importer makes them): a file that changed since it was read is a DataImportError 'bad-structure' saying so.
 */
export async function openH5adGenes(source: DataSource, ids: readonly string[]): Promise<H5adGenes> {
  return openChecked(source, ids, (h5, cells) => {
    const warnings: ImportWarning[] = [];
    const frame = readDataFrame(h5, '/var', warnings);
    const notes = warnings.map(
      (w) => `${w.message.replace(/\.$/, '')}, so the result's var has no such column.`,
    );
    const x = h5.isDataset('/X') || h5.isGroup('/X') ? probeMatrix(h5, '/X') : null;
    const element = typeof x === 'string' ? null : x;
    if (element && (element.rows !== cells || element.cols !== frame.index.length)) {
      throw h5.fail(
        '/X',
        `X is ${countText(element.rows)} × ${countText(element.cols)} but the file has ${countText(cells)} cells and ${countText(frame.index.length)} genes.`,
      );
    }
    return {
      name: h5.name,
      x: element ? storedMatrix(h5, element) : null,
      xLeftOut: typeof x === 'string' ? x : null,
      notes,
      varNames: frame.index,
      varIndexName: frame.indexName,
      var: frame.columns.map(metadataColumnOf),
      elements: openH5adElements(h5, cells, frame.index.length),
      close: () => h5.close(),
    };
  });
}

/**
 * Opens the elements of the cells of the h5ad `source` — raw, obsm and obsp — and its uns for a result whose genes are
 * the run's own; its cells must be `ids`, as for `openH5adGenes`.
 */
export async function openH5adCells(source: DataSource, ids: readonly string[]): Promise<H5adCells> {
  return openChecked(source, ids, (h5, cells) => ({
    name: h5.name,
    elements: openH5adElements(h5, cells, null),
    close: () => h5.close(),
  }));
}

/** How the file's cells differ from the run's (count, or the first that differs), or null when they agree. */
function changedCells(cells: readonly string[], ids: readonly string[]): string | null {
  if (cells.length !== ids.length) return `it now has ${cells.length} cells, the run ${ids.length}`;
  const at = cells.findIndex((id, i) => id !== ids[i]);
  if (at < 0) return null;
  return `cell ${at + 1} is now "${cells[at].slice(0, 40)}", the run's "${ids[at].slice(0, 40)}"`;
}
