// Tiny HDF5 expression files written with h5wasm in each format's layout (h5ad with dense X, loom, Cell
// Ranger v3 .h5), for tests that need one odd detail — repeated ids, an empty matrix — without a binary
// fixture. Values: cell i has i in its first gene and 1 in the others.
import { loadH5wasm } from '../../../src/engine/h5ad/h5wasm-module.js';

type H5File = InstanceType<Awaited<ReturnType<typeof loadH5wasm>>['File']>;

async function writeWith(path: string, fill: (f: H5File) => void): Promise<void> {
  const h5wasm = await loadH5wasm();
  const f = new h5wasm.File(path, 'w');
  try {
    fill(f);
  } finally {
    f.close();
  }
}

/** cells × genes values, row-major: cell i has i in its first gene and 1 in the others. */
function values(cells: number, genes: number): Float32Array {
  return Float32Array.from({ length: cells * genes }, (_, k) =>
    k % genes === 0 ? Math.floor(k / genes) : 1,
  );
}

/**
 * An h5ad with a dense X (`x`, row-major; default as above; null: no X, anndata's X None), obs_names `ids`,
 * var_names `genes` and, when given, obsm['X_pca'] (`pca`, row-major, 2 columns).
 */
export function writeTinyH5ad(
  path: string,
  ids: string[],
  genes = ['G1', 'G2'],
  x: Float32Array | Float64Array | Int32Array | null = values(ids.length, genes.length),
  pca?: Float32Array,
): Promise<void> {
  return writeWith(path, (f) => {
    f.create_attribute('encoding-type', 'anndata');
    f.create_attribute('encoding-version', '0.1.0');
    if (x) {
      const dataset = f.create_dataset({ name: 'X', data: x, shape: [ids.length, genes.length] });
      dataset.create_attribute('encoding-type', 'array');
      dataset.create_attribute('encoding-version', '0.2.0');
    }
    if (pca) f.create_group('obsm').create_dataset({ name: 'X_pca', data: pca, shape: [ids.length, 2] });
    writeFrames(f, ids, genes);
  });
}

/** A sparse X's parts as stored, each free to disagree with the others (for damaged-file tests). */
export interface SparseParts {
  encoding: 'csr_matrix' | 'csc_matrix';
  shape: [number, number];
  data: Float32Array | Int32Array;
  indices: Int32Array;
  indptr: Int32Array;
}

/** An h5ad whose X is the sparse matrix `x`, with obs_names `ids` and var_names `genes`. */
export function writeTinySparseH5ad(
  path: string,
  ids: string[],
  genes: string[],
  x: SparseParts,
): Promise<void> {
  return writeWith(path, (f) => {
    f.create_attribute('encoding-type', 'anndata');
    f.create_attribute('encoding-version', '0.1.0');
    const group = f.create_group('X');
    group.create_attribute('encoding-type', x.encoding);
    group.create_attribute('encoding-version', '0.1.0');
    group.create_attribute('shape', BigInt64Array.from(x.shape, BigInt));
    group.create_dataset({ name: 'data', data: x.data });
    group.create_dataset({ name: 'indices', data: x.indices });
    group.create_dataset({ name: 'indptr', data: x.indptr });
    writeFrames(f, ids, genes);
  });
}

/** Empty obs and var dataframes indexed by `ids` and `genes`, as anndata writes them. */
function writeFrames(f: H5File, ids: string[], genes: string[]): void {
  for (const [name, index] of [
    ['obs', ids],
    ['var', genes],
  ] as const) {
    const frame = f.create_group(name);
    frame.create_attribute('encoding-type', 'dataframe');
    frame.create_attribute('encoding-version', '0.2.0');
    frame.create_attribute('_index', '_index');
    frame.create_attribute('column-order', []);
    frame.create_dataset({ name: '_index', data: [...index] });
  }
}

/** A loom (genes × cells matrix, left out without `withMatrix`) with col_attrs/CellID `ids` and row_attrs/Gene `genes`. */
export function writeTinyLoom(
  path: string,
  ids: string[],
  genes = ['G1', 'G2'],
  withMatrix = true,
): Promise<void> {
  return writeWith(path, (f) => {
    f.create_group('row_attrs').create_dataset({ name: 'Gene', data: genes });
    f.create_group('col_attrs').create_dataset({ name: 'CellID', data: ids });
    if (!withMatrix) return;
    const byCell = values(ids.length, genes.length);
    const byGene = Float32Array.from({ length: byCell.length }, (_, k) => {
      const [gene, cell] = [Math.floor(k / ids.length), k % ids.length];
      return byCell[cell * genes.length + gene];
    });
    f.create_dataset({ name: 'matrix', data: byGene, shape: [genes.length, ids.length] });
  });
}

/**
 * A Cell Ranger v3 .h5 with barcodes `barcodes` and features `genes` (one count a cell: barcode i's is in
 * feature i modulo the features); `featuresGroup` names the features group (default 'features'; another name
 * mimics a damaged one); `types` their feature_type (default: all 'Gene Expression').
 */
export function writeTinyTenxH5(
  path: string,
  barcodes: string[],
  genes = ['G1', 'G2'],
  featuresGroup = 'features',
  types = genes.map(() => 'Gene Expression'),
): Promise<void> {
  return writeWith(path, (f) => {
    const m = f.create_group('matrix');
    m.create_dataset({ name: 'barcodes', data: barcodes });
    m.create_dataset({ name: 'data', data: Int32Array.from(barcodes, () => 1) });
    m.create_dataset({
      name: 'indices',
      data: BigInt64Array.from(barcodes, (_, i) => BigInt(i % genes.length)),
    });
    m.create_dataset({
      name: 'indptr',
      data: BigInt64Array.from([0, ...barcodes.map((_, i) => i + 1)], BigInt),
    });
    m.create_dataset({ name: 'shape', data: new Int32Array([genes.length, barcodes.length]) });
    const features = m.create_group(featuresGroup);
    features.create_dataset({ name: 'name', data: genes });
    features.create_dataset({ name: 'id', data: genes.map((g) => `ENSG_${g}`) });
    features.create_dataset({ name: 'feature_type', data: types });
  });
}
