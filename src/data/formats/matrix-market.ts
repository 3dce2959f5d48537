/** MatrixMarket expression files: a Cell Ranger folder (v2 genes.tsv, v3 features.tsv.gz), or a plain .mtx. */
import { countText } from '../../api/count-text.js';
import { basename } from 'node:path';
import { DataImportError, NoEmbeddingsError, shownValue, withAppWords } from '../errors.js';
import { memoryLimitFor } from '../memory-guard.js';
import { applyColumnChoices, rejectInapplicableOptions } from '../format-options.js';
import { joinStructuredMetadata } from '../metadata-join.js';
import type { DataSource, ImportOptions } from '../options.js';
import { sourceName } from '../source-text.js';
import type { ExpressionTable } from '../types.js';
import type { ImportWarning } from '../../api/import-warning.js';
import { featuresDroppedWarning, GENE_EXPRESSION } from './features-dropped.js';
import { GENES_INPUT } from '../../api/matrix-input.js';
import { type FirstRepeat, uniqueCellIds, uniqueGeneNames } from '../unique-names.js';
import { featureWord } from './negative-counts.js';
import { nameHashes, namesPrint, type NameHashes } from './folder-print.js';
import { findMtxFiles, TENX_MATRIX_NAME, type MtxFiles } from './mtx-files.js';
import { warningInWords } from '../setting-words.js';
import { turnRoundAdvice } from '../orientation.js';
import type { MtxHeader } from './mtx-header.js';
import { linesOfEntry } from './mtx-repeat.js';
import { readMatrixMarket, type MtxContents, type MtxPlan } from './mtx-stream.js';
import {
  barcodesFrom,
  checkNameCount,
  featureAnnotations,
  featuresFrom,
  readNameFile,
  type Features,
} from './name-files.js';

interface NameFiles {
  barcodes?: { file: string; ids: string[] };
  features?: { file: string; features: Features };
}

/**
 * Whether the file's rows are cells. A Cell Ranger matrix is genes × cells. A plain one is told by which
 * axis the name files' line counts match; without names (or when both axes fit) cells are rows, as scanpy's
 * read_mtx reads it; `transpose` (genes as rows) overrides.
 */
export function cellsAreRows(
  kind: MtxFiles['kind'],
  header: Pick<MtxHeader, 'rows' | 'cols'>,
  names: { cells?: number; genes?: number },
  transpose: boolean | undefined,
): boolean {
  if (kind === '10x-mtx') return false;
  if (transpose !== undefined) return !transpose;
  const fits = (cellAxis: number, geneAxis: number): boolean =>
    (names.cells === undefined || names.cells === cellAxis) &&
    (names.genes === undefined || names.genes === geneAxis);
  return fits(header.rows, header.cols) || !fits(header.cols, header.rows);
}

/** Keeps Gene Expression features (and untyped ones); says how many others were left out. */
function geneSelection(
  features: Features,
  file: string,
  warnings: ImportWarning[],
): { map: Int32Array | null; names: string[] } {
  const dropped = new Map<string, number>();
  const map = new Int32Array(features.names.length);
  const names: string[] = [];
  features.types.forEach((type, i) => {
    if (type === '' || type === GENE_EXPRESSION) {
      map[i] = names.length;
      names.push(features.names[i]);
    } else {
      map[i] = -1;
      dropped.set(type, (dropped.get(type) ?? 0) + 1);
    }
  });
  if (dropped.size === 0) return { map: null, names };
  if (names.length === 0) {
    throw new DataImportError(
      'bad-structure',
      file,
      `no feature has the type "${GENE_EXPRESSION}" (types found: ${[...dropped.keys()].join(', ')}); TripletLens maps gene expression.`,
    );
  }
  warnings.push(featuresDroppedWarning(dropped, names.length));
  return { map, names };
}

/**
 * The cell and gene of an entry (1-based file row and column) as the Cell Ranger .h5's negative count names
 * them: 'cell 2, barcode "AAAG-1"; Antibody Capture feature 3, "CD3"' (the feature's type from the features
 * file's third column); undefined without name files.
 */
function entryNamer(names: NameFiles, cellsAreRows: boolean): MtxPlan['entryNames'] {
  const { barcodes, features } = names;
  if (!barcodes && !features) return undefined;
  return (row, column) => {
    const [cell, gene] = cellsAreRows ? [row, column] : [column, row];
    const barcode = barcodes?.ids[cell - 1];
    const name = features?.features.names[gene - 1];
    const what = featureWord(features?.features.types[gene - 1]);
    return [
      `cell ${cell}${barcode === undefined ? '' : `, barcode "${shownValue(barcode)}"`}`,
      `${what} ${gene}${name === undefined ? '' : `, "${shownValue(name)}"`}`,
    ].join('; ');
  };
}

/** The layout plan, once the header is known, with the name files checked against it. */
function planFor(
  header: MtxHeader,
  files: MtxFiles,
  names: NameFiles,
  options: ImportOptions,
  warnings: ImportWarning[],
): MtxPlan & { geneNames: string[] | undefined } {
  const matrixFile = sourceName(files.matrix);
  const byRows = cellsAreRows(
    files.kind,
    header,
    { cells: names.barcodes?.ids.length, genes: names.features?.features.names.length },
    options.transpose,
  );
  const [cellAxis, geneAxis] = byRows ? ['rows', 'columns'] : ['columns', 'rows'];
  const cells = byRows ? header.rows : header.cols;
  const genes = byRows ? header.cols : header.rows;
  if (cells === 0 || genes === 0) {
    throw new DataImportError(
      'no-data-rows',
      matrixFile,
      `the matrix is ${countText(header.rows)} × ${countText(header.cols)}: it holds no ${cells === 0 ? 'cells' : 'genes'}.`,
      { line: header.sizeLine },
    );
  }
  const where = { matrixFile: basename(matrixFile), sizeLine: header.sizeLine };
  if (names.barcodes) {
    checkNameCount(names.barcodes.ids.length, cells, names.barcodes.file, {
      ...where,
      noun: 'cell',
      axis: cellAxis,
    });
  }
  const entryNames = entryNamer(names, byRows);
  const named = entryNames ? { entryNames } : {};
  if (!names.features) {
    return { cellsAreRows: byRows, geneMap: null, genes, geneNames: undefined, ...named };
  }
  const { file, features } = names.features;
  checkNameCount(features.names.length, genes, file, { ...where, noun: 'gene', axis: geneAxis });
  const selection = geneSelection(features, file, warnings);
  return {
    cellsAreRows: byRows,
    geneMap: selection.map,
    genes: selection.names.length,
    geneNames: selection.names,
    ...named,
  };
}

/** Reads the barcodes and genes/features files that were found (into `hashes` as they are read, when given). */
async function readNames(files: MtxFiles, signal?: AbortSignal, hashes?: NameHashes): Promise<NameFiles> {
  const names: NameFiles = {};
  if (files.barcodes !== undefined) {
    const rows = await readNameFile(files.barcodes, signal, hashes?.barcodes);
    names.barcodes = { file: files.barcodes, ids: barcodesFrom(rows, files.barcodes) };
  }
  if (files.features !== undefined) {
    const rows = await readNameFile(files.features, signal, hashes?.features);
    names.features = { file: files.features, features: featuresFrom(rows, files.features) };
  }
  return names;
}

/** A MatrixMarket file holds one matrix: a layer or an obsm input cannot be chosen. */
function rejectChoices(options: ImportOptions, file: string): void {
  // the page's words name its Matrix field (Import settings, or Project another file), the CLI's the flag
  const matrixField = 'choose its default under Matrix (Import settings, or Project another file).';
  if (options.layer !== undefined && options.layer !== 'X' && options.layer !== 'matrix') {
    throw withAppWords(
      new DataImportError(
        'no-such-matrix',
        file,
        `--layer "${options.layer}": a MatrixMarket file holds one matrix and no layers; leave --layer out.`,
      ),
      `The matrix chosen ("${options.layer}"): a MatrixMarket file holds one matrix and no layers; ${matrixField}`,
    );
  }
  if (options.input !== undefined && options.input !== GENES_INPUT) {
    throw withAppWords(
      new NoEmbeddingsError(
        file,
        `--input "${options.input}": a MatrixMarket file holds no embeddings (obsm); only --input genes applies.`,
        'a MatrixMarket file',
      ),
      `The matrix chosen ("${options.input}"): a MatrixMarket file holds no embeddings (obsm), only its genes; ${matrixField}`,
    );
  }
}

/** Stops with the two lines that write the same place of the matrix. */
async function repeatError(
  files: MtxFiles,
  contents: MtxContents,
  cell: number,
  gene: number,
): Promise<DataImportError> {
  const { plan, header } = contents;
  const fileGene = plan.geneMap === null ? gene : plan.geneMap.indexOf(gene);
  const [row, col] = plan.cellsAreRows ? [cell + 1, fileGene + 1] : [fileGene + 1, cell + 1];
  const lines = await linesOfEntry(files.matrix, header.sizeLine, row, col);
  return new DataImportError(
    'bad-structure',
    sourceName(files.matrix),
    `the entry at row ${row}, column ${col} is written twice (lines ${lines.join(' and ')}); each place of the matrix may appear once.`,
    { line: lines[lines.length - 1] },
  );
}

/** The barcodes made unique, with a warning naming the barcodes file and the lines of the first repeat. */
function uniqueBarcodes(barcodes: string[], file: string, warnings: ImportWarning[]): string[] {
  const unique = uniqueCellIds(
    barcodes,
    'barcodes',
    (at) => `line ${at.repeat + 1} of ${basename(file)} repeats line ${at.earlier + 1}`,
  );
  if (unique.warning) warnings.push(unique.warning);
  return unique.ids;
}

/** Where a repeated gene name is: the features file's lines of the kept genes (`geneMap`: feature → gene). */
function featureRepeatPlace(file: string, geneMap: Int32Array | null, at: FirstRepeat): string {
  const lineOf = (gene: number) => (geneMap ? geneMap.indexOf(gene) : gene) + 1;
  return `line ${lineOf(at.repeat)} of ${basename(file)} repeats line ${lineOf(at.earlier)}`;
}

/**
 * The warning for a matrix named as Cell Ranger's (matrix.mtx.gz, GSM1_matrix.mtx) read without a barcodes or
 * features file and not turned round: Cell Ranger writes genes as rows, so its genes were most likely read as
 * cells — as a matrix uploaded alone on the page always is (a folder cannot be uploaded). Null otherwise.
 */
function tenxMatrixAlone(
  files: MtxFiles,
  options: ImportOptions,
  matrixFile: string,
  [rows, cols]: [number, number],
): ImportWarning | null {
  const name = basename(matrixFile);
  if (files.kind !== 'mtx' || files.barcodes || files.features || options.transpose !== undefined)
    return null;
  if (!TENX_MATRIX_NAME.test(name)) return null;
  const read = `${name} is named as a Cell Ranger matrix, which holds genes as rows and cells as columns, but no barcodes or features file was found with it: its rows were read as cells (${countText(rows)} rows × ${countText(cols)} columns).`;
  return warningInWords('tenx-matrix-alone', (side) =>
    side === 'cli'
      ? `${read} Give its folder, with barcodes.tsv.gz and features.tsv.gz, or --transpose if its rows are genes.`
      : `${read} Open its folder, with barcodes.tsv.gz and features.tsv.gz, or ${turnRoundAdvice(false, 'app')} if its rows are genes.`,
  );
}

/** Numbered names for an axis without a name file, and the warning saying so. */
function numbered(prefix: string, count: number, what: string, warnings: ImportWarning[]): string[] {
  warnings.push({
    code: `no-${what}-names`,
    message: `No ${what} names file was found beside the matrix (e.g. <name>.${what === 'cell' ? 'barcodes' : 'genes'}.tsv); ${what}s are numbered ${prefix}1, ${prefix}2, ….`,
  });
  return Array.from({ length: count }, (_, i) => `${prefix}${i + 1}`);
}

/** Reads a MatrixMarket file (with its barcodes/features files beside it) or a 10x folder. */
export async function importMatrixMarket(
  source: DataSource,
  options: ImportOptions = {},
): Promise<ExpressionTable> {
  const { signal } = options;
  let files: MtxFiles;
  try {
    files = await findMtxFiles(source);
  } catch (err) {
    if (err instanceof DataImportError) throw err;
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new DataImportError('unreadable', sourceName(source), `cannot read it (${code}).`);
  }
  const matrixFile = sourceName(files.matrix);
  rejectChoices(options, matrixFile);
  rejectInapplicableOptions(files.kind, options, matrixFile);
  // a Cell Ranger folder's fingerprint, made while its name files are read (a session keeps it)
  const hashes = files.kind === '10x-mtx' ? nameHashes() : undefined;
  const names = await readNames(files, signal, hashes);
  const warnings: ImportWarning[] = [];
  let geneNames: string[] | undefined;
  let geneMap: Int32Array | null = null;
  const contents = await readMatrixMarket(files.matrix, {
    signal,
    onProgress: options.onProgress,
    chunkBytes: options.chunkBytes,
    memory: memoryLimitFor(options.maxMemoryBytes),
    plan: (header) => {
      const plan = planFor(header, files, names, options, warnings);
      geneNames = plan.geneNames;
      geneMap = plan.geneMap;
      return plan;
    },
  });
  if (contents.matrix === undefined) {
    const { cell, gene } = contents.repeated ?? { cell: 0, gene: 0 };
    throw await repeatError(files, contents, cell, gene);
  }
  const values = contents.matrix;
  const ids = names.barcodes
    ? uniqueBarcodes(names.barcodes.ids, names.barcodes.file, warnings)
    : numbered('cell_', values.rows, 'cell', warnings);
  const unique = uniqueGeneNames(geneNames ?? numbered('gene_', values.cols, 'gene', warnings), (at) =>
    featureRepeatPlace(names.features?.file ?? matrixFile, geneMap, at),
  );
  if (unique.warning) warnings.push(unique.warning);
  const alone = tenxMatrixAlone(files, options, matrixFile, [values.rows, values.cols]);
  if (alone) warnings.push(alone);
  const geneAnnotations = names.features ? featureAnnotations(names.features.features, geneMap) : [];
  const table: ExpressionTable = {
    source: sourceName(source),
    idColumn: names.barcodes ? 'barcode' : 'id',
    ids,
    genes: unique.names,
    values,
    metadata: [],
    warnings,
    missingValues: 0,
    format: { kind: files.kind, matrix: basename(matrixFile), layers: [], obsm: [] },
    ...(geneAnnotations.length > 0 ? { geneAnnotations } : {}),
    ...(hashes ? { folderPrint: namesPrint(hashes, contents.header) } : {}),
  };
  applyColumnChoices(table, options, matrixFile);
  await joinStructuredMetadata(table, options);
  options.onProgress?.(1);
  return table;
}
