/**
 * The coordinates file the CLI writes (a contract scripts depend on): the input's id column under its own
 * name, the label column, `split`, then `x`, `y` and for 3-D `z` (more dims: `d4`, `d5`…), then
 * `predicted_label` and `confidence` (as `embed` names them) for the cells the encoder did not train on. One
 * row per input cell, input order. Comma-separated, or tab-separated with `delimiter` '\t' (the CLI's
 * `--out x.tsv`). The app's export of a map whose labels were edited adds their column (`label_edited`) last,
 * as the h5ad export adds it to obs — a run retrained on that column too, after the input's own label column.
 */
import type { ExpressionTable } from '../data/types.js';
import type { DenseMatrix } from '../api/matrix.js';
import { csvLine, formatFloat, type FieldDelimiter } from '../util/csv-format.js';
import { CoreError } from '../api/core-error.js';
import type { EditedLabels } from '../api/annotation.js';
import { editedValues } from './retrain.js';
import { makeUnique } from '../data/unique-names.js';
import type { TrainingRun } from './types.js';
import { predictUntrained } from './untrained-predictions.js';

const AXES = ['x', 'y', 'z'];

/** Column names for `dims` coordinates: x, y, z, then d4, d5… */
export function axisNames(dims: number): string[] {
  return Array.from({ length: dims }, (_, i) => AXES[i] ?? `d${i + 1}`);
}

/** The cells of a table as the CSV writers read them: ids and metadata columns, no matrix. */
export type CsvCells = Pick<ExpressionTable, 'idColumn' | 'ids' | 'metadata'>;

/** The raw label values of `column` as written in the input ('' when the column is absent). */
export function labelValues(table: Pick<ExpressionTable, 'ids' | 'metadata'>, column: string): string[] {
  const meta = table.metadata.find((m) => m.name === column);
  return meta ? meta.values : table.ids.map(() => '');
}

function coordinateFields(coords: DenseMatrix, row: number): string[] {
  const fields: string[] = [];
  for (let c = 0; c < coords.cols; c++) fields.push(formatFloat(coords.data[row * coords.cols + c]));
  return fields;
}

/**
 * The label columns of the coordinates CSV: the one after the id, and the edits written last. The column after
 * the id is the input's own label column, also for a run retrained on the edits (`edited.column`, whose
 * source column is the input's: the user's original annotation stays beside the edits, as in the h5ad's obs);
 * only edits that started from a map already trained on their column (`edited.source` is that column, the
 * original unknown) fill it themselves, written once.
 */
function labelColumns(
  table: Pick<ExpressionTable, 'ids' | 'metadata'>,
  runColumn: string,
  edited: EditedLabels | null,
): { name: string; labels: string[]; added: { name: string; values: string[] } | null } {
  if (!edited) return { name: runColumn, labels: labelValues(table, runColumn), added: null };
  const values = editedValues(edited);
  const retrained = edited.column === runColumn;
  const original = retrained ? edited.source : runColumn;
  const kept = original !== edited.column && table.metadata.some((m) => m.name === original);
  if (retrained && !kept) return { name: edited.column, labels: values, added: null };
  return { name: original, labels: labelValues(table, original), added: { name: edited.column, values } };
}

/**
 * The CSV text of a training run's coordinates (TSV with `delimiter` '\t'). After the coordinates comes the
 * predicted label by the map's one rule (`predictUntrained`): filled for hold-out and unlabeled cells, empty
 * for training cells. A training cell is among its own nearest training cells and its label shaped the map,
 * so its "prediction" would only echo that label; a hold-out cell's lets a user check the run's knn_holdout,
 * an unlabeled cell's is the class the map gives it — the same cells and values as the h5ad result's
 * `tripletlens_predicted` and the page's Accept predictions. The column is there in every file (empty when
 * every cell trained), so a script reads one layout; a label or id column already named so keeps its name and
 * the new one gets '.1'. Then `confidence`, the share of those nearest cells that voted for it (the h5ad's
 * `tripletlens_confidence`), empty where the prediction is: a CSV opened again as data reads it as metadata
 * with the other columns that are not axes (`data/own-coordinates.ts`), not as a gene. With `edited` (labels edited
 * on the map; default none) their column `edited.column` is added last, with the page's current edits — also
 * for a run trained on that very column (a retrain), whose second column is then the input's own label column
 * the edits started from (`labelColumns`), as the h5ad export's obs holds both.
 */
export function coordinatesCsv(
  table: ExpressionTable,
  run: Pick<TrainingRun, 'coords' | 'split' | 'labels' | 'labelColumn'>,
  delimiter: FieldDelimiter = ',',
  edited: EditedLabels | null = null,
): string {
  if (run.coords.rows !== table.ids.length) {
    throw new CoreError(
      'internal',
      `coordinates have ${run.coords.rows} rows but the table has ${table.ids.length} cells`,
    );
  }
  const { name, labels, added } = labelColumns(table, run.labelColumn, edited);
  const { predicted, confidence } = predictUntrained(run);
  const header = [table.idColumn, name, 'split', ...axisNames(run.coords.cols)];
  header.push('predicted_label', 'confidence', ...(added ? [added.name] : []));
  const parts = [csvLine(makeUnique(header).names, delimiter)];
  for (let r = 0; r < run.coords.rows; r++) {
    const share = Number.isNaN(confidence[r]) ? '' : formatFloat(confidence[r]);
    const fields = [
      table.ids[r],
      labels[r],
      run.split[r],
      ...coordinateFields(run.coords, r),
      predicted[r],
      share,
    ];
    if (added) fields.push(added.values[r]);
    parts.push(csvLine(fields, delimiter));
  }
  return parts.join('');
}

/**
 * The CSV text of `embed` (and of the app's projected cells): id, the label column when the new file has it,
 * coordinates, then the predicted label and its confidence (fraction of the k nearest training cells that
 * agree), then the columns of a metadata file joined to the cells (`--meta-file`; the label column is not
 * written twice). TSV with `delimiter` '\t'.
 */
export function embeddingCsv(
  table: CsvCells,
  result: { coords: DenseMatrix; predicted: readonly string[]; confidence: ArrayLike<number> },
  labelColumn: string | undefined,
  delimiter: FieldDelimiter = ',',
): string {
  const hasLabel = labelColumn !== undefined && table.metadata.some((m) => m.name === labelColumn);
  const labels = hasLabel ? labelValues(table, labelColumn) : [];
  const joined = table.metadata.filter((m) => m.joined && !(hasLabel && m.name === labelColumn));
  const header = [table.idColumn, ...(hasLabel ? [labelColumn] : []), ...axisNames(result.coords.cols)];
  const extra = joined.map((m) => m.name);
  const parts = [csvLine([...header, 'predicted_label', 'confidence', ...extra], delimiter)];
  for (let r = 0; r < result.coords.rows; r++) {
    parts.push(
      csvLine(
        [
          table.ids[r],
          ...(hasLabel ? [labels[r]] : []),
          ...coordinateFields(result.coords, r),
          result.predicted[r],
          formatFloat(result.confidence[r]),
          ...joined.map((m) => m.values[r]),
        ],
        delimiter,
      ),
    );
  }
  return parts.join('');
}
