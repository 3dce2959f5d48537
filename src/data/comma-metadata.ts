/**
 * A metadata column of a table read with ',' as its decimal separator (`decimal.ts`): a column of numbers
 * written as the genes are ("0,73", "42,5") is kept with each number's text as a '.' table's ("0.73", "42.5"),
 * so the label checks (`isContinuousColumn`, `suggestLabelColumn`, `inspect`), the map's colour scale and the
 * h5ad writer (a float column) read it as the measurement it is, as they read the same column of a '.' file —
 * left as "0,73" every one of them took it for text, and a purity of 3 values was a class label.
 */
import { parseCommaNumber } from './decimal.js';
import { isUnlabeled } from './label-column.js';

/**
 * The values of a metadata column of a ','-decimal table with every number's text made from the number the
 * genes' reader (`parseCommaNumber`) reads, or undefined when the column is to stay as it is: a value other
 * than a finite number or a missing one (`isUnlabeled`: empty, NA, None…, kept as written) — text, or a
 * number holding a '.', which is never guessed —, or no value holding a ',' (whole numbers such as cluster
 * codes stay as the file writes them, as in a '.' table).
 */
export function commaMetadataValues(values: readonly string[]): string[] | undefined {
  const numbers = new Float64Array(values.length);
  let comma = false;
  for (let i = 0; i < values.length; i++) {
    const text = values[i];
    if (isUnlabeled(text)) {
      numbers[i] = NaN;
      continue;
    }
    const number = parseCommaNumber(text);
    if (!Number.isFinite(number)) return undefined;
    numbers[i] = number;
    if (text.includes(',')) comma = true;
  }
  if (!comma) return undefined;
  return values.map((text, i) => (Number.isNaN(numbers[i]) ? text : String(numbers[i])));
}
