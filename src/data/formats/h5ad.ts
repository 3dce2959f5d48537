/**
 * AnnData `.h5ad` → ExpressionTable: the chosen matrix (X, a layer, raw/X or an obsm embedding) as cells ×
 * columns, obs as metadata, the obs index as ids, the var index as gene names, and scanpy's category colours.
 */
import { countText } from '../../api/count-text.js';
import type { ImportOptions } from '../options.js';
import type { ExpressionTable, MetadataColumn } from '../types.js';
import type { ImportWarning } from '../../api/import-warning.js';
import { uniqueCellIds, uniqueGeneNames } from '../unique-names.js';
import { isNumericLooking } from '../numeric-names.js';
import { readControl, type Hdf5File } from './h5-file.js';
import { metadataColumnOf } from '../numeric-column.js';
import { readDataFrame, type DataFrame } from './h5ad-frame.js';
import { describeMatrix, readMatrix, type MatrixElement } from './h5ad-matrix.js';
import { categoryColors } from './h5ad-colors.js';
import { log1pBase } from './h5ad-log-base.js';
import { embeddingOfMatrix } from '../../api/matrix-input.js';
import {
  availableMatrices,
  chooseMatrix,
  matrixGenes,
  otherMatrices,
  readableEmbeddings,
} from './h5ad-choice.js';

/** var columns holding gene names when the var index is only numbers, in order of preference. */
const GENE_NAME_COLUMNS = [
  'feature_name',
  'gene_symbols',
  'gene_symbol',
  'gene_name',
  'gene_names',
  'gene_ids',
];

/** Gene names: the var index, or a name column when the index is only row numbers (cellxgene files). */
function geneNames(frame: DataFrame, path: string, warnings: ImportWarning[]): string[] {
  let names = frame.index;
  let where = `the ${path} index`;
  if (isNumericLooking(names)) {
    const column = GENE_NAME_COLUMNS.map((c) => frame.columns.find((col) => col.name === c)).find(Boolean);
    if (column) {
      names = column.values;
      where = `${path}/${column.name}`;
      warnings.push({
        code: 'gene-names-from-column',
        message: `The ${path} index holds only numbers; gene names were taken from its "${column.name}" column.`,
      });
    }
  }
  const unique = uniqueGeneNames(
    names,
    (at) => `entry ${at.repeat + 1} of ${where} repeats entry ${at.earlier + 1}`,
  );
  if (unique.warning) warnings.push(unique.warning);
  return unique.names;
}

function checkShape(
  h5: Hdf5File,
  element: MatrixElement,
  cells: number,
  genes: number | undefined,
  varPath?: string,
) {
  const shape = `${countText(element.rows)} × ${countText(element.cols)}`;
  if (element.rows !== cells) {
    throw h5.fail(
      `/${element.path.replace(/^\//, '')}`,
      `the matrix is ${shape} but obs has ${countText(cells)} cells; the file is inconsistent (was it edited outside anndata?).`,
    );
  }
  if (genes !== undefined && element.cols !== genes) {
    throw h5.fail(
      `/${element.path.replace(/^\//, '')}`,
      `the matrix is ${shape} but ${varPath} has ${countText(genes)} genes; the file is inconsistent (was it edited outside anndata?).`,
    );
  }
}

/** Reads an h5ad file already opened. */
export async function readH5ad(h5: Hdf5File, options: ImportOptions): Promise<ExpressionTable> {
  const warnings: ImportWarning[] = [];
  const available = availableMatrices(h5);
  const embeddings = readableEmbeddings(h5);
  const choice = chooseMatrix(h5, options, available, embeddings);
  if (choice.warning) warnings.push(choice.warning);
  const obs = readDataFrame(h5, '/obs', warnings);
  const element = describeMatrix(h5, `/${choice.matrix}`);
  let genes: string[];
  let geneAnnotations: MetadataColumn[] = [];
  let geneIndexName = '_index';
  if (choice.var) {
    const varFrame = readDataFrame(h5, choice.var, []);
    geneIndexName = varFrame.indexName;
    checkShape(h5, element, obs.index.length, varFrame.index.length, choice.var);
    genes = geneNames(varFrame, choice.var, warnings);
    geneAnnotations = varFrame.columns.map(metadataColumnOf);
  } else {
    checkShape(h5, element, obs.index.length, undefined);
    const base = embeddingOfMatrix(choice.matrix) ?? choice.matrix;
    genes = Array.from({ length: element.cols }, (_, i) => `${base}_${i + 1}`);
  }
  // an obsm embedding (no var) is no count matrix: its integers may be below 0
  const values = await readMatrix(
    h5,
    element,
    readControl(options),
    choice.var ? { cells: obs.index, genes } : undefined,
  );
  const ids = uniqueCellIds(
    obs.index,
    'cell ids (obs_names)',
    (at) => `entry ${at.repeat + 1} of /obs/${obs.indexName} repeats entry ${at.earlier + 1}`,
  );
  if (ids.warning) warnings.push(ids.warning);
  // a float or integer column stays held as its numbers, its text made when first read
  const metadata: MetadataColumn[] = obs.columns.map(metadataColumnOf);
  const colors = categoryColors(h5, obs.columns, warnings);
  const layers = otherMatrices(h5, available, choice.matrix);
  const base = choice.var ? log1pBase(h5, warnings) : undefined;
  return {
    source: h5.name,
    idColumn: obs.indexName === '_index' ? 'obs_names' : obs.indexName,
    ids: ids.ids,
    genes,
    values,
    metadata,
    warnings,
    missingValues: 0,
    format: {
      kind: 'h5ad',
      matrix: choice.matrix,
      layers,
      layerGenes: matrixGenes(h5, layers),
      obsm: h5.keys('/obsm'),
      embeddings,
    },
    ...(Object.keys(colors).length > 0 ? { categoryColors: colors } : {}),
    ...(geneAnnotations.length > 0 ? { geneAnnotations } : {}),
    ...(geneIndexName !== '_index' ? { geneIndexName } : {}),
    ...(base !== undefined ? { log1pBase: base } : {}),
  };
}
