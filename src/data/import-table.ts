/**
 * importTable: a delimited text file (or gzip of one) → ExpressionTable, streamed. Reads the header and the
 * first rows to decide column roles, then files every row into one Float32Array as it arrives.
 */
import { DataImportError, abortError } from './errors.js';
import { detectColumnRoles, profileRows, type ColumnRoles } from './column-roles.js';
import { fillNaNWithColumnMeans, transposeMatrix } from './matrix-ops.js';
import { joinMetadataFile } from './metadata-join.js';
import type { DataSource, ImportOptions } from './options.js';
import { openRecords, type RecordBatch } from './record-reader.js';
import { RowSink } from './row-sink.js';
import { readSourceText, sourceName, type SourceStats } from './source-text.js';
import type { ExpressionTable, ImportWarning, MetadataColumn } from './types.js';
import { describeRenames, makeUnique } from './unique-names.js';
import { parseNumber } from './numbers.js';
import { detectReader } from './formats/detect.js';
import { importHdf5 } from './formats/hdf5.js';
import { importMatrixMarket } from './formats/matrix-market.js';

interface Located {
  record: string[];
  line: number;
}

function isBlank(record: string[]): boolean {
  return record.length === 1 && record[0].trim() === '';
}

function checkHeader(header: string[], file: string, delimiterGiven: boolean): void {
  if (header.length === 1) {
    throw new DataImportError(
      'one-column',
      file,
      delimiterGiven
        ? 'the header has a single column with the chosen delimiter. Check the delimiter option.'
        : 'only one column was found: the values must be separated by commas, tabs or semicolons.',
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

/** Estimated total rows from the rows seen so far and how much of the text they took. */
function estimateRows(sample: Located[], stats: SourceStats): number {
  let chars = 0;
  for (const { record } of sample) for (const field of record) chars += field.length + 1;
  if (chars === 0 || stats.consumedBytes === 0) return sample.length;
  const totalChars = stats.decodedChars * (stats.totalBytes / stats.consumedBytes);
  return Math.max(sample.length, Math.ceil((sample.length * totalChars * 1.05) / chars));
}

function namedColumns(
  header: string[],
  indices: number[],
  what: string,
  warnings: ImportWarning[],
): string[] {
  const raw = indices.map((c) => (header[c].trim() === '' ? `column_${c + 1}` : header[c].trim()));
  const unnamed = indices.filter((c) => header[c].trim() === '');
  if (unnamed.length > 0) {
    warnings.push({
      code: 'unnamed-columns',
      message: `${unnamed.length} ${what} column(s) have no name in the header and are called column_N by position.`,
    });
  }
  const { names, renamed } = makeUnique(raw);
  if (renamed.length > 0) {
    warnings.push({ code: `duplicate-${what}-names`, message: describeRenames(renamed, `${what} names`) });
  }
  return names;
}

/**
 * Reads an expression table in any supported format (detected by content): delimited text, h5ad, loom,
 * Cell Ranger .h5, MatrixMarket or a Cell Ranger folder. Cells end up as rows and genes as columns.
 * @throws DataImportError for anything wrong with the file (kind, file, line, column or dataset)
 */
export async function importTable(source: DataSource, options: ImportOptions = {}): Promise<ExpressionTable> {
  const reader = await detectReader(source);
  if (reader === 'hdf5') return importHdf5(source, options);
  if (reader === 'mtx' || reader === '10x-dir') return importMatrixMarket(source, options);
  return importText(source, options);
}

/** Reads a delimited text table (CSV/TSV, optionally gzip), streamed. */
async function importText(source: DataSource, options: ImportOptions): Promise<ExpressionTable> {
  const file = sourceName(source);
  const { signal, onProgress } = options;
  const missing = options.missing ?? 'error';
  const transpose = options.transpose ?? false;
  const stats: SourceStats = { totalBytes: 0, consumedBytes: 0, decodedChars: 0 };
  const text = readSourceText(source, { signal, onProgress, stats, chunkBytes: options.chunkBytes });
  const stream = await openRecords(text, file, options.delimiter);
  if (!stream) throw new DataImportError('empty-file', file, 'the file contains only blank lines.');
  const batches = stream.batches;

  // Header and profiling sample.
  let header: string[] | undefined;
  const sample: Located[] = [];
  let rest: RecordBatch | undefined;
  let restFrom = 0;
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
        checkHeader(header, file, options.delimiter !== undefined);
        sampleSize = profileRows(header.length);
        continue;
      }
      sample.push({ record: records[i], line: lines[i] });
    }
    if (i < records.length) {
      rest = step.value;
      restFrom = i;
      break;
    }
  }
  if (!header) throw new DataImportError('empty-file', file, 'the file contains only blank lines.');
  if (sample.length === 0) {
    throw new DataImportError('no-data-rows', file, 'the file has a header line but no data rows below it.', {
      line: 2,
    });
  }

  const roles: ColumnRoles = detectColumnRoles(
    header,
    sample.map((s) => s.record),
    options,
    file,
  );
  const warnings: ImportWarning[] = [...roles.warnings];
  const rowNoun = transpose ? 'gene' : 'cell';
  const sink = new RowSink({
    file,
    header,
    delimiter: stream.delimiter,
    idIndex: roles.idIndex,
    metaIndices: roles.metaIndices,
    geneIndices: roles.geneIndices,
    missing,
    idsMayRepeat: transpose,
    expectedRows: estimateRows(sample, stats),
    rowNoun,
  });
  for (const { record, line } of sample) sink.add(record, line);
  if (rest) {
    const { records, lines } = rest;
    for (let i = restFrom; i < records.length; i++) sink.add(records[i], lines[i]);
  }
  for (;;) {
    const step = await batches.next();
    if (step.done) break;
    const { records, lines } = step.value;
    for (let i = 0; i < records.length; i++) sink.add(records[i], lines[i]);
  }
  if (signal?.aborted) throw abortError(file);

  const fileRows = sink.matrix.rows;
  if (fileRows === 0) {
    throw new DataImportError(
      'no-rows-left',
      file,
      `every row has a missing value, so dropping those rows left nothing (first on line ${sink.firstDroppedLine}). Try the zero or column-mean policy.`,
      { line: sink.firstDroppedLine },
    );
  }
  let ids: string[];
  let genes: string[];
  let values: Float32Array;
  let metadata: MetadataColumn[] = [];
  if (transpose) {
    const columnNames = roles.geneIndices.map((c) => header[c].trim() || `column_${c + 1}`);
    const duplicate = firstDuplicate(columnNames);
    if (duplicate !== undefined) {
      throw new DataImportError(
        'duplicate-id',
        file,
        `the cell/sample name "${duplicate.name}" appears twice in the header; every sample column needs its own name.`,
        { line: 1, column: roles.geneIndices[duplicate.index] + 1 },
      );
    }
    ids = columnNames;
    const unique = makeUnique(sink.ids);
    genes = unique.names;
    if (unique.renamed.length > 0) {
      warnings.push({ code: 'duplicate-gene-names', message: describeRenames(unique.renamed, 'gene names') });
    }
    values = transposeMatrix(sink.matrix.view(), fileRows, roles.geneIndices.length);
    if (roles.metaIndices.length > 0) {
      warnings.push({
        code: 'gene-annotations-dropped',
        message: `Text columns describe genes in a transposed file and are not kept: ${roles.metaIndices.map((c) => header[c]).join(', ')}.`,
      });
    }
  } else {
    ids = sink.ids;
    genes = namedColumns(header, roles.geneIndices, 'gene', warnings);
    values = sink.matrix.finish();
    const metaNames = namedColumns(header, roles.metaIndices, 'metadata', warnings);
    metadata = metaNames.map((name, k) => ({ name, values: sink.meta[k] }));
  }
  const rows = ids.length;
  const cols = genes.length;

  if (sink.missingCount > 0) {
    if (missing === 'zero') {
      warnings.push({
        code: 'missing-values',
        message: `${sink.missingCount} missing values were read as 0.`,
      });
    } else if (missing === 'column-mean') {
      const empty = fillNaNWithColumnMeans(values, rows, cols);
      warnings.push({
        code: 'missing-values',
        message: `${sink.missingCount} missing values were replaced by their gene's mean.${
          empty.length > 0
            ? ` ${empty.length} gene(s) had no values at all and were set to 0: ${empty
                .slice(0, 5)
                .map((c) => genes[c])
                .join(', ')}.`
            : ''
        }`,
      });
    } else if (missing === 'drop-row') {
      warnings.push({
        code: 'missing-values',
        message: `${sink.droppedRows} ${rowNoun}(s) with missing values were left out (${sink.missingCount} missing values; the first on line ${sink.firstDroppedLine}).`,
      });
    }
  }

  const table: ExpressionTable = {
    source: file,
    idColumn: roles.idIndex === -1 || transpose ? 'id' : header[roles.idIndex].trim() || 'id',
    ids,
    genes,
    values: { data: values, rows, cols },
    metadata,
    warnings,
    missingValues: sink.missingCount,
  };
  if (options.metaFile !== undefined) await joinMetadataFile(table, options.metaFile, { signal });
  onProgress?.(1);
  return table;
}

function firstDuplicate(names: string[]): { name: string; index: number } | undefined {
  const seen = new Set<string>();
  for (let i = 0; i < names.length; i++) {
    if (seen.has(names[i])) return { name: names[i], index: i };
    seen.add(names[i]);
  }
  return undefined;
}
