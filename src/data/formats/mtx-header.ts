/**
 * The two header lines of a MatrixMarket file: the banner (`%%MatrixMarket matrix coordinate integer
 * general`) and the size line (`rows cols entries`), checked against what TripletLens reads: sparse
 * (`coordinate`) matrices of integer, real or pattern values with general symmetry.
 */
import { DataImportError } from '../errors.js';

/** How an entry's value is written: integer counts, real numbers, or absent (pattern: every entry is 1). */
export type MtxField = 'integer' | 'real' | 'pattern';

export interface MtxHeader {
  field: MtxField;
  rows: number;
  cols: number;
  /** Entries the size line declares. */
  entries: number;
  /** 1-based line of the size line (errors about the declared shape point there). */
  sizeLine: number;
}

const FIELDS: readonly string[] = ['integer', 'real', 'pattern'];

/** Checks the banner (line 1); returns the value field. */
export function parseBanner(line: string, file: string): MtxField {
  const words = line.trim().split(/\s+/);
  if (words[0] !== '%%MatrixMarket') {
    const shown = line.length > 40 ? `${line.slice(0, 40)}…` : line;
    throw new DataImportError(
      'bad-structure',
      file,
      `a MatrixMarket file starts with a "%%MatrixMarket matrix coordinate …" line, but this one starts with "${shown}". If it is a CSV/TSV table, give it a .csv or .tsv name.`,
      { line: 1 },
    );
  }
  const [object, format, field, symmetry] = words.slice(1).map((w) => w.toLowerCase());
  const fault = (detail: string): DataImportError =>
    new DataImportError('unsupported-format', file, detail, { line: 1 });
  if (object !== 'matrix') throw fault(`the file holds a MatrixMarket "${object ?? ''}", not a matrix.`);
  if (format !== 'coordinate') {
    throw fault(
      `only sparse MatrixMarket files ("coordinate") can be read; this one is "${format ?? ''}" (dense). Save the matrix as a CSV table instead.`,
    );
  }
  if (field === undefined || !FIELDS.includes(field)) {
    throw fault(
      `the values are "${field ?? ''}"; TripletLens reads integer, real or pattern MatrixMarket files.`,
    );
  }
  if (symmetry !== 'general') {
    throw fault(
      `the matrix is stored as "${symmetry ?? ''}" (only half of it is written); TripletLens reads "general" MatrixMarket files, as Cell Ranger and scipy write for count matrices.`,
    );
  }
  return field as MtxField;
}

function nonNegativeInteger(word: string | undefined): number {
  if (word === undefined || !/^\d+$/.test(word)) return NaN;
  return Number(word);
}

/** Reads the size line; `fileBytes` and `gzip` bound the entry count a file of that size can hold. */
export function parseSizeLine(
  line: string,
  lineNumber: number,
  field: MtxField,
  file: string,
  bounds: { fileBytes: number; gzip: boolean },
): MtxHeader {
  const words = line.trim().split(/\s+/);
  const [rows, cols, entries] = words.map(nonNegativeInteger);
  const where = { line: lineNumber };
  if (words.length !== 3 || [rows, cols, entries].some((n) => !Number.isSafeInteger(n))) {
    throw new DataImportError(
      'bad-structure',
      file,
      `the size line should hold three whole numbers (rows, columns, entries), but reads "${line.trim()}".`,
      where,
    );
  }
  if (rows > 2 ** 31 - 1 || cols > 2 ** 31 - 1) {
    throw new DataImportError('bad-structure', file, `a ${rows} × ${cols} matrix is too large.`, where);
  }
  if (entries > rows * cols) {
    throw new DataImportError(
      'bad-structure',
      file,
      `the header declares ${entries} entries, more than a ${rows} × ${cols} matrix has cells, so some would repeat.`,
      where,
    );
  }
  // An entry takes at least 4 bytes ("1 1\n"); gzip shrinks text at most ~1030-fold. A header declaring
  // more than the file can hold is wrong, and believing it would allocate memory for nothing.
  const most = bounds.gzip ? bounds.fileBytes * 260 : bounds.fileBytes / 4;
  if (entries > most) {
    throw new DataImportError(
      'bad-structure',
      file,
      `the header declares ${entries} entries, more than a file of ${bounds.fileBytes} bytes can hold; the file is cut short or its header is wrong.`,
      where,
    );
  }
  return { field, rows, cols, entries, sizeLine: lineNumber };
}
