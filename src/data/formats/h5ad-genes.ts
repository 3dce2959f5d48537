/**
 * An h5ad file's genes — X as it is stored and the var dataframe — opened again to be copied into a result
 * file: a run trained on one of the file's embeddings (obsm/X_pca) holds only that embedding, yet the result a
 * scanpy or cellxgene user expects is their data (X, var) with the map added. X is read in ranges in its
 * stored layout and dtype (CSR/CSC stay sparse, nothing is densified), so an atlas never sits in memory whole.
 * The file is checked to be the one the run read: the same cells, by their obs names.
 */
import type { MetadataColumn } from '../types.js';
import type { DataSource } from '../options.js';
import { makeUnique } from '../unique-names.js';
import { Hdf5File, type NumericArray } from './h5-file.js';
import { readDataFrame, readFrameIndex } from './h5ad-frame.js';
import { describeMatrix, type MatrixElement } from './h5ad-matrix.js';

/** The parts of a sparse (CSR/CSC) matrix element, as anndata names them. */
export type SparsePart = 'data' | 'indices' | 'indptr';

/** An h5ad's genes opened for copying; `close()` when done. */
export interface H5adGenes {
  /** The file as named in messages. */
  name: string;
  /** X's storage and shape; null when the file has no X (anndata's X None). */
  x: Omit<MatrixElement, 'path'> | null;
  /** The var index (gene names, as stored) and the name it is stored under. */
  varNames: string[];
  varIndexName: string;
  /** The var columns as the importer reads them (each with its stored encoding). */
  var: MetadataColumn[];
  /** How many values a part of a sparse X holds. */
  partLength(part: SparsePart): number;
  /** A copy of elements [start, end) of a sparse X's part, in its stored dtype. */
  readPart(part: SparsePart, start: number, end: number): NumericArray;
  /** A copy of rows [r0, r1) of a dense X, row-major, in its stored dtype. */
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
    const hasX = h5.isDataset('/X') || h5.isGroup('/X');
    const element = hasX ? describeMatrix(h5, '/X') : null;
    const frame = readDataFrame(h5, '/var', []);
    if (element && (element.rows !== cells.length || element.cols !== frame.index.length)) {
      throw h5.fail(
        '/X',
        `X is ${element.rows} × ${element.cols} but the file has ${cells.length} cells and ${frame.index.length} genes.`,
      );
    }
    return genesOf(h5, element, frame);
  } catch (err) {
    await h5.close();
    throw err;
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
): H5adGenes {
  const { path, ...x } = element ?? { path: '/X' };
  return {
    name: h5.name,
    x: element ? (x as Omit<MatrixElement, 'path'>) : null,
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
