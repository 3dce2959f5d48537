/**
 * The coordinates file the CLI writes (a contract scripts depend on): the input's id column under its own
 * name, the label column, `split`, then `x`, `y` and for 3-D `z` (more dims: `d4`, `d5`…). One row per
 * input cell, input order. Comma-separated, or tab-separated with `delimiter` '\t' (the CLI's `--out x.tsv`).
 */
import type { ExpressionTable } from '../data/types.js';
import type { DenseMatrix } from '../api/matrix.js';
import { csvLine, formatFloat, type FieldDelimiter } from '../util/csv-format.js';
import { CoreError } from '../api/core-error.js';

const AXES = ['x', 'y', 'z'];

/** Column names for `dims` coordinates: x, y, z, then d4, d5… */
export function axisNames(dims: number): string[] {
  return Array.from({ length: dims }, (_, i) => AXES[i] ?? `d${i + 1}`);
}

/** The raw label values of `column` as written in the input ('' when the column is absent). */
export function labelValues(table: ExpressionTable, column: string): string[] {
  const meta = table.metadata.find((m) => m.name === column);
  return meta ? meta.values : table.ids.map(() => '');
}

function coordinateFields(coords: DenseMatrix, row: number): string[] {
  const fields: string[] = [];
  for (let c = 0; c < coords.cols; c++) fields.push(formatFloat(coords.data[row * coords.cols + c]));
  return fields;
}

/** The CSV text of a training run's coordinates (TSV with `delimiter` '\t'). */
export function coordinatesCsv(
  table: ExpressionTable,
  run: { coords: DenseMatrix; split: readonly string[]; labelColumn: string },
  delimiter: FieldDelimiter = ',',
): string {
  if (run.coords.rows !== table.ids.length) {
    throw new CoreError(
      'internal',
      `coordinates have ${run.coords.rows} rows but the table has ${table.ids.length} cells`,
    );
  }
  const labels = labelValues(table, run.labelColumn);
  const header = [table.idColumn, run.labelColumn, 'split', ...axisNames(run.coords.cols)];
  const parts = [csvLine(header, delimiter)];
  for (let r = 0; r < run.coords.rows; r++) {
    const fields = [table.ids[r], labels[r], run.split[r], ...coordinateFields(run.coords, r)];
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
  table: ExpressionTable,
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
