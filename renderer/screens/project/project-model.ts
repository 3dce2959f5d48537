/**
 * Explore ▸ Project another file, the pure part: which matrices the Matrix field offers, the import settings
 * it gives, what the page says about a projected file (the line under the field and the notice) and the
 * metadata file joined to it (the columns Colour ✕ by offers).
 */
import type {
  DatasetSummary,
  EmbedResult,
  FileFormatSummary,
  ProjectSettings,
  RunResult,
} from '../../../src/api/engine-api.js';
import { countText } from '../../../src/api/count-text.js';
import { rowWords, type RowWords } from '../../../src/api/file-format.js';
import { embeddingOfMatrix } from '../../../src/api/matrix-input.js';
import { inputShownName } from '../../../src/api/output-stem.js';
import { plural } from '../../format.js';

/** The formats whose matrices have names a user chooses between (an h5ad's X, layers, raw/X; a loom's layers). */
const NAMED_MATRICES = new Set<FileFormatSummary['kind']>(['h5ad', 'loom']);

/** The matrix the run was trained on ('X', 'layers/counts', 'obsm/X_pca'…), from its report; '' when unknown. */
export function trainedMatrix(run: Pick<RunResult, 'report'> | null): string {
  const input = run?.report.input as { format?: { kind?: unknown; matrix?: unknown } } | undefined;
  const matrix = input?.format?.matrix;
  return typeof matrix === 'string' ? matrix : '';
}

/** One choice of the Matrix field: '' is "as the map was trained". */
export interface MatrixChoice {
  value: string;
  label: string;
}

/** The matrices a format names (h5ad/loom only: a text table or a Cell Ranger file holds one). */
function namedMatrices(f: FileFormatSummary | undefined): string[] {
  return f && NAMED_MATRICES.has(f.kind) ? [f.matrix, ...f.layers] : [];
}

/**
 * What the Matrix field offers: first the default — the matrix the map was trained on (which the engine reads
 * when the projected file has it) — then X and the matrices of the trained file and of the last projected
 * file (a new sample usually has the same layers), each once; only the default for a map trained on an
 * embedding.
 */
export function matrixChoices(
  trained: string,
  dataset: Pick<DatasetSummary, 'format'> | null,
  projected: Pick<EmbedResult, 'format'> | null,
): MatrixChoice[] {
  const first: MatrixChoice = {
    value: '',
    label: trained ? `as trained (${trained})` : 'the file’s own',
  };
  // a map trained on an embedding places only that embedding (the default): X or a layer would be refused
  if (embeddingOfMatrix(trained) !== null) return [first];
  const formats = [dataset?.format?.kind, projected?.format?.kind];
  // a loom's main matrix is 'matrix', which its reader also reads as 'X': one choice for both, named as a loom
  // names it when only looms are in play, else 'X' (an h5ad reads 'matrix' as layers/matrix)
  const main = formats.includes('loom') && !formats.includes('h5ad') ? 'matrix' : 'X';
  const names = ['X', ...namedMatrices(dataset?.format), ...namedMatrices(projected?.format)].map((name) =>
    name === 'X' || name === 'matrix' ? main : name,
  );
  const seen = new Set<string>(['']);
  const rest: MatrixChoice[] = [];
  for (const name of names) {
    // an embedding is not a matrix of genes
    if (seen.has(name) || embeddingOfMatrix(name) !== null) continue;
    seen.add(name);
    rest.push({ value: name, label: name });
  }
  return [first, ...rest];
}

/**
 * The Orientation field's choices: a CSV/TSV as its header says (cells or samples as rows), or turned round —
 * a bulk panel's genes × samples table, which `embed --transpose` reads (a walkthrough could train on such a
 * file through Import settings ▸ Orientation but not project its twin: Project another file had no way to
 * turn it round, and the sample sheet joined to it matched "none of the cell ids (AFFX-…)").
 */
export const PROJECT_ORIENTATIONS = [
  { value: 'auto', label: 'cells or samples are rows' },
  { value: 'genes-as-rows', label: 'genes are rows (transpose)' },
] as const;

/** The Decimal separator's choices under Project another file, as Import settings offers them. */
export const PROJECT_DECIMALS = [
  { value: 'auto', label: 'auto' },
  { value: '.', label: 'dot (1.25)' },
  { value: ',', label: 'comma (1,25)' },
] as const;

/** A file name a CSV/TSV has (gzipped or not): its own numbers are text a decimal separator reads. */
const TEXT_TABLE_NAME = /\.(csv|tsv|txt|tab)(\.gz)?$/i;

/**
 * Whether a Decimal separator chosen under Project another file goes with the projection of `name`: for a
 * CSV/TSV (its numbers and its metadata file's), or for any file when a metadata file is joined (whose numbers
 * it reads — an h5ad, loom or 10x file holds no text). The engine refuses it for an h5ad without one.
 */
export function decimalApplies(name: string, withMetadata: boolean): boolean {
  return withMetadata || TEXT_TABLE_NAME.test(name);
}

/**
 * The import settings of a Matrix choice ('' reads the default: the engine picks the trained matrix), of an
 * Orientation choice (default 'auto': as the file's header says; only 'genes-as-rows' asks for anything) and
 * of a Decimal separator choice (default 'auto': detected; sent only when it `applies`, see decimalApplies).
 */
export function projectSettings(
  choice: string,
  orientation = 'auto',
  decimal = 'auto',
  applies = false,
  logNormalize = false,
): ProjectSettings {
  return {
    ...(choice ? { layer: choice } : {}),
    ...(orientation === 'genes-as-rows' ? { orientation: 'genes-as-rows' as const } : {}),
    ...(applies && (decimal === '.' || decimal === ',') ? { decimal } : {}),
    ...(logNormalize ? { logNormalize: true } : {}),
  };
}

/** scanpy's usual target_sum, which the engine uses when the map recorded no total (query-log-normalise.ts). */
const USUAL_TARGET_SUM = 10_000;

/**
 * The Log-normalise counts checkbox's hint when it is offered, else null: offered for a map trained on values
 * it did not normalise itself (log-normalised already, as scanpy's X), not of an embedding — where a file of
 * raw counts gets the scale warning. The hint names the total each cell's counts will be scaled to: the map's
 * recorded one (`PreprocessRecipe.logTotal`), else scanpy's usual 10 000 and why.
 */
export function logNormaliseHint(run: Pick<RunResult, 'report'> | null): string | null {
  const recipe = run?.report.recipe as
    { normalize?: unknown; log1p?: unknown; logTotal?: unknown } | undefined;
  if (!recipe || recipe.normalize !== null || recipe.log1p !== false) return null;
  if (embeddingOfMatrix(trainedMatrix(run)) !== null) return null;
  const total = recipe.logTotal;
  const scaled =
    typeof total === 'number'
      ? `${Number.isInteger(total) ? countText(total) : String(total)} in total — the total per cell of the map’s values`
      : `${countText(USUAL_TARGET_SUM)} in total — scanpy’s usual target_sum: ${
          total === null
            ? 'the map’s values share no total per cell (only some genes kept?)'
            : 'the map was trained before TripletLens recorded its values’ total'
        }, so the one they were normalised to is not known`;
  return (
    `For a file of raw counts (a 10x folder, a counts CSV) onto this map of log-normalised values: scales each ` +
    `cell’s counts to ${scaled}, then log1p, as scanpy’s normalize_total + log1p.`
  );
}

/**
 * A projected file by its name: the last part of its path (a server path shows as its file name), a Cell Ranger
 * folder from its sample's folder down (`inputShownName`), as the engine's progress and the File line name it.
 */
export function projectedFileName(source: string): string {
  return inputShownName(source);
}

/**
 * What the status bar says while a file is projected and the notice if it fails, naming the file by its name:
 * a server or desktop path ('/home/…/sample2.h5ad') shows as 'sample2.h5ad'.
 */
export function projectingWords(source: string): { busy: string; failed: string } {
  const name = projectedFileName(source);
  return { busy: `Projecting ${name}…`, failed: `Could not project ${name}` };
}

/** Which matrix was read, when the format has named ones: " (layers/counts)"; '' otherwise. */
function matrixRead(p: EmbedResult): string {
  return NAMED_MATRICES.has(p.format.kind) && p.format.matrix ? ` (${p.format.matrix})` : '';
}

/** The columns a metadata file gave the projected cells, in a sentence: " Metadata from a.csv: donor, sample." */
function joinedText(p: EmbedResult): string {
  if (!p.metadataSource || p.joinedMetadata.length === 0) return '';
  const names = p.joinedMetadata.map((c) => c.name);
  const shown = names.length > 10 ? [...names.slice(0, 10), `${names.length - 10} more`] : names;
  return ` Metadata from ${projectedFileName(p.metadataSource)}: ${shown.join(', ')}.`;
}

/**
 * How many cells a projected file gave, in its own format's words for its rows (`rowWords`): "40 cells" from
 * an h5ad, "40 rows" from a CSV/TSV, which may be a bulk panel's samples (a walkthrough: a 26-sample panel's
 * twin read "26 cells from query.csv").
 */
function projectedCount(p: Pick<EmbedResult, 'ids' | 'format'>): string {
  const words = rowWords(p.format.kind);
  return plural(p.ids.length, words.one, words.many);
}

/** The line under the field: how many cells from which file (and matrix), genes missing, the metadata joined. */
export function projectedText(p: EmbedResult | null): string {
  if (!p) return '';
  const missing = p.missingGenes.length
    ? `; ${plural(p.missingGenes.length, 'gene')} missing (filled with their training average)`
    : '';
  return `${projectedCount(p)} from ${projectedFileName(p.source)}${matrixRead(p)} shown as ✕${missing}.${joinedText(p)}`;
}

/**
 * The hints of the file and metadata fields, before a file is projected, in the words of the table the map
 * was trained on (`words`: `runRowWords`; a text table's rows are rows): "Rows are placed with the trained
 * model", "a CSV/TSV of row ids and their annotations (classes, donor…)". Default cells.
 */
export function projectHints(words: RowWords = rowWords(undefined)): { file: string; metadata: string } {
  const many = words.many.charAt(0).toUpperCase() + words.many.slice(1);
  return {
    file: `${many} are placed with the trained model; their class is predicted.`,
    metadata: `Optional: a CSV/TSV of ${words.one} ids and their annotations (${words.classes}, donor…), joined by id to the next file projected, as on the Import screen.`,
  };
}

/**
 * What the Colour ✕ by field offers: the predicted class (''), then each column a metadata file joined to the
 * projected cells. Only the first when nothing was joined.
 */
export function projectedColourChoices(p: Pick<EmbedResult, 'joinedMetadata'> | null): MatrixChoice[] {
  return [
    { value: '', label: 'predicted class' },
    ...(p?.joinedMetadata ?? []).map((c) => ({ value: c.name, label: c.name })),
  ];
}

/** The line beside the metadata file chosen for the next projection ('' when none is chosen). */
export function chosenMetadataText(name: string | null): string {
  return name ? `${projectedFileName(name)} is joined by cell id to the next file projected.` : '';
}

/**
 * The words of the buttons for the projected cells and of Export's status, in the projected file's own words
 * for its rows (`rowWords`), as the line and notice about them count them: "Remove projected rows" for a
 * CSV/TSV, which may be a bulk panel's samples (a walkthrough: "24 rows from panel.csv shown as ✕" sat above
 * "Remove projected cells"); cells for the single-cell formats and when nothing is projected.
 */
export function projectedButtonWords(p: Pick<EmbedResult, 'format'> | null): {
  remove: string;
  exportButton: string;
  exporting: string;
} {
  const many = rowWords(p?.format.kind).many;
  return {
    remove: `Remove projected ${many}`,
    exportButton: `Export projected ${many} (CSV)`,
    exporting: `Exporting the projected ${many}…`,
  };
}

/**
 * The notices a projection raises, each about the cells shown ('projected': they go when the cells leave the
 * map): which file, how many cells, how to take them off again; then what the import noticed (renamed ids,
 * empty cells, the matrix read, metadata ids unmatched…), said as it is for an opened file — a metadata file
 * that matched every cell is information, as on the Import screen.
 */
export function projectedNotices(p: EmbedResult): {
  level: 'info' | 'warning';
  title: string;
  message: string;
  about: 'projected';
}[] {
  const notice = projectedNotice(p);
  const about = 'projected' as const;
  return [
    { level: 'info', ...notice, about },
    ...p.warnings.map((message) => ({ level: 'warning' as const, title: notice.title, message, about })),
    ...p.notes.map((message) => ({ level: 'info' as const, title: notice.title, message, about })),
  ];
}

/** The notice a projection raises: which file, how many cells, how to take them off again. */
export function projectedNotice(p: EmbedResult): { title: string; message: string } {
  return {
    title: `Projected ${projectedFileName(p.source)}`,
    message:
      `${projectedCount(p)} from ${projectedFileName(p.source)}${matrixRead(p)} are shown on the map as ✕, ` +
      'with their predicted class. Remove them under Project another file.',
  };
}
