/**
 * Writes a run's result as an AnnData `.h5ad` that scanpy (`sc.read_h5ad`) and cellxgene open directly:
 * `obs` (the input's metadata plus the run's columns), `var` (the genes used), `X` (their input values,
 * CSR when the input was sparse; a run on an h5ad's embedding: the input's own X, var, layers, raw, obsm,
 * obsp, varm, varp and uns, `input-genes.ts`; a run on an h5ad's genes: the input's obsm, obsp, raw and uns besides,
 * and when those genes are exactly the file's var — a run on a layer or raw/X included — its X, var, layers, varm
 * and varp as on an embedding),
 * `obsm['X_tripletlens']`, the report in `uns['tripletlens']` and
 * `uns['<column>_colors']` for columns whose category colours the input carried. The file is built under a
 * temporary name and renamed into place; the input file is never written.
 */
import { realpath } from 'node:fs/promises';
import type { DenseMatrix, ExpressionMatrix } from '../../api/matrix.js';
import { isCsr } from '../../data/sparse.js';
import { OutputSet } from '../../util/output-set.js';
import {
  setEncoding,
  writeArray,
  writeCsr,
  writeDataFrame,
  writeDense,
  writeDict,
  writeString,
  writeStringArray,
} from './anndata-elements.js';
import { loadH5wasm } from './h5wasm-module.js';
import { throwingLostWrites } from './lost-writes.js';
import type { File as H5File, Group } from 'h5wasm/node';
import { validColumnName } from './column-names.js';
import { makeUnique } from '../../data/unique-names.js';
import { obsColumnLength, type ObsColumn } from './obs-encoding.js';
import { CoreError } from '../../api/core-error.js';
import {
  openSameGenes,
  writeInputCells,
  writeInputGenes,
  type CopyTargets,
  type InputGenes,
} from './input-genes.js';
import { booleanColumnsNote, nullableColumnsNote, type NotedFrame } from './column-notes.js';
import type { UnsTaken } from './copy-uns.js';
import type { DataSource } from '../../data/options.js';
import { sourceName } from '../../data/source-text.js';
import { unsReport } from './uns-report.js';

/** The obsm key of the TripletLens embedding (cellxgene lists `X_*` entries as embeddings). */
export const EMBEDDING_KEY = 'X_tripletlens';

/** The uns key holding the run report JSON. */
export const REPORT_KEY = 'tripletlens';

/** Everything an AnnData result holds, ready to write (see `trainingH5ad` / `embeddingH5ad`). */
export interface H5adResult {
  /** The input file (the writer refuses to replace it). */
  source: string;
  /** Cell ids, unique (obs index). */
  obsNames: string[];
  /** The name of the obs index (the input's id column); default none (`_index`). */
  obsIndexName?: string;
  /** obs columns, names unique and valid (see `obsColumnNames`). */
  obs: ObsColumn[];
  /** Gene names, unique (var index); [] with `inputGenes`. */
  varNames: string[];
  /** var columns (the input's gene annotations for these genes), names unique and valid. Default none. */
  var?: ObsColumn[];
  /** The name of the var index (the input's, `ExpressionTable.geneIndexName`); default none (`_index`). */
  varIndexName?: string;
  /** cells × varNames, input values; null with `inputGenes` (X and var are copied from the input). */
  X: ExpressionMatrix | null;
  /**
   * The columns of `X` that are written, ascending, one per var name: the writer selects them block by block,
   * so a run on an atlas never holds a second copy of its matrix. Default: every column.
   */
  XColumns?: readonly number[];
  /**
   * The h5ad input whose X and var — and layers, raw, other obsm entries, obsp, varm, varp and uns — the
   * result copies as it is written (a run trained on its embedding holds no genes). Default none: `X`,
   * `varNames` and `var` are written.
   */
  inputGenes?: InputGenes;
  /**
   * The h5ad input whose obsm entries, obsp and raw — the elements of its cells, which need no choice of
   * columns — and uns a result of the run's own genes (`X`) copies as it is written; an input gone or changed since
   * the run gives the result without them, with a note (never a failed write). When `varNames` are exactly its
   * var index (as stored, in order), its X, var, layers, varm and varp are copied too, in place of `X`. Default none.
   */
  inputCells?: DataSource;
  /**
   * The input's matrix `X` holds, named as in the file ('X', 'layers/counts', 'raw/X'): one other than 'X'
   * leaves the input's uns['log1p'] out of the copy (`UnsTaken.xFrom`). Default 'X'.
   */
  XFrom?: string;
  /** obsm entries besides the map (the embedding the run was trained on, under its own name). Default none. */
  obsm?: { name: string; matrix: ExpressionMatrix }[];
  /** cells × 2 or 3 (any dims ≥ 1). */
  embedding: DenseMatrix;
  /** The run report, stored as a JSON string in uns['tripletlens'] less the recipe's fitted numbers (`uns-report.ts`). */
  report: unknown;
  /** Category colours by obs column name then category ('#rrggbb'), written as uns['<column>_colors']. */
  categoryColors: Record<string, Record<string, string>>;
  /**
   * obs columns the result writes anew rather than takes from the input (the run's split, predicted labels,
   * confidence, edited labels): their `categoryColors` (an earlier result's, read from the input) are written
   * only when they colour each new category, and the input's own `<column>_colors` is never copied as stored
   * (its colours belong to the earlier categories). Default none.
   */
  ownColumns?: readonly string[];
  /**
   * Sentences on the result that its assembly decided (an earlier run's obs columns kept under a suffixed
   * name), returned first with the writer's own notes. Default none.
   */
  notes?: readonly string[];
}

/** Checks that the parts agree in size (a mismatch is a bug upstream, not a user error). */
function checkShapes(result: H5adResult): void {
  const n = result.obsNames.length;
  const problems: string[] = [];
  if (result.X === null && result.inputGenes === undefined) problems.push('it has no X and no input genes');
  if (result.X && result.X.rows !== n) problems.push(`X has ${result.X.rows} rows`);
  const X = result.X;
  const columns = result.XColumns?.length ?? X?.cols;
  if (X && columns !== result.varNames.length) {
    problems.push(`X has ${columns} columns for ${result.varNames.length} genes`);
  }
  const picked = result.XColumns ?? [];
  if (X && picked.some((c, j) => !(c >= 0 && c < X.cols && (j === 0 || c > picked[j - 1])))) {
    problems.push(`X's columns to write are not ascending columns of its ${X.cols}`);
  }
  for (const { name, matrix } of result.obsm ?? []) {
    if (matrix.rows !== n) problems.push(`obsm '${name}' has ${matrix.rows} rows`);
  }
  if (result.embedding.rows !== n) problems.push(`the embedding has ${result.embedding.rows} rows`);
  for (const c of result.obs) {
    const length = obsColumnLength(c);
    if (length !== n) problems.push(`obs column '${c.name}' has ${length} values`);
  }
  for (const c of result.var ?? []) {
    const length = obsColumnLength(c);
    if (length !== result.varNames.length) problems.push(`var column '${c.name}' has ${length} values`);
  }
  if (problems.length)
    throw new CoreError('internal', `Cannot write the h5ad result for ${n} cells: ${problems.join('; ')}`);
}

async function samePath(a: string, b: string): Promise<boolean> {
  const real = async (p: string) => realpath(p).catch(() => p);
  return (await real(a)) === (await real(b));
}

/** A matrix element: CSR stays CSR, dense stays dense. */
function writeMatrix(parent: Group, name: string, m: ExpressionMatrix, columns?: readonly number[]): void {
  if (isCsr(m)) writeCsr(parent, name, m, undefined, columns);
  else writeDense(parent, name, m, undefined, columns);
}

/**
 * Writes the whole file at `path` directly: for a temporary name that an OutputSet (or
 * `writeResultH5ad`) renames into place, never for the final destination. Returns what the user should be
 * told about the file (e.g. an input without X gave a result without X).
 */
export async function writeH5adFile(path: string, result: H5adResult): Promise<string[]> {
  checkShapes(result);
  const h5wasm = await loadH5wasm();
  // h5wasm does not throw when the system refuses a write (a full disk): those are thrown here
  return throwingLostWrites(path, async () => writeParts(new h5wasm.File(path, 'w'), result));
}

/** Writes every part of `result` into the newly created `file` and closes it; returns the notes. */
async function writeParts(file: H5File, result: H5adResult): Promise<string[]> {
  let notes: string[] = [];
  // a run on an h5ad's genes, all of them in the file's order (a layer's or raw/X's included): the user's
  // X, var, layers, varm and varp are copied as for a run on an embedding — their file plus the map
  let same =
    result.X && result.inputCells !== undefined
      ? await openSameGenes(result.inputCells, result.obsNames, result.varNames)
      : null;
  const genes: InputGenes | undefined =
    result.inputGenes ??
    (same && result.inputCells !== undefined
      ? { source: result.inputCells, trainedOn: result.XFrom ?? 'X' }
      : undefined);
  // the dataframes written, for the notes on columns not held in their stored dtype (var and raw.var copied
  // from the input are added as they are copied)
  const frames: NotedFrame[] = [{ at: 'obs', columns: result.obs }];
  if (!genes) frames.push({ at: 'var', columns: result.var ?? [] });
  try {
    setEncoding(file, 'anndata', '0.1.0');
    const [obsm, layers, obsp, varm, varp] = ['obsm', 'layers', 'obsp', 'varm', 'varp'].map((n) =>
      writeDict(file, n),
    );
    // an input embedding named like the map (a result trained on again) keeps its matrix beside the new map
    const inputNames = (result.obsm ?? []).map((e) => validColumnName(e.name));
    const names = makeUnique([EMBEDDING_KEY, ...inputNames]).names.slice(1);
    const encodings = writeDataFrame(file, 'obs', result.obsNames, result.obs, result.obsIndexName);
    // the result's own uns entries first: the input's uns, copied after them, keeps aside what they name
    const uns = writeDict(file, 'uns');
    const unsTaken = {
      ...writeOwnUns(uns, result, encodings),
      ...(result.X && !same && result.XFrom !== undefined ? { xFrom: result.XFrom } : {}),
    };
    const into: CopyTargets = {
      ...{ layers, obsm, obsp, varm, varp, uns, unsTaken, obsmTaken: [EMBEDDING_KEY, ...names] },
      frames,
    };
    if (genes) {
      const opened = same;
      same = null; // closed by the copy from here on
      notes = await writeInputGenes(file, genes, result.obsNames, undefined, into, opened);
    } else if (result.X) {
      writeMatrix(file, 'X', result.X, result.XColumns);
      writeDataFrame(file, 'var', result.varNames, result.var ?? [], result.varIndexName);
      if (result.inputCells !== undefined)
        notes = await writeInputCells(file, result.inputCells, result.obsNames, into);
    }
    (result.obsm ?? []).forEach((e, i) => writeMatrix(obsm, names[i], e.matrix));
    writeArray(obsm, EMBEDDING_KEY, result.embedding.data, result.embedding.cols);
  } finally {
    file.close();
    await same?.close();
  }
  const columnNotes = [
    genes ? null : xFromNote(result),
    booleanColumnsNote(frames),
    nullableColumnsNote(frames),
  ];
  return [...(result.notes ?? []), ...notes, ...columnNotes.filter((n) => n !== null)];
}

/**
 * What a result's X is when the run read another matrix than the input's X (`train --layer counts`): a scanpy
 * walkthrough opened the result, found raw counts in X where its file had log-normalised values, and its
 * layers gone, with nothing said. Null for a run on X (or on an embedding, whose result copies the input's X).
 */
function xFromNote(result: H5adResult): string | null {
  if (result.inputGenes || !result.X || result.XFrom === undefined || result.XFrom === 'X') return null;
  const name = sourceName(result.source);
  return `the result's X holds ${result.XFrom} of ${name}, the matrix the map was trained on, not ${name}'s X; that X and the input's layers are not in the result (read them from ${name}).`;
}

/**
 * The result's own uns entries: the report and the colours of its categorical columns that the input gave
 * colours (from the input's `<column>_colors`, which the result's entry replaces) — for a column the result
 * writes anew (`ownColumns`), only when the input's colours name each of its categories. Returns the names
 * taken, and the columns written anew whose input colours are left out.
 */
function writeOwnUns(uns: Group, result: H5adResult, encodings: ReturnType<typeof writeDataFrame>): UnsTaken {
  writeString(uns, REPORT_KEY, JSON.stringify(unsReport(result.report)));
  const own = new Set(result.ownColumns ?? []);
  const replaced: string[] = [];
  for (const [column, colors] of Object.entries(result.categoryColors)) {
    const encoding = encodings.get(column);
    if (encoding?.kind !== 'categorical' || encoding.categories.length === 0) continue;
    // an earlier result's colours for a column written anew: grey for a new category would read as unlabeled
    if (own.has(column) && encoding.categories.some((c) => !Object.hasOwn(colors, c))) continue;
    // scanpy pairs colours with categories by position and ignores a list of the wrong length
    writeStringArray(
      uns,
      `${column}_colors`,
      encoding.categories.map((c) => colors[c] ?? UNCOLOURED),
    );
    replaced.push(`${column}_colors`);
  }
  const rewritten = [...own].filter((c) => !replaced.includes(`${c}_colors`));
  return { taken: [REPORT_KEY], replaced, rewritten };
}

/** The colour of a category the input gave no colour (the UI's grey for unlabeled cells). */
export const UNCOLOURED = '#b0b0b0';

/**
 * Writes `result` to `path` atomically (a temporary sibling renamed into place; a failure is a WriteError
 * naming `path`). Refuses to write over the input file. The CLI stages `writeH5adFile` in its own OutputSet.
 */
export async function writeResultH5ad(path: string, result: H5adResult): Promise<string[]> {
  checkShapes(result);
  if (await samePath(path, result.source)) {
    throw new CoreError(
      'bad-request',
      `Refusing to write the h5ad result over its input ${result.source}: choose another place to write it.`,
    );
  }
  const outputs = new OutputSet();
  outputs.declare('', path);
  let notes: string[] = [];
  outputs.stage(path, async (temp) => {
    notes = await writeH5adFile(temp, result);
  });
  await outputs.commit();
  // a previous export a killed writer had left aside, put back before this one replaced it: said first
  return [...outputs.notes, ...notes];
}
