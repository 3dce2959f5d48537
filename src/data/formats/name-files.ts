/**
 * The name files beside a MatrixMarket matrix: barcodes.tsv (one cell barcode a line) and genes.tsv /
 * features.tsv (gene id, gene symbol and, from Cell Ranger 3 on, the feature type), gzip or not; the ids
 * and types become the table's gene annotations.
 */
import { countText } from '../../api/count-text.js';
import { createHash } from 'node:crypto';
import { DataImportError } from '../errors.js';
import type { DataSource } from '../options.js';
import { readSourceText, sourceName } from '../source-text.js';
import type { MetadataColumn, StoredColumn } from '../types.js';

/** Lines joined into one update of the hash: about a third less CPU than an update per line (measured at 10⁶ lines). */
const HASH_BATCH = 4096;

/**
 * The SHA-256 of text lines, each with a '\n' after it: a name file's lines as read, so the same names give
 * the same hash whether the file is gzipped (at any level) or not, with CRLF or LF line ends.
 */
export class LinesHash {
  private readonly hash = createHash('sha256');
  private batch: string[] = [];
  /** Lines added so far. */
  lines = 0;

  add(line: string): void {
    this.batch.push(line);
    this.lines++;
    if (this.batch.length === HASH_BATCH) this.flush();
  }

  /** The hash (hex) of the lines added; the object is spent afterwards. */
  digest(): string {
    this.flush();
    return this.hash.digest('hex');
  }

  private flush(): void {
    if (this.batch.length === 0) return;
    this.hash.update(`${this.batch.join('\n')}\n`, 'utf8');
    this.batch = [];
  }
}

/**
 * Calls `use` with each line of a name file (its text without the CR). Trailing empty lines are ignored; an
 * empty line before the end is an error.
 */
async function eachNameLine(
  source: DataSource,
  signal: AbortSignal | undefined,
  use: (text: string) => void,
): Promise<void> {
  const file = sourceName(source);
  let lines = 0;
  let carry = '';
  let blankLine = 0;
  const take = (line: string): void => {
    const text = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (text.trim() === '') {
      if (blankLine === 0) blankLine = lines + 1;
      return;
    }
    if (blankLine !== 0) {
      throw new DataImportError('bad-structure', file, 'an empty line in the middle of the names.', {
        line: blankLine,
      });
    }
    lines++;
    use(text);
  };
  for await (const chunk of readSourceText(source, { signal })) {
    const split = (carry + chunk).split('\n');
    carry = split.pop() ?? '';
    for (const line of split) take(line);
  }
  take(carry);
}

/**
 * A name file's lines, each split at tabs. Trailing empty lines are ignored; an empty line before the end is
 * an error. `hash`, when given, takes each line read (its text without the CR), as it is read.
 */
export async function readNameFile(
  source: DataSource,
  signal?: AbortSignal,
  hash?: LinesHash,
): Promise<string[][]> {
  const rows: string[][] = [];
  await eachNameLine(source, signal, (text) => {
    hash?.add(text);
    rows.push(text.split('\t'));
  });
  return rows;
}

/** Hashes a name file's lines into `hash` as `readNameFile` does, without keeping them. */
export async function hashNameFile(source: DataSource, hash: LinesHash, signal?: AbortSignal): Promise<void> {
  await eachNameLine(source, signal, (text) => hash.add(text));
}

/** The cell barcodes: each line's first field, not empty (repeats are renamed by the importer). */
export function barcodesFrom(rows: string[][], file: string): string[] {
  return rows.map((fields, i) => {
    const id = fields[0].trim();
    if (id === '') throw new DataImportError('empty-id', file, 'this line has no barcode.', { line: i + 1 });
    return id;
  });
}

/** What a features/genes file says about each feature. */
export interface Features {
  /** The gene symbol (second field), or the id where there is no second field or it is empty. */
  names: string[];
  /** The feature type (third field), '' when the file has none (Cell Ranger 2's genes.tsv). */
  types: string[];
  /** The gene id (first field: Cell Ranger's Ensembl id). */
  ids: string[];
  /** The most fields a line has (1: names only; 2: ids and symbols; 3: and feature types). */
  fields: number;
}

/** Names, ids and types of the features, one per line. */
export function featuresFrom(rows: string[][], file: string): Features {
  const names: string[] = [];
  const types: string[] = [];
  const ids: string[] = [];
  let fields = 0;
  rows.forEach((line, i) => {
    const name = (line[1] ?? '').trim() || line[0].trim();
    if (name === '') {
      throw new DataImportError('bad-structure', file, 'this line names no gene.', { line: i + 1 });
    }
    names.push(name);
    types.push((line[2] ?? '').trim());
    ids.push(line[0].trim());
    fields = Math.max(fields, line.length);
  });
  return { names, types, ids, fields };
}

/**
 * The gene annotations scanpy's `read_10x_mtx` puts in `var`: `gene_ids` (the first field) when the file
 * also names the genes, and `feature_types` when it has a third field (Cell Ranger 3's features.tsv), as
 * strings, for the features `geneMap` keeps (index ≥ 0; all when null).
 */
export function featureAnnotations(features: Features, geneMap: Int32Array | null): MetadataColumn[] {
  const kept = (values: string[]) => (geneMap ? values.filter((_, i) => geneMap[i] >= 0) : values);
  const columns: MetadataColumn[] = [];
  if (features.fields >= 2) columns.push({ name: 'gene_ids', values: kept(features.ids), stored: STRING });
  if (features.fields >= 3) {
    columns.push({ name: 'feature_types', values: kept(features.types), stored: STRING });
  }
  return columns;
}

const STRING: StoredColumn = { kind: 'string' };

/**
 * Checks that a name file has one line per matrix row/column: the error points at the first extra line, or
 * at the line after the last one when lines are missing.
 */
export function checkNameCount(
  count: number,
  expected: number,
  file: string,
  what: { noun: string; matrixFile: string; axis: string; sizeLine: number },
): void {
  if (count === expected) return;
  const declared = `${what.matrixFile} declares ${countText(expected)} ${what.noun}s (${what.axis}, line ${what.sizeLine})`;
  const detail =
    count > expected
      ? `one ${what.noun} a line is expected, but ${declared} and this file has ${countText(count)} lines.`
      : `the file ends after ${countText(count)} ${what.noun}s, but ${declared}.`;
  throw new DataImportError('bad-structure', file, detail, { line: Math.min(count, expected) + 1 });
}
