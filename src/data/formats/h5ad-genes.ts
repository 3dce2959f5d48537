/**
 * An h5ad file's genes — X as it is stored and the var dataframe — opened again to be copied into a result
 * file: a run trained on one of the file's embeddings (obsm/X_pca) holds only that embedding, yet the result a
 * scanpy or cellxgene user expects is their data (X, var) with the map added. X is read in ranges in its
 * stored layout and dtype (CSR/CSC stay sparse, nothing is densified; float16, which h5wasm cannot write, is
 * read widened to float32), so an atlas never sits in memory whole. The file is checked to be the one the run
 * read: the same cells, by their obs names. An X TripletLens cannot read (another encoding, a compression
 * filter h5wasm lacks) is left out with a note saying why, as are var columns the importer skips.
 */
import { DataImportError } from '../errors.js';
import type { MetadataColumn } from '../types.js';
import type { DataSource } from '../options.js';
import type { ImportWarning } from '../../api/import-warning.js';
import { makeUnique } from '../unique-names.js';
import { Hdf5File, type NumericArray } from './h5-file.js';
import { readDataFrame, readFrameIndex } from './h5ad-frame.js';
import { describeMatrix, type MatrixElement } from './h5ad-matrix.js';

/** The parts of a sparse (CSR/CSC) matrix element, as anndata names them. */
export type SparsePart = 'data' | 'indices' | 'indptr';
/** The parts of a sparse matrix element, in anndata's order. */
export const SPARSE_PARTS: readonly SparsePart[] = ['data', 'indices', 'indptr'];

/** An h5ad's genes opened for copying; `close()` when done. */
export interface H5adGenes {
  /** The file as named in messages. */
  name: string;
  /** X's storage and shape; null when the file has no X (anndata's X None) or X cannot be read (see notes). */
  x: Omit<MatrixElement, 'path'> | null;
  /** Why an X the file has is left out of the copy (it cannot be read); null when X is copied or absent. */
  xLeftOut: string | null;
  /** What else is left out of the copy and why: var columns the importer skips. */
  notes: string[];
  /** The gzip level X (a dense X) or its sparse part is stored with; null when not gzip-compressed. */
  gzipLevel(part?: SparsePart): number | null;
  /** The var index (gene names, as stored) and the name it is stored under. */
  varNames: string[];
  varIndexName: string;
  /** The var columns as the importer reads them (each with its stored encoding). */
  var: MetadataColumn[];
  /** How many values a part of a sparse X holds. */
  partLength(part: SparsePart): number;
  /** A copy of elements [start, end) of a sparse X's part, in its stored dtype (float16 as float32). */
  readPart(part: SparsePart, start: number, end: number): NumericArray;
  /** A copy of rows [r0, r1) of a dense X, row-major, in its stored dtype (float16 as float32). */
  readRows(r0: number, r1: number): NumericArray;
  close(): Promise<void>;
}

/**
 * Opens the genes of the h5ad `source` whose cells must be `ids` (the run's cell ids, made unique as the
 * importer makes them): a file that changed since it was read is a DataImportError 'bad-structure' saying so.
 */
export async function openH5adGenes(source: DataSource, ids: readonly string[]): Promise<H5adGenes> {
  const h5 = await Hdf5File.open(source);
  try {
    const obs = readFrameIndex(h5, '/obs');
    const cells = makeUnique(obs.index).names;
    const changed = changedCells(cells, ids);
    if (changed) throw h5.fail('/obs', `the file changed since it was read (${changed}).`);
    const warnings: ImportWarning[] = [];
    const frame = readDataFrame(h5, '/var', warnings);
    const notes = warnings.map(
      (w) => `${w.message.replace(/\.$/, '')}, so the result's var has no such column.`,
    );
    const x = readableX(h5);
    const element = typeof x === 'string' ? null : x;
    if (element && (element.rows !== cells.length || element.cols !== frame.index.length)) {
      throw h5.fail(
        '/X',
        `X is ${element.rows} × ${element.cols} but the file has ${cells.length} cells and ${frame.index.length} genes.`,
      );
    }
    return genesOf(h5, element, frame, { xLeftOut: typeof x === 'string' ? x : null, notes });
  } catch (err) {
    await h5.close();
    throw err;
  }
}

/**
 * X described and probed (an empty read checks its dtype and compression filters before any of it is
 * written), null when the file has none, or why it cannot be copied: the result is then written without X.
 */
function readableX(h5: Hdf5File): MatrixElement | null | string {
  if (!h5.isDataset('/X') && !h5.isGroup('/X')) return null;
  try {
    const element = describeMatrix(h5, '/X');
    if (element.storage === 'dense') h5.readBlock('/X', 0, 0, 0, 0);
    else for (const part of SPARSE_PARTS) h5.readRange(`/X/${part}`, 0, 0);
    return element;
  } catch (err) {
    if (!(err instanceof DataImportError)) throw err;
    return err.message;
  }
}

/** How the file's cells differ from the run's (count, or the first that differs), or null when they agree. */
function changedCells(cells: readonly string[], ids: readonly string[]): string | null {
  if (cells.length !== ids.length) return `it now has ${cells.length} cells, the run ${ids.length}`;
  const at = cells.findIndex((id, i) => id !== ids[i]);
  if (at < 0) return null;
  return `cell ${at + 1} is now "${cells[at].slice(0, 40)}", the run's "${ids[at].slice(0, 40)}"`;
}

function genesOf(
  h5: Hdf5File,
  element: MatrixElement | null,
  frame: ReturnType<typeof readDataFrame>,
  leftOut: Pick<H5adGenes, 'xLeftOut' | 'notes'>,
): H5adGenes {
  const { path, ...x } = element ?? { path: '/X' };
  return {
    name: h5.name,
    x: element ? (x as Omit<MatrixElement, 'path'>) : null,
    ...leftOut,
    gzipLevel: (part) => h5.gzipLevel(part ? `${path}/${part}` : path),
    varNames: frame.index,
    varIndexName: frame.indexName,
    var: frame.columns.map(({ name, values, stored }) => ({ name, values, stored })),
    partLength: (part) => h5.shape(`${path}/${part}`)[0] ?? 0,
    // the reads are views of the reader's WebAssembly buffer: copied out before anything else runs
    readPart: (part, start, end) => h5.readRange(`${path}/${part}`, start, end).slice(),
    readRows: (r0, r1) => h5.readBlock(path, r0, r1, 0, element?.cols ?? 0).slice(),
    close: () => h5.close(),
  };
}
