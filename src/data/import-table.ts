/**
 * importTable: a delimited text file (or gzip of one) → ExpressionTable, streamed. Reads the header and the
 * first rows to decide column roles, checks that the matrix will fit in memory (estimated from the header,
 * the sample and the file size; re-projected as rows arrive), then files every row into one Float32Array.
 * With a read limit it stops early and returns a sample (what `inspect` needs).
 */
import { DataImportError, abortError } from './errors.js';
import { detectColumnRoles, profileRows, type ColumnRoles } from './column-roles.js';
import { buildTable } from './build-table.js';
import { joinMetadataFile } from './metadata-join.js';
import type { DataSource, Delimiter, ImportOptions } from './options.js';
import { MemoryGuard, memoryLimitFor, rowCost } from './memory-guard.js';
import { openRecords, type RecordBatch } from './record-reader.js';
import { RowSink } from './row-sink.js';
import { assertRegularFile, readSourceText, sourceName, type SourceStats } from './source-text.js';
import type { ExpressionTable } from './types.js';
import { parseNumber } from './numbers.js';
import { detectDecimal, detectedCommaNote } from './decimal.js';
import {
  delimiterChoice,
  delimiterOption,
  refusalInWords,
  warningInWords,
  type SettingSide,
} from './setting-words.js';
import { detectReader } from './formats/detect.js';
import { importHdf5 } from './formats/hdf5.js';
import { importMatrixMarket } from './formats/matrix-market.js';
import { refuseTenxNameFile } from './formats/mtx-files.js';
import { rejectInapplicableOptions } from './format-options.js';
import { checkMetadataSource } from './formats/metadata-source.js';
import { emptyCellsWarning } from './empty-cells.js';
import { withRowNamesColumn } from './row-names-header.js';
import { isBlank } from './blank-record.js';
import { countText } from '../api/count-text.js';
import { rowWords } from '../api/file-format.js';

interface Located {
  record: string[];
  line: number;
}

/** What to say about a first line that starts with '#': tools write comments above the header. */
const COMMENT_HEADER =
  'starts with "#": it looks like a comment line above the header (as featureCounts and other tools write them). TripletLens reads the column names from the first line: remove the comment lines (e.g. grep -v "^#" FILE > clean.tsv).';

/**
 * What the one-column header of a chosen delimiter splits into by another, in `side`'s words: " By tabs it has
 * 767 columns: give --delimiter tab, or leave --delimiter out to have it detected." (the page: "choose Import
 * settings ▸ Delimiter: tab, or auto"); when no other delimiter splits it, where the delimiter is set.
 * `--delimiter comma` on a TSV was told only to check the option, with nothing on what the file is; then "choose
 * tab", which named neither the flag nor the field.
 */
function otherDelimiterHint(name: string, side: SettingSide): string {
  const splits = (
    [
      ['\t', 'tab', 'tabs'],
      [',', 'comma', 'commas'],
      [';', 'semicolon', 'semicolons'],
    ] as const
  ).map(([char, option, plural]) => ({ option, plural, columns: name.split(char).length }));
  const best = splits.reduce((a, b) => (b.columns > a.columns ? b : a));
  if (best.columns < 2) return ` Check ${delimiterOption(side)}.`;
  return ` By ${best.plural} it has ${countText(best.columns)} columns: ${delimiterChoice(best.option, side)}.`;
}

function checkHeader(header: string[], file: string, delimiterGiven: boolean): void {
  if (header.length === 1 && header[0].startsWith('#')) {
    throw new DataImportError('no-header', file, `the first line ${COMMENT_HEADER}`, { line: 1 });
  }
  if (header.length === 1 && delimiterGiven) {
    throw refusalInWords(
      'one-column',
      file,
      (side) =>
        `the header has a single column with the chosen delimiter.${otherDelimiterHint(header[0], side)}`,
      { line: 1 },
    );
  }
  if (header.length === 1) {
    throw new DataImportError(
      'one-column',
      file,
      'only one column was found: the values must be separated by commas, tabs or semicolons.',
      { line: 1 },
    );
  }
  if (header.every((name) => name.trim() !== '' && !Number.isNaN(parseNumber(name)))) {
    throw new DataImportError(
      'no-header',
      file,
      'the first line holds numbers, not column names. The file needs a header line naming the id, metadata and gene columns.',
      { line: 1 },
    );
  }
}

/** Characters a record took in the file (its fields and their delimiters or line end). */
function recordChars(record: string[]): number {
  let chars = 0;
  for (const field of record) chars += field.length + 1;
  return chars;
}

/** Estimated total rows of the file from `rows` rows that took `chars` characters of its text. */
function estimateRows(rows: number, chars: number, stats: SourceStats): number {
  if (chars === 0 || stats.consumedBytes === 0) return rows;
  const totalChars = stats.decodedChars * (stats.totalBytes / stats.consumedBytes);
  return Math.max(rows, Math.round((rows * totalChars) / chars));
}

/**
 * Reads an expression table in any supported format (detected by content): delimited text, h5ad, loom,
 * Cell Ranger .h5, MatrixMarket or a Cell Ranger folder. Cells end up as rows and genes as columns.
 * @throws DataImportError for anything wrong with the file (kind, file, line, column or dataset)
 */
export async function importTable(source: DataSource, options: ImportOptions = {}): Promise<ExpressionTable> {
  const table = await importAnyFormat(source, options);
  const empty = emptyCellsWarning(table);
  if (empty) table.warnings.push(empty);
  return table;
}

async function importAnyFormat(source: DataSource, options: ImportOptions): Promise<ExpressionTable> {
  // Before anything opens it: opening a FIFO blocks until a writer comes, and /dev/zero never ends.
  if (typeof source === 'string') await assertRegularFile(source);
  // A metadata file in an expression format is named as such before the expression file is read.
  if (options.metaFile !== undefined) await checkMetadataSource(options.metaFile);
  const reader = await detectReader(source);
  if (reader === 'hdf5') return importHdf5(source, options);
  if (reader === 'mtx' || reader === '10x-dir') return importMatrixMarket(source, options);
  if (typeof source === 'string') await refuseTenxNameFile(source);
  rejectInapplicableOptions('text', options, sourceName(source));
  return importText(source, options);
}

/** Header, profiling sample and where the stream stands after them. */
interface Opening {
  header: string[];
  sample: Located[];
  rest?: RecordBatch;
  restFrom: number;
}

async function readOpening(
  batches: AsyncGenerator<RecordBatch, void, undefined>,
  file: string,
  delimiterGiven: boolean,
): Promise<Opening> {
  let header: string[] | undefined;
  const sample: Located[] = [];
  let sampleSize = 0;
  for (;;) {
    const step = await batches.next();
    if (step.done) break;
    const { records, lines } = step.value;
    let i = 0;
    for (; i < records.length && (!header || sample.length < sampleSize); i++) {
      if (isBlank(records[i])) continue;
      if (!header) {
        // Names are compared trimmed everywhere: ' label' in a header is the column the user calls label.
        header = records[i].map((name, c) => (c === 0 ? name.replace(/^\uFEFF/, '') : name).trim());
        checkHeader(header, file, delimiterGiven);
        sampleSize = profileRows(header.length);
        continue;
      }
      sample.push({ record: records[i], line: lines[i] });
    }
    if (i < records.length) return { header: header!, sample, rest: step.value, restFrom: i };
  }
  if (!header) throw new DataImportError('empty-file', file, 'the file contains only blank lines.');
  return { header, sample, restFrom: 0 };
}

/** Average characters of the id and metadata fields in the sample (for the memory estimate). */
function averageTextChars(sample: Located[], roles: ColumnRoles): number {
  const columns = roles.idIndex === -1 ? roles.metaIndices : [roles.idIndex, ...roles.metaIndices];
  if (columns.length === 0 || sample.length === 0) return 12;
  let chars = 0;
  for (const { record } of sample) for (const c of columns) chars += record[c]?.length ?? 0;
  return chars / (sample.length * columns.length);
}

/** Reads a delimited text table (CSV/TSV, optionally gzip), streamed. */
async function importText(source: DataSource, options: ImportOptions): Promise<ExpressionTable> {
  const file = sourceName(source);
  const stats: SourceStats = { totalBytes: 0, consumedBytes: 0, decodedChars: 0 };
  const text = readSourceText(source, {
    signal: options.signal,
    onProgress: options.onProgress,
    stats,
    chunkBytes: options.chunkBytes,
  });
  const stream = await openRecords(text, file, options.delimiter);
  if (!stream) throw new DataImportError('empty-file', file, 'the file contains only blank lines.');
  const batches = stream.batches;
  try {
    return await readTable(file, stream.delimiter, batches, stats, options);
  } catch (err) {
    // Close the file (or the decompressor) now rather than when the collector finds it.
    await batches.return().catch(() => undefined);
    throw err;
  }
}

async function readTable(
  file: string,
  delimiter: Delimiter,
  batches: AsyncGenerator<RecordBatch, void, undefined>,
  stats: SourceStats,
  options: ImportOptions,
): Promise<ExpressionTable> {
  const { signal, readLimit } = options;
  const missing = options.missing ?? 'error';
  const transpose = options.transpose ?? false;
  const opening = await readOpening(batches, file, options.delimiter !== undefined);
  const { sample, rest, restFrom } = opening;
  if (sample.length === 0) {
    throw new DataImportError('no-data-rows', file, 'the file has a header line but no data rows below it.', {
      line: 2,
    });
  }
  // a comment line taken for the header: its field count differs from the rows' (a '#' header such as
  // VCF's #CHROM, as wide as its rows, is a header)
  if (opening.header[0].startsWith('#') && sample[0].record.length !== opening.header.length) {
    throw new DataImportError(
      'no-header',
      file,
      `the first line has ${countText(opening.header.length)} field(s) but line ${sample[0].line} has ${countText(sample[0].record.length)}, and it ${COMMENT_HEADER}`,
      { line: 1 },
    );
  }
  const rowNames = withRowNamesColumn(
    opening.header,
    sample.map((s) => s.record),
  );
  const header = rowNames ?? opening.header;
  const sampleRecords = sample.map((s) => s.record);
  const decimal = options.decimal ?? detectDecimal(delimiter, sampleRecords);
  const roles: ColumnRoles = detectColumnRoles(
    header,
    sampleRecords,
    { ...options, decimal },
    file,
    sample.map((s) => s.line),
  );
  // the prefix of made-up ids (cell_1, …); in messages a text table's rows are rows, as `rowWords` says them
  // everywhere else (it may be a bulk panel of samples)
  const rowNoun = transpose ? 'gene' : 'cell';
  const rowWord = transpose ? 'gene' : rowWords('text').one;
  // 5 % more than the estimate, so that a slightly short estimate does not cost a copy of the matrix.
  const sampleChars = sample.reduce((sum, { record }) => sum + recordChars(record), 0);
  const estimated = Math.ceil(estimateRows(sample.length, sampleChars, stats) * 1.05);
  const expectedRows = readLimit ? Math.min(estimated, readLimit.rows) : estimated;
  const guard = new MemoryGuard(
    file,
    memoryLimitFor(options.maxMemoryBytes),
    roles.geneIndices.length,
    rowCost(roles.geneIndices.length, 1 + roles.metaIndices.length, averageTextChars(sample, roles)),
    { rowNoun: `${rowWord}s` },
  );
  guard.check(expectedRows);
  const sink = new RowSink({
    file,
    header,
    delimiter,
    idIndex: roles.idIndex,
    metaIndices: roles.metaIndices,
    geneIndices: roles.geneIndices,
    missing,
    expectedRows,
    rowNoun,
    decimal,
    ...(roles.genesChosen ? { genesChosen: roles.genesChosen } : {}),
  });
  const fileRows = () => sink.matrix.rows + sink.droppedRows;
  const limitRows = readLimit?.rows ?? Infinity;
  let charsRead = 0;
  /** Files records from `from` on; true when the row limit left some of them unread. */
  const take = (records: string[][], lines: Int32Array, from: number): boolean => {
    for (let i = from; i < records.length; i++) {
      if (isBlank(records[i])) continue;
      if (fileRows() >= limitRows) return true;
      sink.add(records[i], lines[i]);
      if (readLimit) charsRead += recordChars(records[i]);
    }
    return false;
  };
  let complete = !take(sampleRecords, Int32Array.from(sample.map((s) => s.line)), 0);
  if (complete && rest) complete = !take(rest.records, rest.lines, restFrom);
  while (complete) {
    const step = await batches.next();
    if (step.done) break;
    // More text is there: with a read limit reached, the table is a sample of the file.
    if (readLimit && stats.decodedChars >= readLimit.textChars) complete = false;
    else if (take(step.value.records, step.value.lines, 0)) complete = false;
    // The estimate can be wrong (rows longer or shorter than the sample's, a gzip that expands more than its
    // start did): project the whole file from what has been read, and stop before memory runs out.
    else if (!readLimit && stats.consumedBytes > 0) {
      const lines = step.value.lines;
      guard.check((fileRows() * stats.totalBytes) / stats.consumedBytes, lines[lines.length - 1]);
    }
  }
  if (!complete) await batches.return();
  if (signal?.aborted) throw abortError(file);
  const table = buildTable(file, header, roles, sink, { ...options, decimal });
  if (decimal !== (options.decimal ?? '.')) {
    table.warnings.unshift(
      warningInWords('decimal-comma', (side) => detectedCommaNote(sample.length, side), true),
    );
  }
  if (rowNames) {
    table.warnings.unshift({
      code: 'row-names-column',
      message: `The header names one column fewer than the rows hold (as R's write.table writes row names): the first column is read as the ${transpose ? 'gene names' : 'row ids'}.`,
    });
  }
  if (!complete) {
    const rowsRead = fileRows();
    const estimatedRows = estimateRows(rowsRead, charsRead, stats);
    table.sampled = { rowsRead, estimatedRows };
    table.warnings.push({
      code: 'sampled',
      message: `Only the first ${countText(rowsRead)} ${rowWord}s were read (a sample); the whole file holds about ${countText(estimatedRows)} (estimated from its size). Training reads every row.`,
    });
  }
  // the decimal separator the user chose (not the one detected for this table) reads the metadata file too
  if (options.metaFile !== undefined) {
    await joinMetadataFile(table, options.metaFile, {
      signal,
      decimal: options.decimal,
      transposed: transpose,
    });
  }
  options.onProgress?.(1);
  return table;
}
