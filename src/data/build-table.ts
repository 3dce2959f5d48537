/**
 * The last step of reading a delimited text table: the ExpressionTable from the filled RowSink — turned
 * round for a transposed file, names made unique, missing values handled as chosen, and the notes on
 * empty and bad columns the user should see.
 */
import { DataImportError, shownValue } from './errors.js';
import type { ColumnRoles } from './column-roles.js';
import { isUnlabeled } from './label-column.js';
import { commaMissingHint } from './decimal.js';
import { missingSetting, warningInWords } from './setting-words.js';
import { commaMetadataValues } from './comma-metadata.js';
import { fillNaNWithColumnMeans, transposeMatrix } from './matrix-ops.js';
import type { ImportOptions, MissingPolicy } from './options.js';
import type { RowSink } from './row-sink.js';
import type { ExpressionTable, MetadataColumn } from './types.js';
import type { ImportWarning } from '../api/import-warning.js';
import { countText } from '../api/count-text.js';
import { rowWords } from '../api/file-format.js';
import { describeRenames, firstRepeat, makeUnique, uniqueCellIds, uniqueGeneNames } from './unique-names.js';

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
    const at = firstRepeat(raw);
    const place = at
      ? ` The first repeat: line 1, column ${indices[at.repeat] + 1} repeats the name of column ${indices[at.earlier] + 1}.`
      : '';
    warnings.push({
      code: `duplicate-${what}-names`,
      message: `${describeRenames(renamed, `${what} names`)}${place}`,
    });
  }
  return names;
}

/** Notes on metadata columns that were empty in the sample: empty throughout, or only at the start. */
function emptyColumnNotes(header: string[], roles: ColumnRoles, sink: RowSink): ImportWarning[] {
  const notes: ImportWarning[] = [];
  for (const c of roles.emptyIndices) {
    const k = roles.metaIndices.indexOf(c);
    if (k === -1) continue;
    const name = shownValue(header[c]) || `column_${c + 1}`;
    const filled = sink.meta[k].filter((v) => !isUnlabeled(v)).length;
    notes.push({
      code: 'empty-column',
      message:
        filled === 0
          ? `Column "${name}" has no values (every one is empty or NA): it is kept as an empty metadata column, not a gene, and gives no labels.`
          : `Column "${name}" is empty in its first rows, so it is kept as a metadata column, not a gene (${filled} of its values are filled in).`,
    });
  }
  return notes;
}

/**
 * The table from the filled sink: turned round when `transpose`, missing values handled as chosen.
 * `options.decimal`: the table's decimal separator as read (chosen or detected), which its metadata columns'
 * numbers are read with too.
 */
export function buildTable(
  file: string,
  header: string[],
  roles: ColumnRoles,
  sink: RowSink,
  options: ImportOptions,
): ExpressionTable {
  const missing = options.missing ?? 'error';
  const transpose = options.transpose ?? false;
  // a text table's rows may be a bulk panel's samples: 'row', as `rowWords` says them everywhere else
  const rowNoun = transpose ? 'gene' : rowWords('text').one;
  const fileRows = sink.matrix.rows;
  if (fileRows === 0) {
    throw new DataImportError(
      'no-rows-left',
      file,
      `every row has a missing value, so dropping those rows left nothing (first on line ${sink.firstDroppedLine}). Try the zero or column-mean policy.`,
      { line: sink.firstDroppedLine },
    );
  }
  const warnings: ImportWarning[] = [...roles.warnings];
  let ids: string[];
  let genes: string[];
  let values: Float32Array;
  let metadata: MetadataColumn[] = [];
  if (transpose) {
    const columnNames = roles.geneIndices.map((c) => header[c].trim() || `column_${c + 1}`);
    const column = (k: number) => roles.geneIndices[k] + 1;
    const unique = uniqueCellIds(
      columnNames,
      // a text table's columns turned round, which may be a bulk panel's samples: not 'cells' (rowWords)
      'column names',
      (at) => `line 1, column ${column(at.repeat)} repeats the name of column ${column(at.earlier)}`,
      'column',
    );
    if (unique.warning) warnings.push(unique.warning);
    ids = unique.ids;
    const uniqueGenes = uniqueGeneNames(
      sink.ids,
      (at) => `line ${sink.lines[at.repeat]} repeats the gene of line ${sink.lines[at.earlier]}`,
    );
    genes = uniqueGenes.names;
    if (uniqueGenes.warning) warnings.push(uniqueGenes.warning);
    values = transposeMatrix(sink.matrix.view(), fileRows, roles.geneIndices.length);
    if (roles.metaIndices.length > 0) {
      warnings.push({
        code: 'gene-annotations-dropped',
        message: `Text columns describe genes in a transposed file and are not kept: ${roles.metaIndices.map((c) => shownValue(header[c])).join(', ')}.`,
      });
    }
  } else {
    const unique = uniqueCellIds(
      sink.ids,
      // a text table's rows may be a bulk panel's samples: 'row', not 'cell' (api/file-format.ts rowWords)
      'row ids',
      (at) => `line ${sink.lines[at.repeat]} repeats the id of line ${sink.lines[at.earlier]}`,
      'row',
    );
    if (unique.warning) warnings.push(unique.warning);
    ids = unique.ids;
    genes = namedColumns(header, roles.geneIndices, 'gene', warnings);
    values = sink.matrix.finish();
    const metaNames = namedColumns(header, roles.metaIndices, 'metadata', warnings);
    // a ','-decimal table's numeric columns as the numbers they are, as the genes are read (`comma-metadata.ts`)
    const comma = options.decimal === ',';
    metadata = metaNames.map((name, k) => ({
      name,
      values: (comma ? commaMetadataValues(sink.meta[k]) : undefined) ?? sink.meta[k],
    }));
    warnings.push(...emptyColumnNotes(header, roles, sink));
  }
  const rows = ids.length;
  const cols = genes.length;
  if (sink.badValues > 0 && sink.firstBad) {
    const { text, line, column } = sink.firstBad;
    // the policy and the hint's decimal separator named as each side sets them (setting-words.ts)
    warnings.push(
      warningInWords(
        'bad-values-as-missing',
        (side) =>
          `${sink.badValues} value(s) in gene columns are not finite numbers (the first, "${shownValue(text)}", on line ${line}, column ${column + 1} ("${shownValue(header[column])}")); they were treated as missing values under ${missingSetting(missing, side)}.${commaMissingHint(sink.commaBad, sink.badValues, sink.firstComma ?? '', side)}`,
      ),
    );
  }
  if (sink.missingCount > 0)
    warnings.push(...applyMissingPolicy(missing, sink, values, rows, genes, rowNoun));
  return {
    source: file,
    idColumn: roles.idIndex === -1 || transpose ? 'id' : header[roles.idIndex].trim() || 'id',
    ids,
    genes,
    values: { data: values, rows, cols },
    metadata,
    warnings,
    missingValues: sink.missingCount,
  };
}

/** "1 missing value was", "12 345 missing values were": the count grouped as the app groups counts. */
function missingValuesText(count: number): string {
  return count === 1 ? '1 missing value was' : `${countText(count)} missing values were`;
}

/** Fills (column-mean) missing values and says what the policy did. */
function applyMissingPolicy(
  missing: MissingPolicy,
  sink: RowSink,
  values: Float32Array,
  rows: number,
  genes: string[],
  rowNoun: string,
): ImportWarning[] {
  if (missing === 'zero') {
    return [{ code: 'missing-values', message: `${missingValuesText(sink.missingCount)} read as 0.` }];
  }
  if (missing === 'column-mean') {
    const empty = fillNaNWithColumnMeans(values, rows, genes.length);
    const none =
      empty.length > 0
        ? ` ${countText(empty.length)} gene(s) had no values at all and were set to 0: ${empty
            .slice(0, 5)
            .map((c) => shownValue(genes[c]))
            .join(', ')}.`
        : '';
    return [
      {
        code: 'missing-values',
        message: `${missingValuesText(sink.missingCount)} replaced by their gene's mean.${none}`,
      },
    ];
  }
  if (missing === 'drop-row') {
    return [
      {
        code: 'missing-values',
        message: `${countText(sink.droppedRows)} ${rowNoun}(s) with missing values were left out (${countText(sink.missingCount)} missing ${sink.missingCount === 1 ? 'value' : 'values'}; the first on line ${sink.firstDroppedLine}).`,
      },
    ];
  }
  return [];
}
