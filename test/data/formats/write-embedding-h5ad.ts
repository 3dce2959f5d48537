/**
 * Writes a small h5ad as a scanpy / scvi-tools pipeline leaves it — counts in X, `obs['cell_type']`, and
 * per-cell embeddings in obsm (X_pca, X_scVI, X_umap…) — through the result writer's AnnData elements
 * (src/engine/h5ad/anndata-elements.ts), so tests need no Python. The embeddings separate the classes (a class
 * centre plus seeded noise); X can be left out (X is None) or have no columns, and an obsm entry can be a
 * dataframe, for the files a user would stumble on.
 */
import {
  writeCsr,
  writeDataFrame,
  writeDict,
  writeDense,
  setEncoding,
} from '../../../src/engine/h5ad/anndata-elements.js';
import { loadH5wasm } from '../../../src/engine/h5ad/h5wasm-module.js';
import { seededRandom } from '../../../src/util/random.js';
import type { CsrMatrix } from '../../../src/api/matrix.js';

/** The classes of `obs['cell_type']`, in the cells' repeating order. */
export const EMBEDDING_CLASSES = ['B cell', 'Monocyte', 'NK cell', 'T cell'] as const;

export interface EmbeddingH5adSpec {
  /** Cells (a multiple of the four classes reads best). Default 80. */
  cells?: number;
  /** Genes of X (counts, CSR). Default 30. */
  genes?: number;
  /** 'counts' (default), 'none' (X is None: no X element) or 'empty' (cells × 0). */
  x?: 'counts' | 'none' | 'empty';
  /** Also write the counts as layers/counts. Default false. */
  countsLayer?: boolean;
  /** obsm entries: a width (a dense float32 array) or 'dataframe' (named columns). Default { X_pca: 20, X_umap: 2 }. */
  obsm?: Record<string, number | 'dataframe'>;
}

/** Writes the file at `path` (overwriting it). */
export async function writeEmbeddingH5ad(path: string, spec: EmbeddingH5adSpec = {}): Promise<void> {
  const cells = spec.cells ?? 80;
  const genes = spec.genes ?? 30;
  const random = seededRandom(7);
  const classOf = (row: number) => row % EMBEDDING_CLASSES.length;
  const h5wasm = await loadH5wasm();
  const file = new h5wasm.File(path, 'w');
  try {
    setEncoding(file, 'anndata', '0.1.0');
    if (spec.x !== 'none') {
      const cols = spec.x === 'empty' ? 0 : genes;
      writeCsr(file, 'X', countsCsr(cells, cols, classOf, random));
    }
    const ids = Array.from({ length: cells }, (_, i) => `cell_${i}`);
    const labels = ids.map((_, i) => EMBEDDING_CLASSES[classOf(i)]);
    writeDataFrame(file, 'obs', ids, [{ name: 'cell_type', values: labels, as: 'categorical' }]);
    const geneNames = Array.from({ length: spec.x === 'empty' ? 0 : genes }, (_, g) => `GENE${g + 1}`);
    // X is None: var still names the layers' genes (none without a layer)
    const varNames = spec.x === 'none' && !spec.countsLayer ? [] : geneNames;
    writeDataFrame(file, 'var', varNames, []);
    const obsm = writeDict(file, 'obsm');
    for (const [name, width] of Object.entries(spec.obsm ?? { X_pca: 20, X_umap: 2 })) {
      if (width === 'dataframe') {
        const counts = ids.map((_, i) => String(classOf(i) * 10 + Math.floor(random() * 5)));
        writeDataFrame(obsm, name, ids, [{ name: 'CD3', numbers: Float64Array.from(counts, Number) }]);
      } else {
        writeDense(obsm, name, { rows: cells, cols: width, data: embedding(cells, width, classOf, random) });
      }
    }
    const layers = writeDict(file, 'layers');
    if (spec.countsLayer) writeCsr(layers, 'counts', countsCsr(cells, genes, classOf, random));
    for (const name of ['obsp', 'varm', 'varp', 'uns']) writeDict(file, name);
  } finally {
    file.close();
  }
}

/** Non-negative integer counts, a few genes per class raised (X: what scanpy reads as raw counts). */
function countsCsr(
  cells: number,
  cols: number,
  classOf: (row: number) => number,
  random: () => number,
): CsrMatrix {
  const indptr = new Float64Array(cells + 1);
  const indices: number[] = [];
  const data: number[] = [];
  for (let r = 0; r < cells; r++) {
    for (let g = 0; g < cols; g++) {
      const value = Math.floor(random() * 3) + (g % 4 === classOf(r) ? 5 : 0);
      if (value > 0) {
        indices.push(g);
        data.push(value);
      }
    }
    indptr[r + 1] = indices.length;
  }
  return {
    format: 'csr',
    rows: cells,
    cols,
    indptr,
    indices: Int32Array.from(indices),
    data: Float32Array.from(data),
  };
}

/** cells × width float32: each class around its own centre (±4 on one axis), unit-ish noise. */
function embedding(cells: number, width: number, classOf: (row: number) => number, random: () => number) {
  const data = new Float32Array(cells * width);
  for (let r = 0; r < cells; r++) {
    for (let c = 0; c < width; c++) {
      const centre = c === classOf(r) % width ? 4 : 0;
      data[r * width + c] = centre + (random() - 0.5) * 2;
    }
  }
  return data;
}
