/**
 * What the app's Project another file gets back (`EmbedResult`) from a projected file as read and embedded: the
 * import's findings as warnings, less its information (a metadata file that matched every cell, which the
 * Import screen shows as a Note), the columns a joined metadata file gave the cells; and what the engine holds
 * to write the cells as `embed`'s CSV when the user asks for it (`exportProjected`) — the one writer of both,
 * so the joined columns are kept in the app's export as on the command line. The reply carries no CSV.
 */
import type { SessionInput } from '../api/annotate.js';
import type { EmbedResult, FileFormatSummary, TextExport } from '../api/engine-api.js';
import type { ExpressionTable } from '../data/types.js';
import { inputStem, runStem } from '../api/output-stem.js';
import { embeddingCsv } from './coordinates-csv.js';
import type { EmbedOutput } from './embed-with-model.js';
import { agreementSentence, labelAgreement } from './label-agreement.js';
import { rowWords } from '../api/file-format.js';
import { countText } from '../api/count-text.js';

/** A projected file as read, embedded and checked, for `projectionResult`. */
export interface ProjectionParts {
  /** The file as the user named it (an upload's own name, a path as given). */
  source: string;
  table: ExpressionTable;
  format: FileFormatSummary;
  output: EmbedOutput;
  /** The column of the file's own labels, when it has it: the run's label column (`projectedLabelColumn`). */
  labelColumn: string;
  /** The run's classes, which the predictions are among. Default none: no agreement is told. */
  classes?: readonly string[];
  /** Sentences on which matrix was read (readProjectedFile). */
  readNotes: string[];
  /** The warning of values on another scale than the training's, or null. */
  scaleWarning: string | null;
  /** The metadata file joined to the cells, as the user named it, or null. */
  metadataSource: string | null;
  /** The projected file as a session records it (`EmbedResult.file`). */
  file: SessionInput;
}

/**
 * What the projected cells' CSV is made of beside the cells (`projectedCsv`): the two header names an
 * `EmbedResult` does not carry. A session keeps them (the manifest's `projected.csvColumns`), not the CSV.
 */
export interface ProjectedCsvColumns {
  /** The projected file's id column: the CSV's first column. */
  idColumn: string;
  /** The run's label column: the CSV's column of the file's own labels, when it has them (`labels`). */
  labelColumn: string;
}

/**
 * Where the projected cells' CSV comes from: made from the cells with these names, or — a session saved
 * before 2026-12-03, which kept the CSV itself (projected/cells.csv) — that text as saved.
 */
export type ProjectedCsv = ProjectedCsvColumns | { text: string };

/**
 * The last projection as the engine holds it for `exportProjected`: its id and what its CSV needs — the ids,
 * the label and joined columns, the coordinates and predictions; not the file's matrix.
 */
export interface HeldProjection {
  id: string;
  /**
   * The cells as the page was given them (`embedFile`'s reply, a reopened session's `projected`) less the id:
   * what a session saved with them by their id (`SaveSessionRequest.projected`) keeps. The same arrays as the
   * reply's, not a copy.
   */
  cells: Omit<EmbedResult, 'projectionId'>;
  /** What the CSV is made from with `cells`, when asked for (`projectedExport`). */
  csv: ProjectedCsv;
}

/**
 * The projected cells' CSV file name: the projected file's name less its extension + ".projected.csv", with the
 * number of the run it was projected onto after the first (`runStem`: query_run2.projected.csv), as the map's
 * other exports.
 */
export function projectedCsvName(source: string, runNumber?: number): string {
  // a server or desktop path by its last part; a Cell Ranger folder ('/srv/run2/outs/filtered_feature_bc_matrix/')
  // by its sample's name
  return `${runStem(inputStem(source) || 'projected', runNumber)}.projected.csv`;
}

/**
 * The CSV of projected cells (`embed`'s, `embeddingCsv`) from what the page was given of them and the two
 * names: the file's own labels are the label column's values, the joined columns follow the predictions —
 * the same text as from the projected table itself, so a session need not keep it.
 */
export function projectedCsv(
  cells: Pick<EmbedResult, 'ids' | 'coords' | 'predicted' | 'confidence' | 'labels' | 'joinedMetadata'>,
  columns: ProjectedCsvColumns,
): string {
  const { idColumn, labelColumn } = columns;
  // the label column first: embeddingCsv finds it there, and leaves out a joined column of that name
  const label = cells.labels === null ? [] : [{ name: labelColumn, values: cells.labels }];
  const joined = cells.joinedMetadata.map((m) => ({ ...m, joined: true as const }));
  return embeddingCsv({ idColumn, ids: cells.ids, metadata: [...label, ...joined] }, cells, labelColumn);
}

/**
 * Export projected cells' file: the CSV made from `held`'s cells, or the text a session saved; named with the
 * number of the run they were projected onto (`RunResult.runNumber`; default: the first run's name).
 */
export function projectedExport(held: Pick<HeldProjection, 'cells' | 'csv'>, runNumber?: number): TextExport {
  const text = 'text' in held.csv ? held.csv.text : projectedCsv(held.cells, held.csv);
  return { fileName: projectedCsvName(held.cells.source, runNumber), mimeType: 'text/csv', text };
}

/**
 * What the engine holds of projection `id` (`p` as projectionResult takes it, `result` what it made of it) to
 * write its CSV later and save it in a session: the reply's cells and the table's id column name — the
 * matrix and the other metadata columns are let go.
 */
export function holdProjection(id: string, p: ProjectionParts, result: EmbedResult): HeldProjection {
  const { projectionId: _id, ...shown } = result;
  return { id, cells: shown, csv: { idColumn: p.table.idColumn, labelColumn: p.labelColumn } };
}

/**
 * A file with the run's label column (annotated query cells) is told how far the predictions agree with it, as
 * `embed` says on the command line: a walkthrough's projection said only that the cells were shown.
 */
function agreementNote(p: ProjectionParts): string[] {
  if (p.classes === undefined) return [];
  const agreement = labelAgreement(p.table, p.labelColumn, p.output.predicted, p.classes);
  if (agreement === null) return [];
  const sentence = agreementSentence(agreement, rowWords(p.table.format?.kind ?? 'text').many, countText);
  return [`${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`];
}

/**
 * The column of a projected file's own labels (`ProjectionParts.labelColumn`): the run's label column when the
 * file has it, else, for a run trained on edited labels (`label_edited`, which the projected file lacks), the
 * input's column the edits started from (`labelSource`) when the file has that — its own annotation, which the
 * projected cells' CSV would otherwise lose after a retrain. Default `labelSource`: none.
 */
export function projectedLabelColumn(
  table: Pick<ExpressionTable, 'metadata'>,
  runColumn: string,
  labelSource?: string,
): string {
  const has = (name: string) => table.metadata.some((m) => m.name === name);
  return !has(runColumn) && labelSource !== undefined && has(labelSource) ? labelSource : runColumn;
}

/** The EmbedResult of a projected file, named `projectionId` for exportProjected. */
export function projectionResult(p: ProjectionParts, projectionId: string): EmbedResult {
  const { table, output } = p;
  const labelColumn = table.metadata.find((m) => m.name === p.labelColumn);
  return {
    source: p.source,
    format: p.format,
    ids: table.ids,
    coords: output.coords,
    predicted: output.predicted,
    confidence: output.confidence,
    missingGenes: output.missingGenes,
    // genes found other than by their exact name (version suffix, gene ids), and ambiguities: never silent
    warnings: [
      ...p.readNotes,
      ...table.warnings.filter((w) => !w.info).map((w) => w.message),
      ...(p.scaleWarning ? [p.scaleWarning.charAt(0).toUpperCase() + p.scaleWarning.slice(1)] : []),
      // the counts log-normalised to scanpy's usual total for want of the map's own: a warning
      ...(output.logNormalized?.recorded === false ? [output.logNormalized.note] : []),
      ...output.notices,
    ],
    notes: [
      ...table.warnings.filter((w) => w.info).map((w) => w.message),
      ...(output.logNormalized?.recorded === true ? [output.logNormalized.note] : []),
      ...agreementNote(p),
    ],
    labels: labelColumn ? labelColumn.values : null,
    metadataSource: p.metadataSource,
    joinedMetadata: table.metadata.filter((m) => m.joined).map((m) => ({ name: m.name, values: m.values })),
    projectionId,
    file: p.file,
  };
}
