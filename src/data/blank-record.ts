/**
 * A blank line, or a line of delimiters only (",,,,"), which Excel writes for rows that once held something:
 * skipped like a blank line rather than read as a cell whose every value is missing. The import and the
 * preview both skip them, so that the preview shows (and reads row names from) the rows the import reads.
 */
export function isBlank(record: readonly string[]): boolean {
  for (const field of record) if (field.trim() !== '') return false;
  return true;
}
