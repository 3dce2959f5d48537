/**
 * The one refusal of a text line with more or fewer fields than its header, for a data file and a metadata
 * file alike: the line, the column where the count goes wrong, and what to look for. A --meta-file's line was
 * refused without the column or the hint a data file's got.
 */
import { delimiterName } from './delimiter.js';
import { DataImportError } from './errors.js';

/**
 * A 'ragged-row' DataImportError for line `line` of `file`: `fields` fields under a header of `width`, split
 * at `delimiter`. The column is the last field of a short line, or the first field beyond the header.
 */
export function raggedRow(
  file: string,
  line: number,
  fields: number,
  width: number,
  delimiter: string,
): DataImportError {
  const fewer = fields < width;
  const hint = fewer
    ? 'A value or delimiter is missing'
    : 'There is an extra delimiter, or a text value containing the delimiter is not in quotes';
  return new DataImportError(
    'ragged-row',
    file,
    `this line has ${fields} field${fields === 1 ? '' : 's'} but the header has ${width} (delimiter: ${delimiterName(delimiter)}). ${hint}.`,
    { line, column: fewer ? fields : width + 1 },
  );
}
