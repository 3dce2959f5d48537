/**
 * Takes parsed records one at a time and files each field where it belongs: the id into the id list,
 * metadata into string columns, gene values straight into the growing Float32Array. This is the import's
 * inner loop, so it avoids per-row allocations and only takes the slow path for unusual fields.
 */
import { DataImportError, shownValue } from './errors.js';
import { fastDecimal } from './fast-decimal.js';
import { GrowableMatrix } from './growable-matrix.js';
import { fitsFloat32, isInfinityToken, isMissingToken } from './numbers.js';
import { explainNotANumberIn, isDecimalCommaNumber, numberReader } from './decimal.js';
import type { DecimalSeparator, MissingPolicy } from './options.js';
import { raggedRow } from './ragged-row.js';
import type { GenesChosen } from './column-roles.js';
import {
  genesFromSetting,
  metaSetting,
  missingChoices,
  refusalInWords,
  type SettingSide,
} from './setting-words.js';

export interface RowSinkConfig {
  file: string;
  header: string[];
  delimiter: string;
  idIndex: number;
  metaIndices: number[];
  geneIndices: number[];
  missing: MissingPolicy;
  expectedRows: number;
  /** How the rows are called in messages ("cell" or "gene"). */
  rowNoun: string;
  /** The decimal separator of the gene values (ImportOptions.decimal, as detected). Default '.'. */
  decimal?: DecimalSeparator;
  /** How the options chose the gene columns (`ColumnRoles.genesChosen`); absent: detected. */
  genesChosen?: GenesChosen;
}

/**
 * Why column `name` was read as a gene and what to set if it holds text, on `side`: detected from its numbers,
 * or chosen by the options — a column of text that `--meta` left out was said to be "read as a gene because
 * most of its values are numbers".
 */
function geneColumnReason(name: string, chosen: GenesChosen | undefined, side: SettingSide): string {
  const column = `Column "${shownValue(name)}" was read as a gene because`;
  if (chosen?.by === 'meta')
    return `${column} ${metaSetting(side)} lists the metadata columns and not this one; if it holds text, add it to ${metaSetting(side)}`;
  if (chosen?.by === 'genes-from')
    return `${column} ${genesFromSetting(side)} "${shownValue(chosen.column)}" starts the genes (that column and every one after it); if it holds text, name it as metadata (${metaSetting(side)})`;
  return `${column} most of its values are numbers; if it holds text, name it as metadata (${metaSetting(side)})`;
}

export class RowSink {
  readonly matrix: GrowableMatrix;
  readonly ids: string[] = [];
  readonly meta: string[][];
  /** Missing values met, bad values treated as missing included. */
  missingCount = 0;
  /** Values that are not finite numbers, treated as missing under a missing-value policy. */
  badValues = 0;
  /** The first of them: its text, line and 0-based column. */
  firstBad: { text: string; line: number; column: number } | undefined;
  /** Of the bad values of a table read with '.' decimals, those written with a decimal comma ("1,25"). */
  commaBad = 0;
  /** The first of them. */
  firstComma: string | undefined;
  droppedRows = 0;
  firstDroppedLine = 0;
  /**
   * The file line of each kept row (a cell, or a gene of a transposed file), so that a later message can name the
   * line of a row index: cheaper than a map keyed by id, and defined for every row.
   */
  readonly lines: number[] = [];
  private readonly config: RowSinkConfig;
  private readonly width: number;
  private readonly genes: Int32Array;
  private readonly decimal: DecimalSeparator;
  /** The decimal point's character code, for fastDecimal. */
  private readonly point: number;
  private readonly parse: (text: string) => number;

  constructor(config: RowSinkConfig) {
    this.config = config;
    this.decimal = config.decimal ?? '.';
    this.point = this.decimal.charCodeAt(0);
    this.parse = numberReader(this.decimal);
    this.width = config.header.length;
    this.genes = Int32Array.from(config.geneIndices);
    this.matrix = new GrowableMatrix(config.geneIndices.length, config.expectedRows);
    this.meta = config.metaIndices.map(() => []);
  }

  /** Files one record; the caller skips blank lines (`isBlank`). */
  add(record: string[], line: number): void {
    let fields = record.length;
    if (fields !== this.width) {
      // A delimiter at the end of every data line (but not the header) is common and harmless.
      if (fields === this.width + 1 && record[this.width] === '') fields = this.width;
      else this.raggedRow(fields, line);
    }
    const matrix = this.matrix;
    const offset = matrix.nextRowOffset();
    const data = matrix.data;
    const genes = this.genes;
    const count = genes.length;
    const { point, parse } = this;
    let rowHasMissing = false;
    for (let j = 0; j < count; j++) {
      const text = record[genes[j]];
      const fast = fastDecimal(text, point);
      if (fast === fast) {
        data[offset + j] = fast;
        continue;
      }
      const value = parse(text);
      // Only finite numbers that stay finite as float32 are values: not NaN, ±Infinity, 1e39 or a blank.
      if (fitsFloat32(value)) {
        data[offset + j] = value;
      } else {
        rowHasMissing = this.unusualField(text, value, offset + j, genes[j], line) || rowHasMissing;
      }
    }
    if (rowHasMissing && this.config.missing === 'drop-row') {
      this.droppedRows++;
      if (this.firstDroppedLine === 0) this.firstDroppedLine = line;
      return;
    }
    this.addId(record, line);
    const metaIndices = this.config.metaIndices;
    // trimmed as the ids and column names are: a spreadsheet's 'AML  ' is the class the run trains as 'AML',
    // and the outputs write it so (their label beside predicted_label, an h5ad's obs beside its predictions)
    for (let k = 0; k < metaIndices.length; k++) this.meta[k].push(detach(record[metaIndices[k]].trim()));
    matrix.rows++;
  }

  private addId(record: string[], line: number): void {
    const { idIndex } = this.config;
    this.lines.push(line);
    if (idIndex === -1) {
      this.ids.push(`${this.config.rowNoun}_${this.ids.length + 1}`);
      return;
    }
    const id = record[idIndex].trim();
    if (id === '') {
      throw new DataImportError(
        'empty-id',
        this.config.file,
        `this ${this.config.rowNoun} has no id (the id column "${shownValue(this.config.header[idIndex])}" is empty).`,
        { line, column: idIndex + 1, columnName: this.config.header[idIndex] },
      );
    }
    this.ids.push(detach(id));
  }

  /**
   * Handles a field that is not a plain finite number; returns true when it was (treated as) a missing
   * value. Under a missing-value policy other than 'error', a value that is not a finite number is treated
   * as missing too (and counted, so the import warns about it); under 'error' it stops the import.
   */
  private unusualField(text: string, value: number, at: number, column: number, line: number): boolean {
    const { file, header, missing } = this.config;
    const where = { line, column: column + 1, columnName: header[column] };
    const missingToken = isMissingToken(text);
    if (missing === 'error') {
      if (missingToken) {
        const shown = text.trim() === '' ? 'an empty field' : `"${shownValue(text)}"`;
        // the CLI is told its flag, the page its field (a walkthrough in the browser was told "option --missing")
        throw refusalInWords(
          'missing-value',
          file,
          (side) =>
            `missing value (${shown}) in gene column "${shownValue(header[column])}". Fill it in, or choose what missing values mean (${missingChoices(side)}).`,
          where,
        );
      }
      throw this.badValue(text, value, column, where);
    }
    if (!missingToken) {
      this.badValues++;
      this.firstBad ??= { text, line, column };
      // counted for the warning's hint to read ',' as the decimal separator (`commaMissingHint`)
      if (this.decimal === '.' && isDecimalCommaNumber(text)) {
        this.commaBad++;
        this.firstComma ??= text;
      }
    }
    this.missingCount++;
    this.matrix.data[at] = missing === 'zero' ? 0 : NaN;
    return true;
  }

  private badValue(
    text: string,
    value: number,
    column: number,
    where: { line: number; column: number; columnName: string },
  ): DataImportError {
    const { file, header } = this.config;
    const orMissing = (side: SettingSide): string =>
      `or choose a missing-value policy (${missingChoices(side)}) to treat such values as missing`;
    if (!Number.isNaN(value) || isInfinityToken(text)) {
      const why = Number.isFinite(value)
        ? 'is too large for a 32-bit float (beyond ±3.4e38)'
        : 'is an infinity, not a finite number';
      return refusalInWords(
        'not-finite',
        file,
        (side) =>
          `"${shownValue(text)}" ${why}; expression values must be finite. Correct it, ${orMissing(side)}.`,
        where,
      );
    }
    return refusalInWords(
      'not-a-number',
      file,
      (side) =>
        `${explainNotANumberIn(text, this.decimal, side)} ${geneColumnReason(header[column], this.config.genesChosen, side)}, ${orMissing(side)}.`,
      where,
    );
  }

  private raggedRow(fields: number, line: number): never {
    throw raggedRow(this.config.file, line, fields, this.width, this.config.delimiter);
  }
}

/**
 * A copy of a field that does not keep the parsed chunk alive. V8 makes a substring of 13 or more
 * characters a view into its parent string, so every kept id or label would hold its whole 256 KB chunk of
 * the file: measured, 53 MB of heap for a 51 MB file of 20 000 rows × 500 genes, 3.5 MB with the copy.
 */
function detach(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}
