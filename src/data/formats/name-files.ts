/**
 * The name files beside a MatrixMarket matrix: barcodes.tsv (one cell barcode a line) and genes.tsv /
 * features.tsv (gene id, gene symbol and, from Cell Ranger 3 on, the feature type), gzip or not; the ids
 * and types become the table's gene annotations.
 */
import { DataImportError } from '../errors.js';
import type { DataSource } from '../options.js';
import { readSourceText, sourceName } from '../source-text.js';
import type { MetadataColumn, StoredColumn } from '../types.js';

/** A name file's lines, each split at tabs. Trailing empty lines are ignored; an empty line before the end is an error. */
export async function readNameFile(source: DataSource, signal?: AbortSignal): Promise<string[][]> {
  const file = sourceName(source);
  const rows: string[][] = [];
  let carry = '';
  let blankLine = 0;
  const take = (line: string): void => {
    const text = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (text.trim() === '') {
      if (blankLine === 0) blankLine = rows.length + 1;
      return;
    }
    if (blankLine !== 0) {
      throw new DataImportError('bad-structure', file, 'an empty line in the middle of the names.', {
        line: blankLine,
      });
    }
    rows.push(text.split('\t'));
  };
  for await (const chunk of readSourceText(source, { signal })) {
    const lines = (carry + chunk).split('\n');
    carry = lines.pop() ?? '';
    for (const line of lines) take(line);
  }
  take(carry);
  return rows;
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
  const declared = `${what.matrixFile} declares ${expected} ${what.noun}s (${what.axis}, line ${what.sizeLine})`;
  const detail =
    count > expected
      ? `one ${what.noun} a line is expected, but ${declared} and this file has ${count} lines.`
      : `the file ends after ${count} ${what.noun}s, but ${declared}.`;
  throw new DataImportError('bad-structure', file, detail, { line: Math.min(count, expected) + 1 });
}
