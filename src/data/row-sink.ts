/**
 * Takes parsed records one at a time and files each field where it belongs: the id into the id list,
 * metadata into string columns, gene values straight into the growing Float32Array. This is the import's
 * inner loop, so it avoids per-row allocations and only takes the slow path for unusual fields.
 */
import { DataImportError } from './errors.js';
import { fastDecimal } from './fast-decimal.js';
import { GrowableMatrix } from './growable-matrix.js';
import { explainNotANumber, isMissingToken } from './numbers.js';
import type { MissingPolicy } from './options.js';
import { delimiterName } from './delimiter.js';

export interface RowSinkConfig {
  file: string;
  header: string[];
  delimiter: string;
  idIndex: number;
  metaIndices: number[];
  geneIndices: number[];
  missing: MissingPolicy;
  /** Rows of file are genes: ids may repeat (they are renamed later), so duplicates are not an error. */
  idsMayRepeat: boolean;
  expectedRows: number;
  /** How the rows are called in messages ("cell" or "gene"). */
  rowNoun: string;
}

export class RowSink {
  readonly matrix: GrowableMatrix;
  readonly ids: string[] = [];
  readonly meta: string[][];
  missingCount = 0;
  droppedRows = 0;
  firstDroppedLine = 0;
  /** Line of each kept row, for later messages. */
  private readonly idLines = new Map<string, number>();
  private readonly config: RowSinkConfig;
  private readonly width: number;
  private readonly genes: Int32Array;

  constructor(config: RowSinkConfig) {
    this.config = config;
    this.width = config.header.length;
    this.genes = Int32Array.from(config.geneIndices);
    this.matrix = new GrowableMatrix(config.geneIndices.length, config.expectedRows);
    this.meta = config.metaIndices.map(() => []);
  }

  /** Files one record (a blank line is skipped). */
  add(record: string[], line: number): void {
    let fields = record.length;
    if (fields !== this.width) {
      if (fields === 1 && record[0].trim() === '') return;
      // A delimiter at the end of every data line (but not the header) is common and harmless.
      if (fields === this.width + 1 && record[this.width] === '') fields = this.width;
      else this.raggedRow(fields, line);
    }
    const matrix = this.matrix;
    const offset = matrix.nextRowOffset();
    const data = matrix.data;
    const genes = this.genes;
    const count = genes.length;
    let rowHasMissing = false;
    for (let j = 0; j < count; j++) {
      const text = record[genes[j]];
      const fast = fastDecimal(text);
      if (fast === fast) {
        data[offset + j] = fast;
        continue;
      }
      const value = +text;
      // value - value is NaN for NaN and ±Infinity; '' and blanks convert to 0 but are missing.
      if (value - value === 0 && (value !== 0 || text.trim() !== '')) {
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
    for (let k = 0; k < metaIndices.length; k++) this.meta[k].push(record[metaIndices[k]]);
    matrix.rows++;
  }

  private addId(record: string[], line: number): void {
    const { idIndex } = this.config;
    if (idIndex === -1) {
      this.ids.push(`${this.config.rowNoun}_${this.ids.length + 1}`);
      return;
    }
    const id = record[idIndex].trim();
    if (id === '') {
      throw new DataImportError(
        'empty-id',
        this.config.file,
        `this ${this.config.rowNoun} has no id (the id column "${this.config.header[idIndex]}" is empty).`,
        { line, column: idIndex + 1, columnName: this.config.header[idIndex] },
      );
    }
    if (!this.config.idsMayRepeat) {
      const previous = this.idLines.get(id);
      if (previous !== undefined) {
        throw new DataImportError(
          'duplicate-id',
          this.config.file,
          `the id "${id}" was already used on line ${previous}; every ${this.config.rowNoun} needs its own id.`,
          { line, column: idIndex + 1, columnName: this.config.header[idIndex] },
        );
      }
      this.idLines.set(id, line);
    }
    this.ids.push(id);
  }

  /** Handles a field that is not a plain finite number; returns true when it was a missing value. */
  private unusualField(text: string, value: number, at: number, column: number, line: number): boolean {
    const { file, header, missing } = this.config;
    const where = { line, column: column + 1, columnName: header[column] };
    if (isMissingToken(text)) {
      this.missingCount++;
      if (missing === 'error') {
        const shown = text.trim() === '' ? 'an empty field' : `"${text.trim()}"`;
        throw new DataImportError(
          'missing-value',
          file,
          `missing value (${shown}) in gene column "${header[column]}". Fill it in, or choose what missing values mean: zero, drop-row or column-mean (option --missing).`,
          where,
        );
      }
      this.matrix.data[at] = missing === 'zero' ? 0 : NaN;
      return true;
    }
    if (!Number.isNaN(value)) {
      throw new DataImportError(
        'not-finite',
        file,
        `"${text.trim()}" is not a finite number; expression values must be finite.`,
        where,
      );
    }
    throw new DataImportError(
      'not-a-number',
      file,
      `${explainNotANumber(text)} Column "${header[column]}" was read as a gene because its first values are numbers; if it holds text, name it as metadata (--meta).`,
      where,
    );
  }

  private raggedRow(fields: number, line: number): never {
    const { file, delimiter } = this.config;
    const fewer = fields < this.width;
    throw new DataImportError(
      'ragged-row',
      file,
      `this line has ${fields} field${fields === 1 ? '' : 's'} but the header has ${this.width} (delimiter: ${delimiterName(delimiter)}). ${fewer ? 'A value or delimiter is missing' : 'There is an extra delimiter, or a text value containing the delimiter is not in quotes'}.`,
      { line, column: fewer ? fields : this.width + 1 },
    );
  }
}
