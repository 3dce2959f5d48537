/**
 * Cell Ranger's HDF5 matrix (`filtered_feature_bc_matrix.h5`) → ExpressionTable. Both layouts store CSC
 * features × cells, which is CSR cells × features, so the matrix is read as is:
 * - v3+: `matrix/{data,indices,indptr,shape,barcodes}` and `matrix/features/{name,id,feature_type}`; only
 *   'Gene Expression' features are kept (antibody capture, CRISPR guides… are dropped, with a warning);
 * - v2: one group per genome, `<genome>/{data,indices,indptr,shape,barcodes,genes,gene_names}`.
 * The gene ids, feature types and other feature annotations become the table's gene annotations.
 */
import { countText } from '../../api/count-text.js';
import { DataImportError, shownValue } from '../errors.js';
import { refuseMatrixOption } from '../format-options.js';
import type { ImportOptions } from '../options.js';
import type { ExpressionTable } from '../types.js';
import type { ImportWarning } from '../../api/import-warning.js';
import { GENES_INPUT } from '../../api/matrix-input.js';
import { uniqueCellIds, uniqueGeneNames } from '../unique-names.js';
import { readControl, type Hdf5File } from './h5-file.js';
import { readCompressed, type StoredValue } from './h5-sparse.js';
import { tenxGeneAnnotations } from './tenx-gene-annotations.js';
import { featureWord } from './negative-counts.js';
import { featuresDroppedWarning, GENE_EXPRESSION } from './features-dropped.js';

const V2_MEMBERS = ['data', 'indices', 'indptr', 'shape', 'barcodes', 'genes'];

/** The v2 genome group ('/GRCh38'), when the file has that layout. */
export function tenxV2Group(h5: Hdf5File): string | undefined {
  return h5
    .keys('/')
    .map((k) => `/${k}`)
    .find((g) => h5.isGroup(g) && V2_MEMBERS.every((m) => h5.isDataset(`${g}/${m}`)));
}

/** The members every Cell Ranger matrix group holds, v2 and v3 alike. */
const MATRIX_MEMBERS = ['barcodes', 'data', 'indices', 'indptr', 'shape'];

/**
 * A top-level group that holds a Cell Ranger matrix's members but not all it needs (its features, genes…
 * missing or unreadable, as HDF5 reads a damaged name), with what is missing; undefined when there is none.
 * Called once the file is none of the three layouts: such a file is a damaged Cell Ranger .h5, not another kind.
 */
export function damagedTenxGroup(h5: Hdf5File): { group: string; missing: string[] } | undefined {
  for (const key of h5.keys('/')) {
    const group = `/${key}`;
    if (!h5.isGroup(group)) continue;
    const has = (m: string) =>
      m === 'features' ? h5.isGroup(`${group}/${m}`) : h5.isDataset(`${group}/${m}`);
    // two members of a matrix listed, one of them Cell Ranger's own (barcodes, or the group /matrix): one name
    // or object a damaged byte changed leaves the group recognisable, and a scipy matrix elsewhere (an h5ad's
    // X) is not one
    const names = h5.keys(group);
    const listed = MATRIX_MEMBERS.filter((m) => names.includes(m));
    if (listed.length < 2 || !(key === 'matrix' || listed.includes('barcodes'))) continue;
    const needed = key === 'matrix' ? [...MATRIX_MEMBERS, 'features'] : V2_MEMBERS;
    const missing = needed.filter((m) => !has(m));
    if (missing.length > 0) return { group, missing };
  }
  return undefined;
}

/** True for the v3 layout. */
export function isTenxV3(h5: Hdf5File): boolean {
  return h5.isGroup('/matrix') && h5.isGroup('/matrix/features') && h5.isDataset('/matrix/indptr');
}

function readShape(h5: Hdf5File, group: string): [number, number] {
  const shape = Array.from(h5.readNumbers(`${group}/shape`));
  if (shape.length !== 2 || !shape.every((n) => Number.isInteger(n) && n >= 0)) {
    throw h5.fail(`${group}/shape`, `expected two sizes (features, cells), found ${shape.join(', ')}.`);
  }
  return [shape[0], shape[1]];
}

function namesOf(h5: Hdf5File, path: string, expected: number, what: string): string[] {
  const names = h5.readStrings(path);
  if (names.length !== expected) {
    throw h5.fail(
      path,
      `${countText(names.length)} ${what} listed but the matrix shape says ${countText(expected)}.`,
    );
  }
  return names;
}

/**
 * The error for a negative stored value: Cell Ranger's values are UMI counts (as a MatrixMarket integer
 * file's, which refuses one too), so the file is damaged or was not written by Cell Ranger. Names the entry,
 * its barcode and its feature as stored, with the feature's type when it is not Gene Expression (`types`:
 * features/feature_type, undefined without one).
 */
function negativeCount(
  h5: Hdf5File,
  group: string,
  at: StoredValue,
  barcodes: string[],
  features: string[],
  types: string[] | undefined,
): Error {
  const what = featureWord(types?.[at.column]);
  return h5.fail(
    `${group}/data`,
    `the count ${at.value} at entry ${at.entry + 1} (cell ${at.row + 1}, barcode "${shownValue(barcodes[at.row])}"; ${what} ${at.column + 1}, "${shownValue(features[at.column])}") is negative; Cell Ranger's values are UMI counts, which cannot be below 0.`,
  );
}

/** Reads a Cell Ranger .h5 file already opened (v3 when `matrix/features` exists, else v2). */
export async function readTenxH5(h5: Hdf5File, options: ImportOptions): Promise<ExpressionTable> {
  // nothing to choose: the CLI is told to leave its flag out, the page to set its Matrix field back
  const oneMatrix = 'it holds one count matrix, and no layers or embeddings (obsm) to choose from.';
  const why = { cli: oneMatrix, app: oneMatrix };
  if (options.input !== undefined && options.input !== GENES_INPUT) {
    throw refuseMatrixOption(h5.name, 'input', options.input, '10x-h5', why);
  }
  if (options.layer !== undefined && options.layer !== 'X') {
    throw refuseMatrixOption(h5.name, 'layer', options.layer, '10x-h5', why);
  }
  const warnings: ImportWarning[] = [];
  const v3 = isTenxV3(h5);
  const group = v3 ? '/matrix' : tenxV2Group(h5);
  if (!group) throw new DataImportError('bad-structure', h5.name, 'no Cell Ranger matrix group found.');
  if (!v3) {
    const genomes = h5.keys('/').filter((k) => h5.isGroup(`/${k}`));
    if (genomes.length > 1) {
      warnings.push({
        code: 'genomes-skipped',
        message: `The file holds ${genomes.length} genomes (${genomes.join(', ')}); only ${group.slice(1)} was read.`,
      });
    }
  }
  const [features, cells] = readShape(h5, group);
  h5.checkSize(`${group}/shape`, cells, features);
  const barcodeNames = namesOf(h5, `${group}/barcodes`, cells, 'barcodes');
  const barcodes = uniqueCellIds(
    barcodeNames,
    'barcodes',
    (at) => `entry ${at.repeat + 1} of ${group}/barcodes repeats entry ${at.earlier + 1}`,
  );
  if (barcodes.warning) warnings.push(barcodes.warning);
  const names = namesOf(h5, v3 ? `${group}/features/name` : `${group}/gene_names`, features, 'features');

  let columnMap: Int32Array | undefined;
  let kept: boolean[] | undefined;
  let types: string[] | undefined;
  let genes = names;
  if (v3 && h5.isDataset(`${group}/features/feature_type`)) {
    types = namesOf(h5, `${group}/features/feature_type`, features, 'feature types');
    const keep = types.map((t) => t === GENE_EXPRESSION);
    const dropped = keep.filter((k) => !k).length;
    if (dropped > 0) {
      if (dropped === features) {
        throw h5.fail(
          `${group}/features/feature_type`,
          `none of the ${countText(features)} features is "${GENE_EXPRESSION}".`,
        );
      }
      const counts = new Map<string, number>();
      types.forEach((t, i) => !keep[i] && counts.set(t, (counts.get(t) ?? 0) + 1));
      warnings.push(featuresDroppedWarning(counts, features - dropped));
      kept = keep;
      columnMap = new Int32Array(features);
      let next = 0;
      keep.forEach((k, i) => (columnMap![i] = k ? next++ : -1));
      genes = names.filter((_, i) => keep[i]);
    }
  }
  // the kept features' entries in the file (Antibody Capture… left out), for the repeat's place
  const entries = kept ? kept.flatMap((k, i) => (k ? [i + 1] : [])) : names.map((_, i) => i + 1);
  const namesPath = v3 ? `${group}/features/name` : `${group}/gene_names`;
  const uniqueGenes = uniqueGeneNames(
    genes,
    (at) => `entry ${entries[at.repeat]} of ${namesPath} repeats entry ${entries[at.earlier]}`,
  );
  if (uniqueGenes.warning) warnings.push(uniqueGenes.warning);
  const values = await readCompressed(
    h5,
    {
      group,
      rows: cells,
      cols: uniqueGenes.names.length,
      major: 'row',
      columnMap,
      refuseNegative: (at) => negativeCount(h5, group, at, barcodeNames, names, types),
    },
    readControl(options),
  );
  const geneAnnotations = tenxGeneAnnotations(h5, group, v3, features, kept, warnings);
  return {
    source: h5.name,
    idColumn: 'barcode',
    ids: barcodes.ids,
    genes: uniqueGenes.names,
    values,
    metadata: [],
    warnings,
    missingValues: 0,
    format: { kind: '10x-h5', matrix: group.slice(1), layers: [], obsm: [] },
    ...(geneAnnotations.length > 0 ? { geneAnnotations } : {}),
  };
}
