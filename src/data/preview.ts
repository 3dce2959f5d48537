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
import { isTrailingDelimiterColumn, profileRows } from './column-roles.js';
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
  /**
   * The id column the import was told (`ImportOptions.idColumn`), kept whatever it holds, as the import keeps it.
   * Default: detected — a nameless first column is the id column.
   */
  idColumn?: string;
}

export interface FilePreview {
  columns: string[];
  rows: string[][];
  /**
   * The columns there are to show, `columns` those of them within the `cols` limit: a text table's as the import
   * reads them (its id column only when it has one), else the table's id, metadata and gene columns.
   */
  totalColumns: number;
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
  // the rows the import profiles its columns by (column-roles.ts), of which the first maxRows are shown
  const sample: string[][] = [];
  let sampleSize = 0;
  let profiled = 0;
  try {
    outer: for await (const { records } of stream.batches) {
      for (const record of records) {
        if (isBlank(record)) continue;
        if (!columns) {
          columns = [...record];
          columns[0] = columns[0].replace(/^\uFEFF/, '');
          profiled = profileRows(columns.length);
          sampleSize = Math.max(maxRows, profiled);
          continue;
        }
        if (sample.length >= sampleSize) break outer;
        sample.push(record);
      }
    }
  } finally {
    await stream.batches.return();
  }
  if (!columns) throw new DataImportError('empty-file', file, 'the file contains only blank lines.');
  // the import reads R's short header as row names: show its columns the same way
  columns = withRowNamesColumn(columns, sample) ?? columns;
  const kept = shownColumns(columns, sample.slice(0, profiled), options.idColumn);
  const pick = (record: readonly string[]) => kept.slice(0, maxCols).map((c) => record[c] ?? '');
  return {
    columns: pick(columns),
    rows: sample.slice(0, maxRows).map(pick),
    totalColumns: kept.length,
    delimiter: stream.delimiter,
  };
}

/**
 * The columns the import reads, by index: all but those column-roles.ts reads as a trailing delimiter's
 * (`isTrailingDelimiterColumn` over `profiled`, the rows the import profiles) — the preview showed them, and its
 * caption read "First 3 rows and 8 of 4 columns". The id column is kept as the import keeps it: the one named
 * in `idColumn`, else the first (a nameless one is the import's id column, pandas' index).
 */
function shownColumns(
  columns: readonly string[],
  profiled: readonly (readonly string[])[],
  idColumn: string | undefined,
): number[] {
  // the import compares the names trimmed (import-table.ts trims its header)
  const id = idColumn === undefined ? 0 : columns.findIndex((name) => name.trim() === idColumn);
  const kept: number[] = [];
  for (let c = 0; c < columns.length; c++) {
    if (c === id || !isTrailingDelimiterColumn(columns, profiled, c)) kept.push(c);
  }
  return kept;
}
