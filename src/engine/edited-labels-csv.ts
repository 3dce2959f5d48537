/**
 * The edited labels as CSV keyed by cell id: the input's id column (its own name), the original label
 * column (its own name) and `label_edited`, one row per cell in input order, escaped by csvField like every
 * CSV TripletLens writes.
 */
import { countText } from '../api/count-text.js';
import type { EditedLabels } from '../api/annotation.js';
import { CoreError } from '../api/core-error.js';
import { csvLine } from '../util/csv-format.js';
import { editedValues } from './retrain.js';

/**
 * `ids` and `original` (the source column's values, '' when unlabeled) are per cell; `idColumn` names the
 * id column as the input did.
 */
export function editedLabelsCsv(
  idColumn: string,
  ids: readonly string[],
  original: readonly string[],
  edited: EditedLabels,
): string {
  if (ids.length !== edited.codes.length) {
    throw new CoreError(
      'bad-request',
      `The edited labels cover ${countText(edited.codes.length)} cells but the data has ${countText(ids.length)}`,
    );
  }
  const values = editedValues(edited);
  // a source column named like the edited one would give two columns of one name
  const sourceName = edited.source === edited.column ? `${edited.source}_original` : edited.source;
  const parts = [csvLine([idColumn, sourceName, edited.column])];
  for (let r = 0; r < ids.length; r++) parts.push(csvLine([ids[r], original[r] ?? '', values[r]]));
  return parts.join('');
}
