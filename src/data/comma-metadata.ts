/**
 * A metadata column of a table read with ',' as its decimal separator (`decimal.ts`): a column of numbers
 * written as the genes are ("0,73", "42,5") is kept with each number's text as a '.' table's ("0.73", "42.5"),
 * so the label checks (`isContinuousColumn`, `suggestLabelColumn`, `inspect`), the map's colour scale and the
 * h5ad writer (a float column) read it as the measurement it is, as they read the same column of a '.' file —
 * left as "0,73" every one of them took it for text, and a purity of 3 values was a class label.
 */
import { detectDecimal, groupedOrDotted, parseCommaNumber } from './decimal.js';
import { isUnlabeled } from './label-column.js';
import { shownValue } from './errors.js';
import type { DecimalSeparator, Delimiter } from './options.js';

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

/**
 * The decimal separator a metadata file (`--meta-file`, the page's metadata file, Project another file's) is
 * read with: the one the user chose for the data file (`chosen`: --decimal, Import settings ▸ Decimal
 * separator), which applies to both files — a tab-separated file's 0,73 is a number with ',', a ';' file's stays
 * as written with '.' —, else detected as a table's is (`detectDecimal`: a ';' file with decimal-comma numbers
 * and none with a '.'), judged on all its `rows` — the join holds the whole file anyway.
 */
export function metadataFileDecimal(
  chosen: DecimalSeparator | undefined,
  delimiter: Delimiter,
  rows: readonly string[][],
): DecimalSeparator {
  return chosen ?? detectDecimal(delimiter, rows);
}

/** A value of a metadata file and its line in the file. */
export interface PlacedValue {
  text: string;
  line: number;
}

/**
 * The first value (in file order) of a metadata file's column read with ',' decimals that is a number the
 * choice cannot read — one holding a '.' (1.5, 1.234,5) or grouped by 3 (1,234,567), where a separator may be
 * a thousands one and is never guessed — when the column is otherwise numbers or missing values; undefined
 * when it has none, or when it holds text (a version v1.2, a name), which stays as written. The data file's
 * gene columns are refused alike (`explainNotANumberIn`); joined as text, its numbers would silently be labels.
 */
export function unreadableCommaNumber(values: Iterable<PlacedValue>): PlacedValue | undefined {
  let first: PlacedValue | undefined;
  for (const value of values) {
    if (isUnlabeled(value.text) || Number.isFinite(parseCommaNumber(value.text))) continue;
    if (!groupedOrDotted(value.text)) return undefined;
    first ??= value;
  }
  return first;
}

/** The most column names the metadata file's note lists before "and N more". */
const NAMED = 3;

/** The note on a metadata file whose `columns` of decimal-comma numbers were read as numbers. */
export function metadataCommaNote(file: string, columns: readonly string[]): string {
  const quoted = columns.slice(0, NAMED).map((name) => `'${shownValue(name)}'`);
  const more = columns.length - quoted.length;
  const listed =
    more > 0
      ? `${quoted.join(', ')} and ${more} more`
      : quoted.length > 1
        ? `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`
        : quoted[0];
  return `Metadata file ${file}: ',' was read as the decimal separator of ${columns.length === 1 ? 'its column' : 'its columns'} ${listed} (0,73 as 0.73): the file is ';'-separated and its numbers are written with decimal commas, none with a '.'.`;
}
