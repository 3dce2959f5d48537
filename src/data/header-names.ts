/**
 * The header's names as a record reader's refusal names a column: a quote error said "line 12, column 4" of a
 * line of thousands of fields, where the file's other refusals (a value that is not a number, a ragged row)
 * also name the column's header. The header is the first record that is not blank (`blank-record.ts`); a
 * header one name short of its rows — R's write.table, whose first field is the row names — names the fields
 * after the first.
 */
import { isBlank } from './blank-record.js';

/** Follows a stream's first records: its header and the width of its first data record. */
export class HeaderNames {
  private header: readonly string[] | undefined;
  private width: number | undefined;

  /** Notes the header and the first data record's width from `records[0..end)` (end: a faulty record's index). */
  see(records: readonly (readonly string[])[], end = records.length): void {
    for (let i = 0; i < end && this.width === undefined; i++) {
      const record = records[i];
      if (isBlank(record)) continue;
      if (this.header === undefined) this.header = record;
      else this.width = record.length;
    }
  }

  /**
   * For a fault in the first data record, whose own fields run on past its quote: `record`, the line after it
   * read alone, gives the data's width, as the first data record does for a later fault — a first row's quote
   * error was named by its number alone where every later row's also named its column. Nothing when the header
   * is not read yet, a data record came before, or there is no such line (undefined, or blank).
   */
  seeLineAfter(record: readonly string[] | undefined): void {
    if (this.header === undefined || this.width !== undefined || !record || isBlank(record)) return;
    this.width = record.length;
  }

  /**
   * The header's name of the 1-based field `column`; undefined before the header is read, for no name, or when
   * no data record came before the fault, or the rows fit the header neither as it is nor one short (no name
   * rather than a neighbour's: a faulty record's own fields run on past its quote, so its width says nothing).
   */
  nameOf(column: number): string | undefined {
    const header = this.header;
    const width = this.width;
    if (header === undefined || (width !== header.length && width !== header.length + 1)) return undefined;
    // the row names' field has no name in a header one short of its rows
    const shift = width === header.length + 1 ? 1 : 0;
    const name = header[column - 1 - shift]?.trim();
    return name === undefined || name === '' ? undefined : name;
  }
}
