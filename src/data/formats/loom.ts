/**
 * loom (loompy, velocyto) → ExpressionTable. `matrix` and `layers/<name>` are dense genes × cells; they are
 * turned into CSR cells × genes. Gene names come from `row_attrs` (its other attributes, such as `Accession`,
 * become the gene annotations, as anndata's read_loom puts them in var), cell ids and metadata from `col_attrs`
 * (numeric ones with their stored type).
 */
import { countText } from '../../api/count-text.js';
import { refuseMatrixOption } from '../format-options.js';
import { didYouMean } from '../did-you-mean.js';
import type { ImportOptions } from '../options.js';
import type { ExpressionTable, MetadataColumn } from '../types.js';
import type { ImportWarning } from '../../api/import-warning.js';
import { GENES_INPUT } from '../../api/matrix-input.js';
import { uniqueCellIds, uniqueGeneNames } from '../unique-names.js';
import { readControl, type Hdf5File } from './h5-file.js';
import { withAppWords } from '../errors.js';
import { readTransposedAsCsr } from './h5-dense.js';
import { negativeCountError, signedIntegerDtype } from './negative-counts.js';
import { readTextValues, storedOf } from './h5ad-frame.js';
import { holdNumbers, holdableNumbers } from '../numeric-column.js';
import { dictionaryCodes, holdCodes } from '../category-column.js';

const GENE_ATTRS = ['Gene', 'gene_name', 'gene_names', 'var_names', 'Accession', 'gene_ids'];
const CELL_ATTRS = ['CellID', 'obs_names', 'cell_id', 'CellId'];
/**
 * Other col_attrs names that hold the cell ids when they are text and all distinct: anndata's write_loom stores
 * obs_names under the index's own name ('id', 'barcode', 'index'…), so without this a loom written from an
 * AnnData whose index had a name lost its cell ids (cells numbered cell_1…, the ids kept as a metadata column).
 */
const CELL_ID_NAME = /^(ids?|cells?|cell_?ids?|cell_?names?|barcodes?|cell_?barcodes?|index|names?)$/i;
/** The same for the genes: write_loom stores var_names under var's index name ('gene_symbols', 'index'…). */
const GENE_NAME = /^(genes?|gene_?symbols?|symbols?|features?|feature_?names?|index|names?)$/i;

function chooseMatrix(
  h5: Hdf5File,
  layer: string | undefined,
): { path: string; name: string; others: string[] } {
  const layers = h5.keys('/layers').map((name) => `layers/${name}`);
  const all = ['matrix', ...layers];
  const wanted =
    layer === undefined || layer === 'matrix' || layer === '' || layer === 'X'
      ? 'matrix'
      : layer.startsWith('layers/')
        ? layer
        : `layers/${layer}`;
  if (!all.includes(wanted)) {
    const hint = didYouMean(layer ?? '', ['matrix', ...layers.map((l) => l.slice('layers/'.length))]);
    // the CLI names its flag; the page, which offers the file's own matrices, keeps the words
    const err = h5.fail(
      `/${wanted}`,
      `--layer ${layer} names no matrix of this loom file; it has: ${all.join(', ')}.${hint}`,
      'no-such-matrix',
    );
    throw withAppWords(
      err,
      `there is no matrix "${layer}" in this loom file; it has: ${all.join(', ')}.${hint}`,
      h5.where(`/${wanted}`),
    );
  }
  return { path: `/${wanted}`, name: wanted, others: all.filter((m) => m !== wanted) };
}

/** The matrix's `[genes, cells]` as stored, for the message of an attribute that does not fit it. */
type MatrixShape = readonly [number, number];

/**
 * True when every 1-D attribute is as long as the other axis of the matrix — row_attrs one per column, col_attrs
 * one per row — as when the matrix was written cells × genes with its attributes made for it. One attribute
 * that fits the matrix as stored (gene names one per row) makes another's wrong length a count mismatch.
 */
function attributesFitTurned(h5: Hdf5File, [genes, cells]: MatrixShape): boolean {
  return (['row_attrs', 'col_attrs'] as const).every((group) =>
    h5.keys(`/${group}`).every((name) => {
      const path = `/${group}/${name}`;
      const shape = h5.isDataset(path) ? h5.shape(path) : [];
      return shape.length !== 1 || shape[0] === (group === 'row_attrs' ? cells : genes);
    }),
  );
}

/**
 * Why an attribute of `entries` does not fit the matrix: attributes all as long as the other axis (a gene
 * attribute as long as the cells, a cell attribute as long as the genes) mean a matrix written cells × genes
 * (loom stores genes × cells); one of them fitting as stored means a mere count mismatch.
 */
function misfit(h5: Hdf5File, path: string, entries: number, shape: MatrixShape): string {
  const [genes, cells] = shape;
  const rowAttr = path.startsWith('/row_attrs/');
  const expected = rowAttr ? genes : cells;
  const sentence = `this attribute has ${countText(entries)} ${entries === 1 ? 'entry' : 'entries'} but the matrix has ${countText(expected)} ${rowAttr ? 'rows (genes)' : 'columns (cells)'}`;
  if (genes === cells || entries !== (rowAttr ? cells : genes) || !attributesFitTurned(h5, shape)) {
    return `${sentence}.`;
  }
  return `${sentence}: the matrix (${countText(genes)} × ${countText(cells)}) looks stored cells × genes, where a loom stores genes × cells (row_attrs one per gene, col_attrs one per cell); write it again with loompy.create or anndata's write_loom.`;
}

/**
 * A loom written cells × genes with its attributes following it — cell ids in row_attrs, gene names in
 * col_attrs (loompy.create given an AnnData's X, cells × genes, and its names) — has attributes of the right
 * lengths, so `misfit` never sees it, and was read with genes as cells: its 765 genes as cells, numbered genes,
 * and the gene names as a metadata column (a walkthrough). Refused with both attributes named; `dims` is the
 * matrix as stored ([rows, columns]). Only called when row_attrs holds no gene names.
 */
function refuseSwappedAttributes(h5: Hdf5File, [rows, columns]: MatrixShape): void {
  const cellInRows = CELL_ATTRS.find((a) => h5.isDataset(`/row_attrs/${a}`));
  const geneInColumns = GENE_ATTRS.find((a) => h5.isDataset(`/col_attrs/${a}`));
  if (cellInRows === undefined && geneInColumns === undefined) return;
  const found = [
    cellInRows === undefined ? '' : `cell ids in row_attrs/${cellInRows}`,
    geneInColumns === undefined ? '' : `gene names in col_attrs/${geneInColumns}`,
  ].filter(Boolean);
  throw h5.fail(
    `/row_attrs${cellInRows === undefined ? '' : `/${cellInRows}`}`,
    `this loom file has ${found.join(' and ')}: its matrix (${countText(rows)} × ${countText(columns)}) looks stored cells × genes, where a loom stores genes × cells (row_attrs one per gene, col_attrs one per cell). Write it again genes × cells, e.g. with anndata's write_loom or loompy.create(path, X.T, row_attrs=genes, col_attrs=cells).`,
    'bad-structure',
    'group',
  );
}

/** A 1-D attribute of one entry a row (row_attrs) or column (col_attrs) as text; undefined when not 1-D. */
function readAttribute(h5: Hdf5File, path: string, shape: MatrixShape): string[] | undefined {
  if (h5.shape(path).length !== 1) return undefined;
  const values = readTextValues(h5, path);
  const length = path.startsWith('/row_attrs/') ? shape[0] : shape[1];
  if (values.length !== length) throw h5.fail(path, misfit(h5, path, values.length, shape));
  return values;
}

/** The col_attr holding the cell ids and its values: a name loompy uses, else an id-like name of distinct text. */
function cellIds(h5: Hdf5File, dims: MatrixShape): { name?: string; ids?: string[] } {
  const known = CELL_ATTRS.find((a) => h5.isDataset(`/col_attrs/${a}`));
  if (known !== undefined) return { name: known, ids: readAttribute(h5, `/col_attrs/${known}`, dims) };
  return namedText(h5, 'col_attrs', CELL_ID_NAME, dims, true);
}

/**
 * The first 1-D text attribute of `group` whose name `pattern` fits (and, when `distinct`, whose values are
 * all different — a 'cell' of cell types is no id), with its values; {} when none.
 */
function namedText(
  h5: Hdf5File,
  group: 'row_attrs' | 'col_attrs',
  pattern: RegExp,
  dims: MatrixShape,
  distinct: boolean,
): { name?: string; ids?: string[] } {
  for (const name of h5.keys(`/${group}`)) {
    const path = `/${group}/${name}`;
    if (!pattern.test(name) || !h5.isDataset(path) || h5.valueKind(path) !== 'string') continue;
    const ids = readAttribute(h5, path, dims);
    if (ids !== undefined && (!distinct || new Set(ids).size === ids.length)) return { name, ids };
  }
  return {};
}

/** The 1-D row attributes other than the gene names, typed as stored; a warning for each other one. */
function rowAnnotations(
  h5: Hdf5File,
  geneAttr: string | undefined,
  shape: MatrixShape,
  warnings: ImportWarning[],
): MetadataColumn[] {
  const columns: MetadataColumn[] = [];
  for (const name of h5.keys('/row_attrs')) {
    if (name === geneAttr) continue;
    const path = `/row_attrs/${name}`;
    const values = readAttribute(h5, path, shape);
    if (values) columns.push({ name, values, stored: storedOf(h5, path) });
    else
      warnings.push({
        code: 'var-column-skipped',
        message: `row_attrs/${name} is not one-dimensional and was not kept as a gene annotation.`,
      });
  }
  return columns;
}

/**
 * A numeric or boolean cell attribute's stored type (int64 or int32 cluster ids, loompy's uint8 booleans,
 * float32/float64 QC values), so a result h5ad keeps it as anndata's read_loom does (uint8 stays uint8, and a
 * label column's predictions get categories of its dtype); text attributes have none and are typed as a text
 * file's columns (few values: categorical).
 */
function numericStored(h5: Hdf5File, path: string): Pick<MetadataColumn, 'stored'> {
  const kind = h5.valueKind(path);
  return kind === 'int' || kind === 'float' || kind === 'bool' ? { stored: storedOf(h5, path) } : {};
}

/**
 * A 1-D cell attribute as a metadata column (undefined when not 1-D): a float or integer one held as its
 * numbers, its text made when first read (`holdNumbers`), as an h5ad's obs columns; a text one of few values
 * (cluster names, samples) held as codes into its distinct texts (`dictionaryCodes`, `holdCodes`), so the
 * Import summary and the label checks count codes and its million strings are not kept.
 */
function readCellAttribute(
  h5: Hdf5File,
  path: string,
  name: string,
  shape: MatrixShape,
): MetadataColumn | undefined {
  const kind = h5.valueKind(path);
  if (h5.shape(path).length === 1 && (kind === 'int' || kind === 'float')) {
    const value = h5.read(path);
    const numbers = holdableNumbers(ArrayBuffer.isView(value) ? value : h5.readNumbers(path));
    if (numbers) {
      if (numbers.length !== shape[1]) throw h5.fail(path, misfit(h5, path, numbers.length, shape));
      return holdNumbers<MetadataColumn>({ name, values: [], ...numericStored(h5, path) }, numbers);
    }
  }
  const values = readAttribute(h5, path, shape);
  if (!values) return undefined;
  const held = kind === 'string' ? dictionaryCodes(values) : undefined;
  if (held) return holdCodes<MetadataColumn>({ name, values: [] }, held);
  return { name, values, ...numericStored(h5, path) };
}

/** Reads a loom file already opened. */
export async function readLoom(h5: Hdf5File, options: ImportOptions): Promise<ExpressionTable> {
  if (options.input !== undefined && options.input !== GENES_INPUT) {
    // what a loom offers instead, in each side's words: --layer on the CLI, the Matrix field on the page
    const why = 'embeddings (obsm) need an h5ad file; a loom file holds its main matrix and its layers';
    throw refuseMatrixOption(h5.name, 'input', options.input, 'loom', {
      cli: `${why}, chosen with --layer.`,
      app: `${why}, chosen under Matrix.`,
    });
  }
  const warnings: ImportWarning[] = [];
  const chosen = chooseMatrix(h5, options.layer);
  const shape = h5.shape(chosen.path);
  if (shape.length !== 2)
    throw h5.fail(chosen.path, `expected a 2-D genes × cells matrix, found ${shape.length}-D.`);
  const [geneCount, cellCount] = shape;
  const dims: MatrixShape = [geneCount, cellCount];
  h5.checkSize(chosen.path, cellCount, geneCount);

  const knownGeneAttr = GENE_ATTRS.find((a) => h5.isDataset(`/row_attrs/${a}`));
  if (knownGeneAttr === undefined) refuseSwappedAttributes(h5, dims);
  // gene symbols repeat (they are made unique below), so a named text attribute need not be distinct
  const named = knownGeneAttr === undefined ? namedText(h5, 'row_attrs', GENE_NAME, dims, false) : {};
  const geneAttr = knownGeneAttr ?? named.name;
  let genes = knownGeneAttr ? readAttribute(h5, `/row_attrs/${knownGeneAttr}`, dims) : named.ids;
  if (!genes) {
    genes = Array.from({ length: geneCount }, (_, i) => `gene_${i + 1}`);
    warnings.push({
      code: 'no-gene-names',
      message: `row_attrs has no gene names (${GENE_ATTRS.join(', ')}); genes are numbered gene_1…gene_${geneCount}.`,
    });
  }
  const uniqueGenes = uniqueGeneNames(
    genes,
    (at) => `entry ${at.repeat + 1} of /row_attrs/${geneAttr} repeats entry ${at.earlier + 1}`,
  );
  if (uniqueGenes.warning) warnings.push(uniqueGenes.warning);

  const geneAnnotations = rowAnnotations(h5, geneAttr, dims, warnings);

  const { name: cellAttr, ids: rawIds } = cellIds(h5, dims);
  // numbered cells said so, as a text table's and a MatrixMarket file's are: unsaid, a metadata file keyed by
  // barcodes was refused as matching "cell_1", and the outputs held the numbers as if they were the file's
  if (!rawIds) {
    warnings.push({
      code: 'no-cell-names',
      message: `col_attrs has no cell ids (${CELL_ATTRS.join(', ')}, or distinct ids under a name such as id or barcode); cells are numbered cell_1…cell_${cellCount} in the order of the matrix columns.`,
    });
  }
  const ids = uniqueCellIds(
    rawIds ?? Array.from({ length: cellCount }, (_, i) => `cell_${i + 1}`),
    'cell ids',
    (at) => `entry ${at.repeat + 1} of /col_attrs/${cellAttr} repeats entry ${at.earlier + 1}`,
  );
  if (ids.warning) warnings.push(ids.warning);
  const metadata: MetadataColumn[] = [];
  for (const name of h5.keys('/col_attrs')) {
    if (name === cellAttr) continue;
    const path = `/col_attrs/${name}`;
    const column = readCellAttribute(h5, path, name, dims);
    if (column) metadata.push(column);
    else
      warnings.push({
        code: 'obs-column-skipped',
        message: `col_attrs/${name} is not one-dimensional and was not read.`,
      });
  }

  // an integer matrix (or layer) holds counts: a negative value in it is damage, as in an h5ad's
  const dtype = signedIntegerDtype(h5, chosen.path);
  const values = await readTransposedAsCsr(
    h5,
    chosen.path,
    geneCount,
    cellCount,
    readControl(options),
    dtype
      ? (at) =>
          negativeCountError(h5, chosen.path, dtype, 'genes-by-cells', at, {
            genes: geneAttr ? genes : undefined,
            cells: rawIds,
          })
      : undefined,
  );
  return {
    source: h5.name,
    idColumn: cellAttr ?? 'id',
    ids: ids.ids,
    genes: uniqueGenes.names,
    values,
    metadata,
    warnings,
    missingValues: 0,
    format: { kind: 'loom', matrix: chosen.name, layers: chosen.others, obsm: [] },
    ...(geneAnnotations.length > 0 ? { geneAnnotations } : {}),
  };
}
