/**
 * Which matrix of an h5ad file to read: X, a layer, raw/X (the `layer` option) or an obsm embedding (the
 * `input` option), what else the file offers — its embeddings with their widths, for the Import screen's
 * Matrix choice — and what to read when nothing was chosen and X is None or has no columns (a layer,
 * raw/X, else the widest embedding, said in a warning), so such a file opens instead of stopping the import.
 */
import type { ImportWarning } from '../../api/import-warning.js';
import {
  GENES_INPUT,
  embeddingInput,
  embeddingMatrix,
  parseInput,
  type EmbeddingInfo,
} from '../../api/matrix-input.js';
import { DataImportError, MissingEmbeddingError, withAppWords } from '../errors.js';
import { didYouMean } from '../did-you-mean.js';
import { warningInWords } from '../setting-words.js';
import type { ImportOptions } from '../options.js';
import type { Hdf5File } from './h5-file.js';
import { describeMatrix } from './h5ad-matrix.js';

/** Which matrix the options choose, and where its gene names are. */
export interface MatrixChoice {
  matrix: string;
  /** The var dataframe naming the columns; undefined for obsm (columns are numbered). */
  var?: string;
  /** Said when the matrix was read because X is None or empty (nothing was chosen). */
  warning?: ImportWarning;
}

/**
 * The matrices besides `chosen` worth offering: an X without columns is left out (reading it would only
 * say so).
 */
export function otherMatrices(h5: Hdf5File, available: string[], chosen: string): string[] {
  return available.filter((m) => m !== chosen && columnsOf(h5, m) !== 0);
}

/** The genes (columns) of each of the matrices `names`, by name; one whose shape cannot be read is left out. */
export function matrixGenes(h5: Hdf5File, names: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of names) {
    const columns = columnsOf(h5, name);
    if (columns !== null) out[name] = columns;
  }
  return out;
}

/** The matrices of the file the `layer` option can choose ('X', 'layers/counts', 'raw/X'). */
export function availableMatrices(h5: Hdf5File): string[] {
  const found: string[] = [];
  if (h5.isDataset('/X') || h5.isGroup('/X')) found.push('X');
  for (const name of h5.keys('/layers')) found.push(`layers/${name}`);
  if (h5.isDataset('/raw/X') || h5.isGroup('/raw/X')) found.push('raw/X');
  return found;
}

/**
 * The obsm entries TripletLens can read as the input (2-D numeric arrays, CSR/CSC, at least one column) and
 * their widths, in the file's order. A dataframe or an awkward array is left out (the `input` option naming
 * one says why it cannot be read).
 */
export function readableEmbeddings(h5: Hdf5File): EmbeddingInfo[] {
  const found: EmbeddingInfo[] = [];
  for (const name of h5.keys('/obsm')) {
    try {
      const element = describeMatrix(h5, `/${embeddingMatrix(name)}`);
      if (element.cols > 0) found.push({ name, columns: element.cols });
    } catch (err) {
      if (!(err instanceof DataImportError)) throw err;
    }
  }
  return found;
}

/** The columns of a matrix of the file (0: it has none), or null when it cannot be described. */
function columnsOf(h5: Hdf5File, matrix: string): number | null {
  try {
    return describeMatrix(h5, `/${matrix}`).cols;
  } catch (err) {
    if (err instanceof DataImportError && err.kind === 'no-gene-columns') return 0;
    if (err instanceof DataImportError) return null;
    throw err;
  }
}

function embeddingChoice(h5: Hdf5File, input: string): MatrixChoice {
  const parsed = parseInput(input);
  const name = parsed?.kind === 'obsm' ? parsed.name : '';
  const offered = h5.keys('/obsm');
  if (!name || !offered.includes(name)) {
    const listed = offered.length > 0 ? offered.map(embeddingInput).join(', ') : 'no obsm entries';
    const near = name ? didYouMean(embeddingInput(name), offered.map(embeddingInput)) : '';
    const path = `/${embeddingMatrix(name)}`;
    // the CLI names its flag; the page, which chose the embedding from the file's own list, keeps the words
    const err = new MissingEmbeddingError(
      h5.name,
      `--input ${input} names no embedding of this file; it offers ${listed} (or ${GENES_INPUT}).${near}`,
      h5.where(path),
      name,
      offered,
    );
    throw withAppWords(
      err,
      `the input "${input}" is not in this file; it offers ${listed} (or ${GENES_INPUT}).${near}`,
      h5.where(path),
    );
  }
  return { matrix: embeddingMatrix(name) };
}

/** The matrix the `layer` option names ('counts' → 'layers/counts', 'raw' → 'raw/X'). */
function layerMatrix(layer: string): string {
  if (layer === 'X') return 'X';
  if (layer === 'raw' || layer === 'raw/X') return 'raw/X';
  return layer.startsWith('layers/') ? layer : `layers/${layer}`;
}

/** The matrices as the layer option names them: 'layers/counts' → 'counts', 'raw/X' → 'raw'. */
function layerNames(available: readonly string[]): string[] {
  return available.map((m) => (m === 'raw/X' ? 'raw' : m.replace(/^layers\//, '')));
}

/**
 * What to read instead of an X that is None (`columns` null) or has no columns, when nothing was chosen: the
 * first layer, raw/X, else the widest embedding (X_pca's 50 columns before X_umap's 2); null when the file
 * holds nothing else.
 */
function insteadOfX(
  h5: Hdf5File,
  others: string[],
  embeddings: EmbeddingInfo[],
  columns: number | null,
): MatrixChoice | null {
  const genes = others.find((m) => (columnsOf(h5, m) ?? 0) > 0);
  const widest = [...embeddings].sort((a, b) => b.columns - a.columns)[0];
  if (genes === undefined && widest === undefined) return null;
  const matrix = genes ?? embeddingMatrix(widest.name);
  const rest = [...others, ...embeddings.map((e) => embeddingMatrix(e.name))].filter((m) => m !== matrix);
  const why = columns === null ? 'no X matrix (X is None)' : 'an X matrix without columns (no genes)';
  const what = genes !== undefined ? matrix : `the embedding ${matrix} (${widest.columns} columns)`;
  // the CLI chooses with its flags, the page under its Matrix field (setting-words.ts `warningInWords`)
  const choose = (side: 'cli' | 'app'): string =>
    rest.length > 0
      ? ` It also holds ${rest.join(', ')}: choose ${side === 'cli' ? 'with --layer or --input' : 'under Import settings ▸ Matrix'}.`
      : '';
  return {
    matrix,
    ...(genes !== undefined ? { var: matrix === 'raw/X' ? '/raw/var' : '/var' } : {}),
    warning: warningInWords(
      'matrix-instead-of-x',
      (side) => `${h5.name} has ${why}: read ${what} instead.${choose(side)}`,
    ),
  };
}

/** The matrix to read, as the options choose it (see the file comment for a file without a usable X). */
export function chooseMatrix(
  h5: Hdf5File,
  options: ImportOptions,
  available: string[],
  embeddings: EmbeddingInfo[],
): MatrixChoice {
  const input = options.input ?? GENES_INPUT;
  if (input !== GENES_INPUT) return embeddingChoice(h5, input);
  const wanted = layerMatrix(options.layer ?? 'X');
  const xColumns = wanted === 'X' && available.includes('X') ? columnsOf(h5, 'X') : null;
  if (options.layer === undefined && (!available.includes('X') || xColumns === 0)) {
    const others = available.filter((m) => m !== 'X');
    const instead = insteadOfX(h5, others, embeddings, available.includes('X') ? xColumns : null);
    if (instead) return instead;
  }
  if (!available.includes(wanted)) {
    const listed = available.length > 0 ? available.join(', ') : 'none';
    // the CLI chooses another matrix with --layer and names the flag it was given, the page under Import
    // settings ▸ Matrix
    const detail = (side: 'cli' | 'app'): string => {
      const choose = side === 'cli' ? 'with --layer' : 'under Import settings ▸ Matrix';
      const missing =
        side === 'cli'
          ? `--layer ${options.layer} names no matrix of this file`
          : `there is no matrix "${options.layer}" in this file`;
      return wanted === 'X'
        ? available.length > 0
          ? `this AnnData file has no X matrix (X is None). Choose another matrix ${choose}: ${listed}.`
          : 'this AnnData file has no X matrix (X is None) and no layer or raw/X to read instead.'
        : `${missing}; it has: ${listed}.${didYouMean(options.layer ?? '', layerNames(available))}`;
    };
    // A layer the user named that is not there is a usage error; a file without X is the file's fault.
    const kind = options.layer === undefined ? 'bad-structure' : 'no-such-matrix';
    const [cli, app] = [detail('cli'), detail('app')];
    const err = h5.fail(`/${wanted}`, cli, kind);
    throw app === cli ? err : withAppWords(err, app, h5.where(`/${wanted}`, 'dataset'));
  }
  return { matrix: wanted, var: wanted === 'raw/X' ? '/raw/var' : '/var' };
}
