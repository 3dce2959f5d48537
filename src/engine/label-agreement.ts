/**
 * How far the labels `embed` predicts agree with the labels a file already has in the model's label column (a
 * query of annotated cells, as a scanpy user checks a reference map with): without it `embed` said only how
 * many cells it placed, and whether the predictions were any good took a session in scanpy. Cells without a
 * label (empty, NA) are not counted; cells of a class the model never saw cannot agree, and are counted apart.
 */
import type { ExpressionTable } from '../data/types.js';
import { isUnlabeled } from '../data/label-column.js';

export interface LabelAgreement {
  /** The model's label column, which the file also has. */
  column: string;
  /** Cells with a label in that column. */
  labelled: number;
  /** Labelled cells whose predicted label is their own. */
  agree: number;
  /** Labelled cells of a class the model was not trained on (they cannot agree). */
  unknownClass: number;
}

/**
 * The agreement of `predicted` (one a cell of `table`) with `table`'s column `column`; null when the table has
 * no such column or no cell is labelled in it. `classes` are the model's.
 */
export function labelAgreement(
  table: ExpressionTable,
  column: string,
  predicted: readonly string[],
  classes: readonly string[],
): LabelAgreement | null {
  const found = table.metadata.find((m) => m.name === column);
  if (!found) return null;
  const known = new Set(classes);
  const values = found.values;
  let labelled = 0;
  let agree = 0;
  let unknownClass = 0;
  for (let i = 0; i < predicted.length; i++) {
    const raw = values[i];
    if (raw === undefined || isUnlabeled(raw)) continue;
    const label = raw.trim();
    labelled++;
    if (!known.has(label)) unknownClass++;
    else if (predicted[i] === label) agree++;
  }
  return labelled === 0 ? null : { column, labelled, agree, unknownClass };
}

/**
 * The CLI's line: "predicted labels agree with the file's cell_type for 82 of 100 labelled cells (82.0 %)…";
 * `rows` names the rows ('cells', or 'rows' for a text table), `count` writes a count (default: digits).
 */
export function agreementSentence(
  a: LabelAgreement,
  rows = 'cells',
  count: (n: number) => string = String,
): string {
  const share = ((100 * a.agree) / a.labelled).toFixed(1);
  const unknown =
    a.unknownClass === 0
      ? ''
      : `; ${count(a.unknownClass)} of them of a class the model was not trained on, which it cannot predict`;
  return `predicted labels agree with the file's ${a.column} for ${count(a.agree)} of ${count(a.labelled)} labelled ${rows} (${share} %)${unknown}`;
}
