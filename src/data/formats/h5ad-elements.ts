/**
 * An h5ad file's matrices opened to be copied into a result, as X is (`h5ad-genes.ts`): in ranges, in their
 * stored layout and dtype (CSR/CSC stay sparse; float16 read widened to float32), never whole. Besides X, a
 * scanpy user's AnnData holds `layers` (cells × genes, as X: layers/counts), `raw` (raw/X with its own
 * raw/var, and raw/varm, one row a raw gene), `obsm` entries (X_umap…, one row a cell), `obsp` entries (cells × cells: the neighbour graph's
 * connectivities and distances, CSR), `varm` entries (one row a gene: the PCA loadings, PCs), `varp` entries
 * (genes × genes) and `uns` (read whole, `h5ad-uns.ts`). Each matrix is probed before anything is written;
 * one that cannot be read (another encoding, a compression filter h5wasm lacks, a dataframe in obsm) or
 * whose shape anndata would refuse (a layer not cells × genes, an obsm entry without one row a cell, an obsp
 * entry not cells × cells, a varm entry without one row a gene, a varp entry not genes × genes) is left out
 * with a note saying why. A result whose var is not the file's (a run's kept genes) opens only the elements
 * of the cells — obsm, obsp and raw — and uns.
 */
import { countText } from '../../api/count-text.js';
import { DataImportError } from '../errors.js';
import type { MetadataColumn } from '../types.js';
import type { ImportWarning } from '../../api/import-warning.js';
import type { Hdf5File, NumericArray } from './h5-file.js';
import { metadataColumnOf } from '../numeric-column.js';
import { readDataFrame } from './h5ad-frame.js';
import { describeMatrix, type MatrixElement } from './h5ad-matrix.js';
import { readUns, type UnsEntry } from './h5ad-uns.js';

/** The parts of a sparse (CSR/CSC) matrix element, as anndata names them. */
export type SparsePart = 'data' | 'indices' | 'indptr';
/** The parts of a sparse matrix element, in anndata's order. */
export const SPARSE_PARTS: readonly SparsePart[] = ['data', 'indices', 'indptr'];

/**
 * A matrix element of the file (X, a layer, raw/X, an obsm, obsp or varm entry) opened for copying in its stored layout and
 * dtype: probed (dtype, compression filters) before any of it is written.
 */
export interface StoredMatrix extends Omit<MatrixElement, 'path'> {
  /** The gzip level the matrix (dense) or its sparse part is stored with; null when not gzip-compressed. */
  gzipLevel(part?: SparsePart): number | null;
  /** How many values a part of a sparse matrix holds. */
  partLength(part: SparsePart): number;
  /** A copy of elements [start, end) of a sparse matrix's part, in its stored dtype (float16 as float32). */
  readPart(part: SparsePart, start: number, end: number): NumericArray;
  /** A copy of rows [r0, r1) of a dense matrix, row-major, in its stored dtype (float16 as float32). */
  readRows(r0: number, r1: number): NumericArray;
}

/** A named matrix of a group (a layer, an obsm, obsp or varm entry). */
export interface NamedMatrix {
  name: string;
  matrix: StoredMatrix;
}

/** raw opened for copying: raw/X and raw/var (its own genes). */
export interface StoredRaw {
  x: StoredMatrix;
  /** The raw/var index (as stored) and the name it is stored under. */
  varNames: string[];
  varIndexName: string;
  /** The raw/var columns as the importer reads them (each with its stored encoding). */
  var: MetadataColumn[];
  /**
   * The raw/varm entries that can be copied (one row a raw/var gene, readable), in the file's order: the
   * result keeps raw whole, so raw's gene-level entries (scanpy's raw.varm) need no choice of genes.
   */
  varm: NamedMatrix[];
}

/** The matrices of an h5ad besides X, opened for copying. */
export interface H5adElements {
  /** The layers that can be copied (cells × genes, readable), in the file's order; [] without the genes. */
  layers: NamedMatrix[];
  /** raw, when the file has one that can be copied. */
  raw: StoredRaw | null;
  /** The obsm entries that can be copied (one row a cell, readable), in the file's order. */
  obsm: NamedMatrix[];
  /** The obsp entries that can be copied (cells × cells, readable), in the file's order. */
  obsp: NamedMatrix[];
  /** The varm entries that can be copied (one row a gene, readable), in the file's order; [] without the genes. */
  varm: NamedMatrix[];
  /** The varp entries that can be copied (genes × genes, readable), in the file's order; [] without the genes. */
  varp: NamedMatrix[];
  /** uns as stored, less what cannot be copied (`h5ad-uns.ts`); [] when the file has none. */
  uns: UnsEntry[];
  /** What is left out and why, one sentence each. */
  notes: string[];
}

/**
 * The matrix at `path` described and probed (an empty read checks its dtype and compression filters before
 * any of it is written), or why it cannot be copied: the result is then written without it.
 */
export function probeMatrix(h5: Hdf5File, path: string): MatrixElement | string {
  try {
    const element = describeMatrix(h5, path);
    if (element.storage === 'dense') h5.readBlock(path, 0, 0, 0, 0);
    else for (const part of SPARSE_PARTS) h5.readRange(`${path}/${part}`, 0, 0);
    return element;
  } catch (err) {
    if (!(err instanceof DataImportError)) throw err;
    return err.message;
  }
}

/** A described matrix of the open file, read in ranges for a copy. */
export function storedMatrix(h5: Hdf5File, element: MatrixElement): StoredMatrix {
  const { path, ...shape } = element;
  return {
    ...shape,
    gzipLevel: (part) => h5.gzipLevel(part ? `${path}/${part}` : path),
    partLength: (part) => h5.shape(`${path}/${part}`)[0] ?? 0,
    // the reads are views of the reader's WebAssembly buffer: copied out before anything else runs
    readPart: (part, start, end) => h5.readRange(`${path}/${part}`, start, end).slice(),
    readRows: (r0, r1) => h5.readBlock(path, r0, r1, 0, element.cols).slice(),
  };
}

/** The shape anndata requires of an element, and how to say another one's. */
interface Wanted {
  rows: number;
  /** Columns required (layers, raw/X, obsp); undefined: any (obsm, varm). */
  cols?: number;
  /** What the required shape is, for the note ('40 cells × 30 genes, as X'). */
  as: string;
}

/** The matrix at `path` opened for copying, or the note saying why the result has none (`what`). */
function openMatrix(h5: Hdf5File, path: string, what: string, wanted: Wanted): StoredMatrix | string {
  const element = probeMatrix(h5, path);
  const copied = path.slice(1);
  if (typeof element === 'string')
    return `the result has no ${what}, as the input's ${copied} could not be copied: ${element}`;
  const { rows, cols } = element;
  if (rows !== wanted.rows || (wanted.cols !== undefined && cols !== wanted.cols)) {
    const shape =
      wanted.cols === undefined ? `${countText(rows)} rows` : `${countText(rows)} × ${countText(cols)}`;
    return `the result has no ${what}, as ${h5.name}'s ${copied} is ${shape}, not ${wanted.as} (anndata refuses it).`;
  }
  return storedMatrix(h5, element);
}

/** Opens the members of `group` as `what` names them; the ones that cannot be copied add to `notes`. */
function openGroup(
  h5: Hdf5File,
  group: string,
  what: (name: string) => string,
  wanted: Wanted,
  notes: string[],
): NamedMatrix[] {
  const opened: NamedMatrix[] = [];
  for (const name of h5.keys(group)) {
    const matrix = openMatrix(h5, `${group}/${name}`, what(name), wanted);
    if (typeof matrix === 'string') notes.push(matrix);
    else opened.push({ name, matrix });
  }
  return opened;
}

/** raw opened for copying, or null (with a note when the file has a raw that cannot be copied). */
function openRaw(h5: Hdf5File, cells: number, notes: string[]): StoredRaw | null {
  if (!h5.isGroup('/raw')) return null;
  const leftOut = (why: string) => {
    notes.push(`the result has no raw, as the input's raw could not be copied: ${why.replace(/\.$/, '')}.`);
    return null;
  };
  if (!h5.isDataset('/raw/X') && !h5.isGroup('/raw/X')) return leftOut(`${h5.name}'s raw has no X`);
  const warnings: ImportWarning[] = [];
  let frame: ReturnType<typeof readDataFrame>;
  try {
    frame = readDataFrame(h5, '/raw/var', warnings);
  } catch (err) {
    if (!(err instanceof DataImportError)) throw err;
    return leftOut(err.message);
  }
  const genes = frame.index.length;
  const x = openMatrix(h5, '/raw/X', 'raw', {
    rows: cells,
    cols: genes,
    as: `${countText(cells)} cells × ${countText(genes)} genes, as raw/var`,
  });
  if (typeof x === 'string') {
    notes.push(x);
    return null;
  }
  for (const w of warnings) {
    notes.push(`${w.message.replace(/\.$/, '')}, so the result's raw.var has no such column.`);
  }
  const varm = openGroup(
    h5,
    '/raw/varm',
    (name) => `raw.varm '${name}'`,
    { rows: genes, as: `one row for each of the ${countText(genes)} genes of raw/var` },
    notes,
  );
  return {
    x,
    varNames: frame.index,
    varIndexName: frame.indexName,
    var: frame.columns.map(metadataColumnOf),
    varm,
  };
}

/**
 * The layers, raw, obsm, obsp, varm and varp entries of the open file for a result of `cells` cells whose var
 * is the file's `genes` genes, each probed, and its uns; what cannot be copied is said in `notes`. `genes`
 * null: the result's var is not the file's (a run's kept genes), so only the elements of the cells — raw,
 * obsm, obsp — and uns (the dataset's metadata, which needs no choice of genes) are opened, and the layers,
 * varm and varp entries left out are named in one note.
 */
export function openH5adElements(h5: Hdf5File, cells: number, genes: number | null): H5adElements {
  const notes: string[] = [];
  const layers =
    genes === null
      ? []
      : openGroup(
          h5,
          '/layers',
          (name) => `layer '${name}'`,
          { rows: cells, cols: genes, as: `${countText(cells)} cells × ${countText(genes)} genes, as var` },
          notes,
        );
  const raw = openRaw(h5, cells, notes);
  const obsm = openGroup(
    h5,
    '/obsm',
    (name) => `obsm '${name}'`,
    { rows: cells, as: `one row for each of the ${countText(cells)} cells` },
    notes,
  );
  const obsp = openGroup(
    h5,
    '/obsp',
    (name) => `obsp '${name}'`,
    { rows: cells, cols: cells, as: `${countText(cells)} cells × ${countText(cells)} cells` },
    notes,
  );
  const varm =
    genes === null
      ? []
      : openGroup(
          h5,
          '/varm',
          (name) => `varm '${name}'`,
          { rows: genes, as: `one row for each of the ${countText(genes)} genes` },
          notes,
        );
  const varp =
    genes === null
      ? []
      : openGroup(
          h5,
          '/varp',
          (name) => `varp '${name}'`,
          { rows: genes, cols: genes, as: `${countText(genes)} genes × ${countText(genes)} genes` },
          notes,
        );
  const uns = readUns(h5, notes);
  if (genes === null) notes.push(...perGeneLeftOut(h5));
  return { layers, raw, obsm, obsp, varm, varp, uns, notes };
}

/**
 * The note naming the input's layers, varm and varp entries a result of the run's own genes leaves out —
 * they give values gene by gene for the input's genes, which are not the result's var (scanpy's varm/PCs was
 * left out without a word: the user looked for it in the result) — or none when the input has none.
 */
function perGeneLeftOut(h5: Hdf5File): string[] {
  const kinds: [string, string, string[]][] = [
    ['layer', 'layers', h5.keys('/layers')],
    ['varm', 'varm', h5.keys('/varm')],
    ['varp', 'varp', h5.keys('/varp')],
  ];
  const parts = kinds
    .filter(([, , names]) => names.length > 0)
    .map(
      ([one, many, names]) => `${names.length === 1 ? one : many} ${names.map((n) => `'${n}'`).join(', ')}`,
    );
  if (parts.length === 0) return [];
  const one = parts.length === 1 && !parts[0].includes(',');
  // "no layer 'counts' or varm 'PCs'": "no layer 'counts'; varm 'PCs'" read as two sentences cut short
  return [
    `the result has no ${parts.join(' or ')} of ${h5.name}: ${one ? 'it gives' : 'they give'} values gene by gene for the input's genes, and the result's var holds the genes the run used.`,
  ];
}
