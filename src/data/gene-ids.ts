/**
 * A gene's other identifiers: which of a table's gene annotations name each gene a second way (an h5ad var
 * column such as `gene_ids`, the id field of a Cell Ranger features file, a loom's `Accession`; or the symbols
 * of a cellxgene file indexed by Ensembl ids, `feature_name`), and the one normalisation every id match uses:
 * an Ensembl id's version suffix (`ENSG00000141510.17`) dropped. A model records these ids for its genes so
 * that `embed` can place a file named the other way.
 */
import type { ExpressionTable, MetadataColumn } from './types.js';
import { isNumericLooking } from './numeric-names.js';

/** One identifier column of some genes: `ids[i]` names the i-th gene another way ('' when the file had none). */
export interface GeneIdColumn {
  /** The annotation's name in the source (e.g. 'gene_ids', 'Accession', 'feature_name'). */
  name: string;
  ids: string[];
}

/** An Ensembl stable id (any species: ENSG, ENSMUSG, ENSDARG…) with its version suffix, if any. */
const ENSEMBL_ID = /^(ENS[A-Z]*\d{11})(\.\d+)?$/;

/** `id` without its Ensembl version suffix ('ENSG00000141510.17' → 'ENSG00000141510'); other names as they are. */
export function withoutVersion(id: string): string {
  const m = ENSEMBL_ID.exec(id);
  return m ? m[1] : id;
}

/** Whether `name` is an Ensembl stable id (with or without a version). */
export function isEnsemblId(name: string): boolean {
  return ENSEMBL_ID.test(name);
}

/**
 * Annotation names that hold a gene identifier, compared lower-case without punctuation and without the
 * `-0`, `-1` suffix anndata's concat gives a column per batch: the id columns of scanpy's readers, Cell Ranger
 * and loom, and the symbol columns of files indexed by ids (cellxgene's feature_name, monocle's gene_short_name).
 */
const ID_COLUMN_NAMES = new Set([
  'geneids',
  'geneid',
  'ensemblid',
  'ensemblids',
  'ensemblgeneid',
  'ensemblgeneids',
  'ensembl',
  'ensemblgene',
  'accession',
  'featureid',
  'featureids',
  'id',
  'ids',
  'featurename',
  'featurenames',
  'genesymbols',
  'genesymbol',
  'genename',
  'genenames',
  'geneshortname',
  'hgncsymbol',
  'symbol',
  'symbols',
  'gene',
  'genes',
]);

/** Annotation names (normalised as ID_COLUMN_NAMES) of NCBI Entrez gene ids, the one kind of id made of digits. */
const NUMERIC_ID_COLUMN_NAMES = new Set([
  'entrez',
  'entrezid',
  'entrezids',
  'entrezgeneid',
  'ncbigeneid',
  'geneidentrez',
]);

function normalisedColumnName(name: string): string {
  return name
    .replace(/-\d+$/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** Below this share of distinct values among the non-empty ones a column is a category, not an identifier. */
const MIN_DISTINCT_SHARE = 0.9;

/**
 * Whether `column` names the genes `genes` a second way: an identifier-like name (or mostly Ensembl ids
 * under any name), values present for at least half of the genes and nearly all distinct, not only numbers
 * (a var column `id` or `gene` of row numbers would pair unrelated genes of two files), and not merely a
 * copy of the names.
 */
function isIdColumn(column: MetadataColumn, genes: readonly string[]): boolean {
  const present = column.values.filter((v) => v !== '');
  if (column.values.length !== genes.length || present.length < genes.length / 2) return false;
  const normalised = normalisedColumnName(column.name);
  // numbers name genes only in a column that says they are NCBI (Entrez) ids; else they count rows
  if (isNumericLooking(present) && !NUMERIC_ID_COLUMN_NAMES.has(normalised)) return false;
  const named = ID_COLUMN_NAMES.has(normalised) || NUMERIC_ID_COLUMN_NAMES.has(normalised);
  if (!named && present.filter(isEnsemblId).length < MIN_DISTINCT_SHARE * present.length) return false;
  if (new Set(present).size < MIN_DISTINCT_SHARE * present.length) return false;
  return column.values.some((v, i) => v !== '' && withoutVersion(v) !== withoutVersion(genes[i]));
}

/** The table's gene annotations that identify its genes (see `isIdColumn`), in annotation order, trimmed. */
export function tableGeneIds(table: Pick<ExpressionTable, 'genes' | 'geneAnnotations'>): GeneIdColumn[] {
  return (table.geneAnnotations ?? [])
    .filter((column) => isIdColumn(column, table.genes))
    .map((column) => ({ name: column.name, ids: column.values.map((v) => v.trim()) }));
}

/** The table's identifier columns restricted to `genes` (names of the table's genes, e.g. a recipe's kept genes). */
export function geneIdsOf(
  table: Pick<ExpressionTable, 'genes' | 'geneAnnotations'>,
  genes: readonly string[],
): GeneIdColumn[] {
  const columns = tableGeneIds(table);
  if (columns.length === 0) return [];
  const index = new Map(table.genes.map((g, c) => [g, c]));
  const at = genes.map((g) => index.get(g) ?? -1);
  return columns.map(({ name, ids }) => ({ name, ids: at.map((c) => (c < 0 ? '' : ids[c])) }));
}
