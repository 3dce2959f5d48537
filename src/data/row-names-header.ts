/**
 * R's write.table (row.names = TRUE, its default) writes one name fewer in the header than each row has
 * fields: the first field of every row is the row's name. R's read.table and pandas' read_csv read such a
 * file that way, and so do the import and the preview: the header gets an empty first name (the id column).
 */

/**
 * The header with an empty first name when every row of `rows` (the first rows of the file) has one field
 * more than `header` and those first fields are names (filled in and distinct); undefined otherwise. Rows one
 * field longer only through a trailing delimiter are not this case.
 */
export function withRowNamesColumn(header: string[], rows: string[][]): string[] | undefined {
  if (rows.length === 0) return undefined;
  const width = header.length + 1;
  if (!rows.every((record) => record.length === width)) return undefined;
  if (rows.every((record) => record[width - 1].trim() === '')) return undefined;
  // row names are names: filled in and distinct (else the short header is a mistake the ragged-row error shows)
  const names = rows.map((record) => record[0].trim());
  if (names.includes('') || new Set(names).size !== names.length) return undefined;
  return ['', ...header];
}
