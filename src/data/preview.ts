/**
 * A quick look at the top-left corner of a file, for the UI's import dialog: reads only the first records,
 * so even a multi-gigabyte file previews at once.
 */
import { DataImportError } from './errors.js';
import type { DataSource, Delimiter } from './options.js';
import { openRecords } from './record-reader.js';
import { readSourceText, sourceName } from './source-text.js';
import { previewTable } from './table-preview.js';
import { withRowNamesColumn } from './row-names-header.js';
import { isBlank } from './blank-record.js';
import type { ExpressionTable } from './types.js';

export interface PreviewOptions {
  /** Data rows to show (after the header). Default 10. */
  rows?: number;
  /** Columns to show. Default 20. */
  cols?: number;
  /** Delimiter override. Default: detected. */
  delimiter?: Delimiter;
  signal?: AbortSignal;
  /** The table imported from the source: a file that is not a text table (MatrixMarket, HDF5) is previewed from it. Default: none. */
  table?: ExpressionTable;
}

export interface FilePreview {
  columns: string[];
  rows: string[][];
  /** The delimiter found (or given). */
  delimiter: Delimiter;
}

export async function previewFile(source: DataSource, options: PreviewOptions = {}): Promise<FilePreview> {
  const file = sourceName(source);
  const maxRows = options.rows ?? 10;
  const maxCols = options.cols ?? 20;
  const { table } = options;
  if (table?.format !== undefined && table.format.kind !== 'text')
    return previewTable(table, maxRows, maxCols);
  const text = readSourceText(source, { signal: options.signal });
  const stream = await openRecords(text, file, options.delimiter);
  if (!stream) throw new DataImportError('empty-file', file, 'the file contains only blank lines.');
  let columns: string[] | undefined;
  const rows: string[][] = [];
  try {
    outer: for await (const { records } of stream.batches) {
      for (const record of records) {
        if (isBlank(record)) continue;
        if (!columns) {
          columns = [...record];
          columns[0] = columns[0].replace(/^\uFEFF/, '');
          continue;
        }
        if (rows.length >= maxRows) break outer;
        rows.push(record);
      }
    }
  } finally {
    await stream.batches.return();
  }
  if (!columns) throw new DataImportError('empty-file', file, 'the file contains only blank lines.');
  // the import reads R's short header as row names: show its columns the same way
  columns = withRowNamesColumn(columns, rows) ?? columns;
  return {
    columns: columns.slice(0, maxCols),
    rows: rows.map((record) => record.slice(0, maxCols)),
    delimiter: stream.delimiter,
  };
}
