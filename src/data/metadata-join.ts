/**
 * Joins a separate per-cell metadata file (cell types from a paper's supplement, say) onto an imported
 * table by cell id. Cells the file does not mention get empty values in its columns; the counts of matched
 * and unmatched ids become warnings so the user sees how well the two files fit.
 */
import { basename } from 'node:path';
import { DataImportError, shownValue } from './errors.js';
import type { DataSource, Delimiter } from './options.js';
import { openRecords } from './record-reader.js';
import { readSourceText, sourceName } from './source-text.js';
import type { ExpressionTable } from './types.js';
import { describeRenames, makeUnique } from './unique-names.js';
import { raggedRow } from './ragged-row.js';
import { countText } from '../api/count-text.js';
import { rowWords, type RowWords } from '../api/file-format.js';
import {
  commaMetadataValues,
  metadataCommaNote,
  metadataFileDecimal,
  unreadableCommaNumber,
} from './comma-metadata.js';
import { explainNotANumberIn } from './decimal.js';
import { refusalInWords } from './setting-words.js';
import { turnRoundAdvice } from './orientation.js';
import type { DecimalSeparator } from './options.js';

export interface JoinOptions {
  /** Cancels the read (rejects with kind 'aborted'). Default: none. */
  signal?: AbortSignal;
  /** The metadata file's delimiter. Default: detected. */
  delimiter?: Delimiter;
  /**
   * The decimal separator the user chose for the data file (ImportOptions.decimal), which the metadata file's
   * numbers are read with too. Default: detected over all its rows (`metadataFileDecimal`).
   */
  decimal?: DecimalSeparator;
  /**
   * Whether the text table was turned round as read (`ImportOptions.transpose`), for the advice of a refusal
   * whose ids are the table's column names. Default: read as laid out.
   */
  transposed?: boolean;
}

/** Adds the metadata file's columns to `table.metadata` (in place) and records the join in its warnings. */
export async function joinMetadataFile(
  table: ExpressionTable,
  source: DataSource,
  options: JoinOptions = {},
): Promise<void> {
  const file = sourceName(source);
  // a text table's rows may be a bulk panel's samples: 'rows', not 'cells' (a walkthrough: "26 of 26 cells matched")
  const words = rowWords(table.format?.kind ?? 'text');
  const text = readSourceText(source, { signal: options.signal });
  const stream = await openRecords(text, file, options.delimiter);
  if (!stream) throw new DataImportError('empty-file', file, 'the metadata file contains only blank lines.');
  let header: string[] | undefined;
  let joinIndex = 0;
  const byId = new Map<string, { values: string[]; line: number }>();
  for await (const { records, lines } of stream.batches) {
    for (let i = 0; i < records.length; i++) {
      const record = records[i];
      if (record.length === 1 && record[0].trim() === '') continue;
      if (!header) {
        header = record.map((name, c) => (c === 0 ? name.replace(/^\uFEFF/, '') : name).trim());
        if (header.length < 2) {
          throw new DataImportError(
            'metadata-file',
            file,
            'the metadata file needs an id column and at least one more column, separated by commas, tabs or semicolons.',
            { line: lines[i] },
          );
        }
        const named = header.indexOf(table.idColumn);
        joinIndex = named === -1 ? 0 : named;
        continue;
      }
      if (record.length !== header.length) {
        throw raggedRow(file, lines[i], record.length, header.length, stream.delimiter);
      }
      const id = record[joinIndex].trim();
      const previous = byId.get(id);
      if (previous) {
        throw new DataImportError(
          'duplicate-id',
          file,
          `the id "${shownValue(id)}" already appeared on line ${previous.line}; each ${words.one} may appear once in the metadata file.`,
          { line: lines[i], column: joinIndex + 1 },
        );
      }
      byId.set(id, { values: record, line: lines[i] });
    }
  }
  if (!header) throw new DataImportError('empty-file', file, 'the metadata file contains only blank lines.');
  if (byId.size === 0) {
    throw new DataImportError('no-data-rows', file, 'the metadata file has a header but no rows.', {
      line: 2,
    });
  }

  let matched = 0;
  const rowsFor = table.ids.map((id) => {
    const hit = byId.get(id);
    if (hit) matched++;
    return hit?.values;
  });
  if (matched === 0) {
    const example = byId.keys().next().value ?? '';
    const refusal = `none of its ids (column "${shownValue(header[joinIndex])}", e.g. "${shownValue(example)}") match the ${words.one} ids of ${table.source} (e.g. "${shownValue(table.ids[0])}").`;
    // a genes × cells table's cell annotations: their ids are its column names, read as genes
    if ((table.format?.kind ?? 'text') === 'text' && table.genes.some((g) => byId.has(g))) {
      const turned = options.transposed === true;
      const layout = `They are its column names: ${turned ? 'turned round, ' : ''}the file has its cells or samples as columns`;
      throw refusalInWords(
        'metadata-file',
        file,
        (side) => `${refusal} ${layout} — ${turnRoundAdvice(turned, side)}.`,
        { column: joinIndex + 1 },
      );
    }
    throw new DataImportError('metadata-file', file, `${refusal}${suffixHint(table.ids, byId)}`, {
      column: joinIndex + 1,
    });
  }
  const columns = header.map((_, c) => c).filter((c) => c !== joinIndex);
  const existing = table.metadata.map((m) => m.name);
  const { names, renamed } = makeUnique([
    ...existing,
    ...columns.map((c) => header![c] || `column_${c + 1}`),
  ]);
  if (renamed.length > 0) {
    table.warnings.push({
      code: 'duplicate-metadata-names',
      message: renamesMessage(file, table.source, existing, renamed),
    });
  }
  const joinedNames = columns.map((_, k) => names[existing.length + k]);
  // a ';' spreadsheet's purity 0,73 is a number, as the main table's ',' metadata is (comma-metadata.ts)
  const rows = Array.from(byId.values());
  const decimal = metadataFileDecimal(
    options.decimal,
    stream.delimiter,
    rows.map((row) => row.values),
  );
  if (options.decimal === ',') refuseUnreadableNumbers(file, header, columns, rows);
  const readAsNumbers: string[] = [];
  columns.forEach((c, k) => {
    // trimmed as the data file's metadata is (row-sink.ts): a sample sheet's 'AML  ' is the class 'AML'
    const written = rowsFor.map((r) => (r ? r[c].trim() : ''));
    const numbers = decimal === ',' ? commaMetadataValues(written) : undefined;
    if (numbers) readAsNumbers.push(joinedNames[k]);
    table.metadata.push({ name: joinedNames[k], values: numbers ?? written, joined: true });
  });
  const unmatchedCells = table.ids.length - matched;
  const unusedRows = byId.size - matched;
  table.warnings.push({
    code: 'metadata-join',
    message: `Metadata file ${file}: ${countText(matched)} of ${countText(table.ids.length)} ${words.many} matched${unmatchedCells > 0 ? `; ${unmatchedText(unmatchedCells, joinedNames, words)}` : ''}${unusedRows > 0 ? `; ${countText(unusedRows)} of its rows match no ${dataRow(words)}` : ''}.${unmatchedExamples(table.ids, rowsFor, unusedRows > 0 ? byId : null, words)}`,
    // every cell matched and every row used: information (a CLI run printed it as a warning)
    ...(unmatchedCells === 0 && unusedRows === 0 ? { info: true as const } : {}),
  });
  // a chosen ',' says nothing, as the data file's does not: the note tells what detection decided
  if (readAsNumbers.length > 0 && options.decimal === undefined) {
    table.warnings.push({
      code: 'metadata-decimal-comma',
      message: metadataCommaNote(file, readAsNumbers),
      info: true,
    });
  }
}

/**
 * Joins `options.metaFile` (when set) to a table read from an h5ad, loom or Cell Ranger file, with the decimal
 * separator chosen (`options.decimal`), which reads the metadata file's numbers only — the data file is no text
 * table — and an info note saying so: a tab-separated file's 0,73 is never detected as a number, so without the
 * choice its purity was silently a label of text classes.
 */
export async function joinStructuredMetadata(
  table: ExpressionTable,
  options: { metaFile?: DataSource; decimal?: DecimalSeparator; signal?: AbortSignal },
): Promise<void> {
  if (options.metaFile === undefined) return;
  const { signal, decimal } = options;
  await joinMetadataFile(table, options.metaFile, { signal, decimal });
  if (decimal === undefined) return;
  const example = decimal === ',' ? "',' (0,73 as 0.73)" : "'.' (0.73; 0,73 stays as written)";
  table.warnings.push({
    code: 'metadata-decimal-chosen',
    message: `Metadata file ${sourceName(options.metaFile)}: the decimal separator chosen, ${example}, reads its numbers only: ${basename(table.source)} is not a text table.`,
    info: true,
  });
}

/**
 * Refuses a metadata file read with the ',' decimals the user chose whose column of numbers holds one the
 * choice cannot read (`unreadableCommaNumber`: 1.234,5), at its line and column, as a gene column's is.
 */
function refuseUnreadableNumbers(
  file: string,
  header: readonly string[],
  columns: readonly number[],
  rows: readonly { values: string[]; line: number }[],
): void {
  for (const c of columns) {
    const bad = unreadableCommaNumber(rows.map((row) => ({ text: row.values[c], line: row.line })));
    if (!bad) continue;
    throw refusalInWords(
      'not-a-number',
      file,
      (side) =>
        `${explainNotANumberIn(bad.text, ',', side)} The column holds numbers, and the metadata file is read with the decimal separator chosen.`,
      { line: bad.line, column: c + 1, columnName: header[c] },
    );
  }
}

/** Ids of each side a partial join's warning shows; more are counted by the sentence before. */
const UNMATCHED_SHOWN = 3;

/**
 * " Cells without a row: golub_01, golub_02. Rows matching no cell: X1, X2, X3, …" — a few ids of each side of
 * a partial join ('' when everything matched; `byId` null when every row matched). A walkthrough with a tumour
 * panel's sample sheet was told "2 cells have no metadata; 3 of its rows match no cell" and had to diff the two
 * files to find which.
 */
function unmatchedExamples(
  ids: readonly string[],
  rowsFor: readonly (string[] | undefined)[],
  byId: ReadonlyMap<string, unknown> | null,
  words: RowWords,
): string {
  const shown = (list: string[], more: boolean): string =>
    `${list.map((id) => shownValue(id)).join(', ')}${more ? ', …' : ''}`;
  const cells: string[] = [];
  let moreCells = false;
  for (let r = 0; r < ids.length && !moreCells; r++) {
    if (rowsFor[r]) continue;
    if (cells.length === UNMATCHED_SHOWN) moreCells = true;
    else cells.push(ids[r]);
  }
  const rows: string[] = [];
  let moreRows = false;
  // `byId` only when some row matched no cell: a full atlas's join makes no set of its ids for nothing
  const known = new Set(byId ? ids : []);
  for (const id of byId?.keys() ?? []) {
    if (known.has(id)) continue;
    if (rows.length === UNMATCHED_SHOWN) {
      moreRows = true;
      break;
    }
    rows.push(id);
  }
  return (
    (cells.length
      ? ` ${words.one === 'cell' ? 'Cells without a row' : 'Rows without metadata'}: ${shown(cells, moreCells)}.`
      : '') + (rows.length ? ` Rows matching no ${dataRow(words)}: ${shown(rows, moreRows)}.` : '')
  );
}

/** The most joined column names the unmatched-cells phrase lists before "and N more columns". */
const COLUMNS_NAMED = 3;

/**
 * The cells a metadata file left without a row, and the file's columns that are empty for them: "10 cells have
 * no metadata, so their 'cell_type' and 'donor' are empty" ("1 cell … its"). It said they "get empty labels",
 * which was wrong when the label column is the data file's own (an h5ad's cell_type, the file adding a donor);
 * the join happens before a label column is chosen, so it names the file's columns, and a run whose label is one
 * of them says its unlabelled cells apart (run-training's unlabeled warning).
 */
function unmatchedText(cells: number, columns: readonly string[], words: RowWords): string {
  const quoted = columns.slice(0, COLUMNS_NAMED).map((name) => `'${shownValue(name)}'`);
  const more = columns.length - quoted.length;
  const listed =
    more > 0
      ? `${quoted.join(', ')} and ${countText(more)} more column${more === 1 ? '' : 's'}`
      : quoted.length > 1
        ? `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`
        : quoted[0];
  const verb = columns.length === 1 ? 'is' : 'are';
  return cells === 1
    ? `1 ${words.one} has no metadata, so its ${listed} ${verb} empty`
    : `${countText(cells)} ${words.many} have no metadata, so their ${listed} ${verb} empty`;
}

/**
 * A row of the data file in the join's words: a 'cell', or a text table's 'data row' — "its rows match no row"
 * would not say which file's rows are meant.
 */
function dataRow(words: RowWords): string {
  return words.one === 'cell' ? 'cell' : 'data row';
}

/**
 * The warning for the metadata file's columns renamed as they were joined, naming both files: a column the data
 * already has (a loom's `phase` beside the file's) is said to be one of the data's (a walkthrough: "Duplicate
 * metadata names renamed: phase → phase.1." named neither file, nor which `phase` was the file's).
 */
function renamesMessage(
  file: string,
  source: string,
  existing: readonly string[],
  renamed: [string, string][],
): string {
  // a name of the data's is a clash the first time the file has it, a repeat in the file after that
  const have = new Set(existing);
  const clashes: [string, string][] = [];
  const repeats: [string, string][] = [];
  for (const rename of renamed) {
    (have.delete(rename[0]) ? clashes : repeats).push(rename);
  }
  const parts: string[] = [];
  if (clashes.length > 0) {
    const one = clashes.length === 1;
    const names = clashes.map(([name]) => `'${shownValue(name)}'`).join(', ');
    const fresh = clashes.map(([, to]) => `'${shownValue(to)}'`).join(', ');
    parts.push(
      `${one ? 'its column' : 'its columns'} ${names} ${one ? 'is also a column' : 'are also columns'} of ${source}, so ${one ? 'it is' : 'they are'} joined as ${fresh} (the name${one ? '' : 's'} stay${one ? 's' : ''} ${source}'s)`,
    );
  }
  if (repeats.length > 0) {
    // describeRenames words it for a sentence of its own: "Duplicate … renamed: a → a.1."
    parts.push(
      describeRenames(repeats, 'column names')
        .replace(/^Duplicate/, 'repeated')
        .replace(/\.$/, ''),
    );
  }
  return `Metadata file ${file}: ${parts.join('; ')}.`;
}

/** A 10x barcode's GEM-well ending, as Cell Ranger writes it ("-1") and as some tools drop it. */
const WELL_SUFFIX = /-\d+$/;

/**
 * When no id matched: whether they would without a "-N" ending on one side — Cell Ranger's barcodes end in
 * "-1", and annotations exported by other tools (or typed from a paper) often lack it, or the other way round
 * (a walkthrough: "AAAC…" against "AAAC…-1" was told only that nothing matched). '' when that does not help.
 */
function suffixHint(cellIds: readonly string[], byId: ReadonlyMap<string, unknown>): string {
  const cellsEnd = cellIds.length > 0 && cellIds.every((id) => WELL_SUFFIX.test(id));
  const stripped = cellsEnd ? cellIds.map((id) => id.replace(WELL_SUFFIX, '')) : [];
  if (cellsEnd && stripped.some((id) => byId.has(id))) {
    const ending = WELL_SUFFIX.exec(cellIds[0])?.[0] ?? '-1';
    return ` The cell ids end in "${ending}" (Cell Ranger's GEM-well suffix) and the file's do not: its ids match without it — add the ending to the file's ids.`;
  }
  const fileIds = [...byId.keys()];
  if (fileIds.every((id) => WELL_SUFFIX.test(id))) {
    const cells = new Set(cellIds);
    if (fileIds.some((id) => cells.has(id.replace(WELL_SUFFIX, '')))) {
      const ending = WELL_SUFFIX.exec(fileIds[0])?.[0] ?? '-1';
      return ` The file's ids end in "${ending}" (Cell Ranger's GEM-well suffix) and the cell ids do not: they match without it — remove the ending from the file's ids.`;
    }
  }
  return '';
}
