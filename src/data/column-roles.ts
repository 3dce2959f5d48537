/**
 * Decides what each column is — the cell id, metadata to keep as text, or a gene (numeric) — from the
 * header and the first rows, unless the caller says so. The rules, in order:
 * 1. id: `idColumn` if given; else the first column that is unnamed or named like an id (id, cell, barcode,
 *    sample…) with unique values; else the first column when it is text with unique values; else none.
 * 2. metadata: `metaColumns` if given; else every column holding text, plus numeric columns that sit outside
 *    the longest run of numeric columns (e.g. a cluster number between two label columns) or at the edge of
 *    that run with a metadata-like name (n_counts, cluster, batch…).
 * 3. genes: the rest (or, with `genesFrom`, that column and every one after it).
 */
import { DataImportError } from './errors.js';
import { isMissingToken, parseNumber } from './numbers.js';
import type { ImportOptions } from './options.js';
import type { ImportWarning } from './types.js';

export interface ColumnRoles {
  /** Index of the id column, or -1 when rows are numbered instead. */
  idIndex: number;
  metaIndices: number[];
  geneIndices: number[];
  /** Columns read into neither (empty unnamed columns; columns before `genesFrom` not in `metaColumns`). */
  ignoredIndices: number[];
  warnings: ImportWarning[];
}

interface ColumnProfile {
  numeric: number;
  missing: number;
  text: number;
}

const ID_NAME =
  /^(id|ids|cell|cells|cell_?id|cell_?name|barcode|barcodes|cell_?barcode|sample|sample_?id|sample_?name|obs_?names|index|name|gene|genes|gene_?id|gene_?name|gene_?symbol|symbol|probe|probe_?id|feature|feature_?id)$/i;
const META_NAME =
  /^(n_counts|n_genes|total_counts|n_genes_by_counts|pct_counts_\w+|percent[._]?mt|ncount_\w+|nfeature_\w+|cluster\w*|clusters|louvain\w*|leiden\w*|seurat_clusters|\w*_snn_res\.[\d.]+|res\.[\d.]+|batch\w*|donor\w*|plate|lane|phase|s_score|g2m_score|size_factors?)$/i;

/** Rows of the sample used to profile columns: 200, fewer for wide tables (at least 50), about 100 000 fields. */
export function profileRows(columns: number): number {
  return Math.max(50, Math.min(200, Math.floor(100_000 / Math.max(1, columns))));
}

function profile(sample: string[][], column: number): ColumnProfile {
  const result: ColumnProfile = { numeric: 0, missing: 0, text: 0 };
  for (const record of sample) {
    const value = record[column] ?? '';
    if (isMissingToken(value)) {
      result.missing++;
      continue;
    }
    const number = parseNumber(value);
    if (Number.isNaN(number)) result.text++;
    else result.numeric++;
  }
  return result;
}

function findColumn(header: string[], name: string, option: string, file: string): number {
  const index = header.indexOf(name);
  if (index === -1) {
    const shown = header.slice(0, 12).map((h) => `"${h}"`);
    const more = header.length > 12 ? `, … (${header.length} columns)` : '';
    throw new DataImportError(
      'unknown-column',
      file,
      `${option} names a column "${name}" that is not in the header. Columns: ${shown.join(', ')}${more}.`,
      { line: 1 },
    );
  }
  return index;
}

function uniqueValues(sample: string[][], column: number): boolean {
  const seen = new Set<string>();
  for (const record of sample) {
    const value = record[column] ?? '';
    if (value === '' || seen.has(value)) return false;
    seen.add(value);
  }
  return true;
}

function detectId(header: string[], sample: string[][], profiles: ColumnProfile[]): number {
  // A column named like an id is the id even when a value repeats: that is then reported as a duplicate.
  for (let c = 0; c < header.length; c++) {
    if ((header[c].trim() === '' && c === 0) || ID_NAME.test(header[c].trim())) {
      if (profiles[c].text > 0 || c === 0 || uniqueValues(sample, c)) return c;
    }
  }
  if (profiles[0].text > 0 && uniqueValues(sample, 0)) return 0;
  return -1;
}

/** The longest run of consecutive numeric columns among `candidates` (indices in file order). */
function longestRun(candidates: number[], isNumeric: (c: number) => boolean): [number, number] {
  let best: [number, number] = [0, -1];
  let start = -1;
  for (let k = 0; k < candidates.length; k++) {
    if (!isNumeric(candidates[k])) {
      start = -1;
      continue;
    }
    if (start === -1 || candidates[k] !== candidates[k - 1] + 1) start = k;
    if (k - start > best[1] - best[0]) best = [start, k];
  }
  return best;
}

export function detectColumnRoles(
  header: string[],
  sample: string[][],
  options: Pick<ImportOptions, 'idColumn' | 'metaColumns' | 'genesFrom'>,
  file: string,
): ColumnRoles {
  const profiles = header.map((_, c) => profile(sample, c));
  const warnings: ImportWarning[] = [];
  const idIndex =
    options.idColumn !== undefined
      ? findColumn(header, options.idColumn, 'the id column option', file)
      : detectId(header, sample, profiles);
  const metaForced = options.metaColumns?.map((name) =>
    findColumn(header, name, 'the metadata columns option', file),
  );
  const genesFrom =
    options.genesFrom !== undefined
      ? findColumn(header, options.genesFrom, 'the genes-from option', file)
      : -1;
  if (metaForced?.includes(idIndex)) metaForced.splice(metaForced.indexOf(idIndex), 1);

  const ignoredIndices: number[] = [];
  const others: number[] = [];
  for (let c = 0; c < header.length; c++) {
    if (c === idIndex) continue;
    const p = profiles[c];
    // A nameless column with nothing in it is a trailing delimiter, not data.
    if (header[c] === '' && p.numeric === 0 && p.text === 0 && !metaForced?.includes(c)) {
      ignoredIndices.push(c);
      continue;
    }
    others.push(c);
  }

  let metaIndices: number[];
  let geneIndices: number[];
  if (genesFrom !== -1) {
    geneIndices = others.filter((c) => c >= genesFrom && !metaForced?.includes(c));
    const before = others.filter((c) => c < genesFrom);
    metaIndices = metaForced ? metaForced.filter((c) => c !== idIndex) : before;
    const skipped = before.filter((c) => !metaIndices.includes(c));
    ignoredIndices.push(...skipped);
    if (skipped.length > 0) {
      warnings.push({
        code: 'ignored-columns',
        message: `Columns before "${header[genesFrom]}" not listed as metadata are left out: ${skipped.map((c) => header[c]).join(', ')}.`,
      });
    }
  } else if (metaForced) {
    metaIndices = metaForced;
    geneIndices = others.filter((c) => !metaForced.includes(c));
  } else {
    const isNumeric = (c: number) => profiles[c].text === 0;
    const [from, to] = longestRun(others, isNumeric);
    const run = others.slice(from, to + 1);
    // Peel metadata-like numeric columns (n_counts, cluster…) off both ends of the gene block.
    let lo = 0;
    let hi = run.length - 1;
    while (lo <= hi && META_NAME.test(header[run[lo]])) lo++;
    while (hi >= lo && META_NAME.test(header[run[hi]])) hi--;
    geneIndices = run.slice(lo, hi + 1);
    const genes = new Set(geneIndices);
    metaIndices = others.filter((c) => !genes.has(c));
    const numericMeta = metaIndices.filter((c) => profiles[c].text === 0 && profiles[c].numeric > 0);
    if (numericMeta.length > 0) {
      const names = numericMeta.map((c) => header[c]);
      warnings.push({
        code: 'numeric-metadata',
        message: `Numeric columns kept as metadata, not genes: ${names.slice(0, 10).join(', ')}${names.length > 10 ? ', …' : ''} (use the genes-from or metadata options to change this).`,
      });
    }
  }
  metaIndices.sort((a, b) => a - b);
  if (geneIndices.length === 0) {
    throw new DataImportError(
      'no-gene-columns',
      file,
      "no numeric (gene) columns were found. Each gene needs a column of numbers; if the numbers are there, check the delimiter and the decimal separator (must be '.').",
      { line: 1 },
    );
  }
  if (idIndex === -1) {
    warnings.push({
      code: 'no-id-column',
      message:
        'No id column was found; cells are named cell_1, cell_2, … in file order (set the id column option to use one).',
    });
  }
  return { idIndex, metaIndices, geneIndices, ignoredIndices, warnings };
}
