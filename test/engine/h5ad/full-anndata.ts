/**
 * An h5ad as a scanpy user keeps it after normalising: the fixture lognorm.h5ad (log-normalised CSR X of 25
 * genes, layers/counts, raw with all 30 genes) plus, written here with h5wasm, obsm entries (X_pca to train
 * on, X_umap as float64, an earlier map X_tripletlens), obsp as sc.pp.neighbors leaves it (connectivities
 * CSR float32, distances CSR float64), varm/PCs (25 genes × 3, float64), raw/varm/PCs (30 raw genes × 3,
 * float64), varp/corr (25 × 25) and the elements a result must leave
 * out: an obsm entry with a row short, an obsm dataframe, a layer that is not cells × genes, an obsp entry
 * not cells × cells and a varm entry with a row short. Also a gzip-compressed dense layer, for the copy's
 * compression.
 */
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Group } from 'h5wasm/node';
import { setEncoding, writeDataFrame, writeDense } from '../../../src/engine/h5ad/anndata-elements.js';
import { loadH5wasm } from '../../../src/engine/h5ad/h5wasm-module.js';
import { packageRoot } from '../../../src/util/paths.js';

/** The fixture the file starts from. */
export const LOGNORM_H5AD = join(packageRoot(), 'test', 'fixtures', 'formats', 'lognorm.h5ad');

const CELLS = 40;
const GENES = 25;
const RAW_GENES = 30;

/** Seed-free, distinct values: row r, column c → r + c / 10 + offset. */
function values(rows: number, cols: number, offset: number): Float32Array {
  return Float32Array.from(
    { length: rows * cols },
    (_, k) => Math.floor(k / cols) + (k % cols) / 10 + offset,
  );
}

/** A dense `array` element of any numeric typed array, optionally gzip-compressed. */
function writeArray(
  parent: Group,
  name: string,
  data: Float32Array | Float64Array,
  shape: [number, number],
  gzip?: number,
): void {
  const compression =
    gzip === undefined ? {} : { chunks: [8, shape[1]], compression: 'gzip' as const, compression_opts: gzip };
  const dataset = parent.create_dataset({ name, data, shape, ...compression });
  setEncoding(dataset, 'array', '0.2.0');
}

/** A `csr_matrix` element of `rows` × `cols` holding `perRow` values a row, at columns (r + k·7) mod cols. */
function writeSparse(
  parent: Group,
  name: string,
  [rows, cols]: [number, number],
  perRow: number,
  float64: boolean,
): void {
  const group = parent.create_group(name);
  setEncoding(group, 'csr_matrix', '0.1.0');
  group.create_attribute('shape', new BigInt64Array([BigInt(rows), BigInt(cols)]), [2], '<q');
  const indices = Int32Array.from({ length: rows * perRow }, (_, k) => {
    const r = Math.floor(k / perRow);
    return (r + 1 + (k % perRow) * 7) % cols;
  });
  // columns ascending within a row, as scipy keeps them canonical
  for (let r = 0; r < rows; r++) indices.subarray(r * perRow, (r + 1) * perRow).sort();
  const values = values32(rows * perRow, 0.125);
  group.create_dataset({ name: 'data', data: float64 ? Float64Array.from(values, (v) => v + 1e-9) : values });
  group.create_dataset({ name: 'indices', data: indices });
  group.create_dataset({ name: 'indptr', data: Int32Array.from({ length: rows + 1 }, (_, r) => r * perRow) });
}

/** `n` distinct float32 values k / 8 + offset. */
function values32(n: number, offset: number): Float32Array {
  return Float32Array.from({ length: n }, (_, k) => k / 8 + offset);
}

/**
 * Writes the file at `path` (see the file comment); `refused` false leaves out the elements a result must
 * leave out (anndata itself cannot open a file with them).
 */
export async function writeFullAnnData(path: string, refused = true): Promise<void> {
  await copyFile(LOGNORM_H5AD, path);
  const h5wasm = await loadH5wasm();
  const f = new h5wasm.File(path, 'a');
  try {
    const obsm = f.get('obsm') as Group;
    writeDense(obsm, 'X_pca', { rows: CELLS, cols: 3, data: values(CELLS, 3, 0.5) });
    writeArray(
      obsm,
      'X_umap',
      Float64Array.from(values(CELLS, 2, 0.25), (v) => v + 1e-9),
      [CELLS, 2],
    );
    writeDense(obsm, 'X_tripletlens', { rows: CELLS, cols: 2, data: values(CELLS, 2, 7) });
    const layers = f.get('layers') as Group;
    writeArray(layers, 'scaled', values(CELLS, GENES, 0), [CELLS, GENES], 5);
    const obsp = f.get('obsp') as Group;
    writeSparse(obsp, 'connectivities', [CELLS, CELLS], 4, false);
    writeSparse(obsp, 'distances', [CELLS, CELLS], 3, true);
    const pcs = Float64Array.from(values(GENES, 3, 0.75), (v) => v / 100 + 1e-9);
    writeArray(f.get('varm') as Group, 'PCs', pcs, [GENES, 3]);
    writeArray(f.get('varp') as Group, 'corr', values(GENES, GENES, 0.5), [GENES, GENES]);
    // scanpy's PCA on the normalised data before `adata.raw = adata` leaves its loadings in raw.varm
    const rawPcs = Float64Array.from(values(RAW_GENES, 3, 0.5), (v) => v / 100 + 1e-9);
    writeArray(f.get('raw/varm') as Group, 'PCs', rawPcs, [RAW_GENES, 3]);
    if (!refused) return;
    writeSparse(obsp, 'odd', [CELLS, CELLS - 1], 2, false);
    writeDense(f.get('varm') as Group, 'short', { rows: GENES - 1, cols: 2, data: values(GENES - 1, 2, 0) });
    writeDense(obsm, 'X_short', { rows: CELLS - 1, cols: 2, data: values(CELLS - 1, 2, 0) });
    const ids = Array.from({ length: CELLS }, (_, i) => `c${i}`);
    writeDataFrame(obsm, 'X_frame', ids, [{ name: 'CD3', numbers: new Float64Array(CELLS).fill(2) }]);
    writeDense(layers, 'odd', { rows: CELLS, cols: GENES - 1, data: values(CELLS, GENES - 1, 0) });
  } finally {
    f.close();
  }
}
