/**
 * Finds the files that make up a MatrixMarket dataset:
 * - a Cell Ranger folder (v3: matrix.mtx.gz, features.tsv.gz, barcodes.tsv.gz; v2: matrix.mtx, genes.tsv,
 *   barcodes.tsv), given as the folder or as its matrix file; GEO's prefixed copies (`GSM1_matrix.mtx.gz`
 *   beside `GSM1_barcodes.tsv.gz`) count too;
 * - a plain `<stem>.mtx(.gz)` whose name files sit beside it as `<stem>.barcodes.tsv` / `<stem>.genes.tsv`
 *   (also `_` instead of `.`, `cells`/`features` for the nouns, `.gz`), or as plain `barcodes.tsv` /
 *   `genes.tsv` / `features.tsv` in the same folder.
 */
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { DataImportError } from '../errors.js';
import type { DataSource } from '../options.js';
import { dataFilesIn, notADataFolder } from './not-a-data-folder.js';

export interface MtxFiles {
  /** '10x-mtx' for a Cell Ranger layout (genes × cells, both name files required), else 'mtx'. */
  kind: '10x-mtx' | 'mtx';
  matrix: DataSource;
  /** The cell barcodes file, when found. */
  barcodes?: string;
  /** The genes/features file, when found. */
  features?: string;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** The first of `names` (each also tried with .gz, which Cell Ranger 3 writes first) that exists in `dir`. */
async function firstExisting(dir: string, names: string[]): Promise<string | undefined> {
  for (const name of names) {
    for (const candidate of [`${name}.gz`, name]) {
      const path = join(dir, candidate);
      if (await isFile(path)) return path;
    }
  }
  return undefined;
}

function missingInFolder(folder: string, wanted: string, why: string): DataImportError {
  return new DataImportError(
    'not-found',
    join(folder, wanted),
    `missing: ${why} A Cell Ranger folder holds matrix.mtx.gz, features.tsv.gz and barcodes.tsv.gz (Cell Ranger 2: matrix.mtx, genes.tsv, barcodes.tsv).`,
  );
}

async function isFolder(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** Cell Ranger's matrix folders (v3 and v2 names) by kind: its raw one holds every droplet, empty ones too. */
const FILTERED_FOLDER = /^filtered_(feature|gene)_bc_matri(x|ces)$/;
const RAW_FOLDER = /^raw_(feature|gene)_bc_matri(x|ces)$/;

/**
 * The Cell Ranger matrix folder to open inside `folder` (whose entries are `entries`), as a path under it: the
 * filtered one, in it or in its `outs/` (a sample's folder); the raw one only when the folder holds no data
 * file to name instead (`dataFilesIn`). Undefined when there is none. A name is a folder's only when it is
 * one: `outs/` holds filtered_feature_bc_matrix.h5 beside it, which was called "the
 * filtered_feature_bc_matrix.h5 folder", and raw_feature_bc_matrix was offered when the listing put it first.
 */
async function matrixFolderInside(folder: string, entries: readonly string[]): Promise<string | undefined> {
  const folders = async (pattern: RegExp) => {
    const named = entries.filter((n) => pattern.test(n)).sort();
    const found: string[] = [];
    for (const name of named) if (await isFolder(join(folder, name))) found.push(name);
    return found;
  };
  const filtered = await folders(FILTERED_FOLDER);
  if (filtered.length > 0) return filtered[0];
  if (entries.includes('outs') && (await isFolder(join(folder, 'outs')))) {
    const outs = join(folder, 'outs');
    const inner = await matrixFolderInside(outs, await readdir(outs));
    if (inner !== undefined) return `outs/${inner}`;
  }
  if (dataFilesIn(entries).length > 0) return undefined;
  return (await folders(RAW_FOLDER))[0];
}

/** The files of a Cell Ranger folder (or of the 10x-named matrix file `prefix + matrix.mtx(.gz)`). */
async function tenxFiles(folder: string, prefix: string, matrix?: string): Promise<MtxFiles> {
  const matrixPath = matrix ?? (await firstExisting(folder, [`${prefix}matrix.mtx`]));
  if (matrixPath === undefined) {
    const entries = await readdir(folder);
    if (entries.includes('.zgroup') || entries.includes('zarr.json')) {
      throw new DataImportError(
        'unsupported-format',
        folder,
        'this folder is a zarr store (AnnData saved with write_zarr), which TripletLens does not read. Save it as an .h5ad first: anndata.read_zarr(path).write_h5ad("data.h5ad").',
      );
    }
    if (entries.includes('model.json') && entries.includes('recipe.json')) {
      // `embed MODEL --model MODEL`, or a model folder opened as data (also from the app's file browser): it
      // holds no cells; the wording fits both faces
      throw new DataImportError(
        'unsupported-format',
        folder,
        'this is a TripletLens model folder (model.json, recipe.json), not expression data: open a file of cells instead. A model folder places cells on its map from the command line: tripletlens embed CELLS --model DIR.',
      );
    }
    const inner = await matrixFolderInside(folder, entries);
    throw notADataFolder(folder, entries, inner && `Open the ${inner} folder inside it.`);
  }
  const barcodes = await firstExisting(folder, [`${prefix}barcodes.tsv`]);
  if (barcodes === undefined) {
    throw missingInFolder(
      folder,
      `${prefix}barcodes.tsv.gz`,
      'the cell barcodes of the matrix are not in this folder.',
    );
  }
  const features = await firstExisting(folder, [`${prefix}features.tsv`, `${prefix}genes.tsv`]);
  if (features === undefined) {
    throw missingInFolder(
      folder,
      `${prefix}features.tsv.gz`,
      'the gene names of the matrix are not in this folder.',
    );
  }
  return { kind: '10x-mtx', matrix: matrixPath, barcodes, features };
}

/** A Cell Ranger matrix file's name: `matrix.mtx(.gz)`, after an optional prefix (GEO's `GSM1_`). */
export const TENX_MATRIX_NAME = /^(.*?)matrix\.mtx(\.gz)?$/i;

/** A Cell Ranger name file's name: `barcodes.tsv(.gz)`, `features.tsv(.gz)` or `genes.tsv(.gz)`, after a prefix. */
const TENX_NAME_FILE = /^(.*?)(barcodes|features|genes)\.tsv(\.gz)?$/i;

/**
 * Refuses a Cell Ranger folder's barcodes or features file given as the data (picked in a file dialog, or
 * `inspect filtered_feature_bc_matrix/barcodes.tsv.gz`), which the text reader took for a table and refused
 * with "only one column was found" or "no numeric (gene) columns": names the file for what it is and what to
 * open instead. Only when the matrix it names sits beside it; any other file passes.
 */
export async function refuseTenxNameFile(path: string): Promise<void> {
  const name = TENX_NAME_FILE.exec(basename(path));
  if (!name) return;
  const dir = dirname(path);
  const matrix = await firstExisting(dir, [`${name[1]}matrix.mtx`]);
  if (matrix === undefined) return;
  const what = name[2].toLowerCase() === 'barcodes' ? 'cell barcodes' : 'gene names';
  throw new DataImportError(
    'unsupported-format',
    path,
    `this is the ${what} file of a Cell Ranger matrix, not the expression data: open its folder (${dir}) or its matrix file (${basename(matrix)}), which reads the barcodes and gene names with it.`,
  );
}

/** Where the matrix and its name files are, for a folder, a matrix path, or an upload (no name files). */
export async function findMtxFiles(source: DataSource): Promise<MtxFiles> {
  if (typeof source !== 'string') return { kind: 'mtx', matrix: source };
  if ((await stat(source)).isDirectory()) return tenxFiles(source, '');
  const dir = dirname(source);
  const name = basename(source);
  const tenx = TENX_MATRIX_NAME.exec(name);
  if (tenx) {
    const prefix = tenx[1];
    const beside = await firstExisting(dir, [
      `${prefix}barcodes.tsv`,
      `${prefix}features.tsv`,
      `${prefix}genes.tsv`,
    ]);
    if (beside !== undefined) return tenxFiles(dir, prefix, source);
  }
  const stem = name.replace(/\.gz$/i, '').replace(/\.[^.]*$/, '');
  const named = (nouns: string[], plain: string[]): string[] => [
    ...nouns.flatMap((noun) => [`${stem}.${noun}.tsv`, `${stem}_${noun}.tsv`]),
    ...plain,
  ];
  const barcodes = await firstExisting(dir, named(['barcodes', 'cells'], ['barcodes.tsv']));
  const features = await firstExisting(dir, named(['genes', 'features'], ['genes.tsv', 'features.tsv']));
  return {
    kind: 'mtx',
    matrix: source,
    ...(barcodes !== undefined ? { barcodes } : {}),
    ...(features !== undefined ? { features } : {}),
  };
}
