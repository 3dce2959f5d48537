/**
 * Gene and cell search as users type them, pure: gene names found whatever their case (`cd79a` → CD79A),
 * several genes at once ("CD79A, MS4A1" or "CD79A MS4A1") for colouring by the set's mean, and cell ids
 * found from a part of them.
 */

import { embeddingOfMatrix } from '../src/api/matrix-input.js';

/** What a gene query found: the file's own spelling of each gene found (in query order, once each), and what was not. */
export interface GeneMatch {
  found: string[];
  missing: string[];
}

/** The words of a gene query: split at commas, semicolons and whitespace; empty words dropped. */
export function geneQueryWords(query: string): string[] {
  return query.split(/[\s,;]+/).filter((w) => w.length > 0);
}

/**
 * Looks the words up in the file's gene names: an exact match first, else the one gene equal to it
 * ignoring case (when several genes differ only by case, the word must match one exactly).
 */
export function matchGenes(query: string, geneNames: readonly string[]): GeneMatch {
  const exact = new Set(geneNames);
  const byLower = new Map<string, string[]>();
  for (const g of geneNames) {
    const key = g.toLowerCase();
    const list = byLower.get(key);
    if (list) list.push(g);
    else byLower.set(key, [g]);
  }
  const found: string[] = [];
  const missing: string[] = [];
  for (const word of geneQueryWords(query)) {
    const candidates = byLower.get(word.toLowerCase()) ?? [];
    const gene = exact.has(word) ? word : candidates.length === 1 ? candidates[0] : undefined;
    if (gene === undefined) {
      if (!missing.includes(word)) missing.push(word);
    } else if (!found.includes(gene)) {
      found.push(gene);
    }
  }
  return { found, missing };
}

/** Per cell, the mean of several genes' values (all of the same length). */
export function meanOfColumns(columns: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(columns[0]?.length ?? 0);
  if (!columns.length) return out;
  for (let i = 0; i < out.length; i++) {
    let sum = 0;
    for (const c of columns) sum += c[i];
    out[i] = sum / columns.length;
  }
  return out;
}

/** The name a gene set's colouring shows: "CD79A" or "mean of CD79A, MS4A1". */
export function geneSetName(genes: readonly string[]): string {
  return genes.length === 1 ? genes[0] : `mean of ${genes.join(', ')}`;
}

/** How many genes starting with a missing word the note lists before "and N more". */
export const STARTING_WITH_LIMIT = 5;

/**
 * The file's genes whose names start with `word`, whatever the case, in file order: the first `limit` and how
 * many in all. A biologist types the protein's or the complex's name — CD3, HLA-DR, CD8 — where the file
 * names its genes (CD3D, CD3E, CD3G).
 */
export function genesStartingWith(
  word: string,
  geneNames: readonly string[],
  limit = STARTING_WITH_LIMIT,
): { genes: string[]; total: number } {
  const prefix = word.toLowerCase();
  const all = geneNames.filter((g) => g.toLowerCase().startsWith(prefix));
  return { genes: all.slice(0, limit), total: all.length };
}

/** One of the file's other matrices and its genes (`FileFormatSummary.layerGenes`). */
export interface MatrixGenes {
  name: string;
  genes: number;
}

/**
 * The matrix read and the file's other matrices of more genes than it (`layerGenes`), most genes first: an
 * h5ad's raw/X beside an X of highly variable genes, which scanpy colours by. Null when there is none (a text
 * file, a loom, an X of every gene), no matrix name (`matrix` '') or an embedding read.
 */
export function matricesWithMoreGenes(
  matrix: string,
  genes: number,
  layerGenes: Readonly<Record<string, number>> | undefined,
): { matrix: string; genes: number; more: MatrixGenes[] } | null {
  const more = Object.entries(layerGenes ?? {})
    .filter(([name, count]) => name !== matrix && count > genes)
    .map(([name, count]) => ({ name, genes: count }))
    .sort((a, b) => b.genes - a.genes);
  // an embedding read (obsm/X_pca) has columns, not genes: its map is coloured by none of them
  return matrix && embeddingOfMatrix(matrix) === null && more.length ? { matrix, genes, more } : null;
}

/**
 * One line saying which words were not genes of the file ('' when all were), then, for each such word that
 * starts gene names of `geneNames`, those genes: “No gene “CD3” in this file. Genes starting with CD3: CD3D,
 * CD3E, CD3G.” — “in this folder” of a Cell Ranger folder (`noun`, `sourceNoun`; default 'file'). With `read`
 * (`matricesWithMoreGenes`), the words are said missing from the matrix read, not the file, and the matrices of
 * more genes are named with the setting that reads them: scanpy colours a map by raw's genes, and “No gene
 * “PARK7” in this file” was untrue of a file whose raw/X holds it.
 */
export function missingGenesSentence(
  match: GeneMatch,
  geneNames: readonly string[] = [],
  noun: 'file' | 'folder' = 'file',
  read: ReturnType<typeof matricesWithMoreGenes> = null,
): string {
  if (!match.missing.length) return '';
  const list = match.missing.map((w) => `“${w}”`).join(', ');
  const where = read ? `${read.matrix}, the matrix read (${read.genes} genes)` : `this ${noun}`;
  const head = match.found.length
    ? `Not in ${where}: ${list} (coloured by ${geneSetName(match.found)}).`
    : `No gene ${list} in ${where}.`;
  const hints = match.missing.flatMap((word) => {
    const { genes, total } = genesStartingWith(word, geneNames);
    if (!genes.length) return [];
    const more = total > genes.length ? ` and ${total - genes.length} more` : '';
    return [`Genes starting with ${word}: ${genes.join(', ')}${more}.`];
  });
  if (read) {
    const others = read.more.map((m) => `${m.name} holds ${m.genes} genes`).join(', ');
    const which = read.more.length === 1 ? 'it' : 'one of them';
    hints.push(`${others}: a map trained on ${which} (Import settings ▸ Matrix) is coloured by them.`);
  }
  return [head, ...hints].join(' ');
}

/** What Find found for a typed id. */
export type CellMatch =
  /** One cell: the exact id, the only id equal ignoring case, or the only id containing the text. */
  | { kind: 'one'; id: string; row: number }
  /** Several ids contain the text (ignoring case): the first `limit` of them, in file order, and how many in all. */
  | { kind: 'several'; matches: { id: string; row: number }[]; total: number }
  | { kind: 'none' };

/** Default number of partial matches Find lists. */
export const FIND_LIST_LIMIT = 10;

/** Finds cells by a whole or partial id (case-insensitive for the partial part). */
export function findCells(ids: readonly string[], text: string, limit = FIND_LIST_LIMIT): CellMatch {
  const query = text.trim();
  if (!query) return { kind: 'none' };
  const exact = ids.indexOf(query);
  if (exact >= 0) return { kind: 'one', id: query, row: exact };
  const lower = query.toLowerCase();
  const same: number[] = [];
  const containing: number[] = [];
  ids.forEach((id, row) => {
    const l = id.toLowerCase();
    if (l === lower) same.push(row);
    if (l.includes(lower)) containing.push(row);
  });
  const rows = same.length === 1 ? same : containing;
  if (rows.length === 0) return { kind: 'none' };
  if (rows.length === 1) return { kind: 'one', id: ids[rows[0]], row: rows[0] };
  return {
    kind: 'several',
    matches: rows.slice(0, limit).map((row) => ({ id: ids[row], row })),
    total: rows.length,
  };
}
