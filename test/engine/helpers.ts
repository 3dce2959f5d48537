/** Small tables for engine tests: synthetic clusters built in memory, and the real files in shared/data. */
import type { ExpressionTable } from '../../src/data/types.js';
import { randomNormal, seededRandom } from '../../src/util/random.js';

/**
 * `classes` Gaussian blobs of `perClass` cells in `genes` dimensions, centres `separation` apart on
 * different genes, so a working pipeline must separate them and a broken one cannot by luck.
 */
export function blobTable(
  options: { classes?: number; perClass?: number; genes?: number; separation?: number; seed?: number } = {},
): ExpressionTable {
  const { classes = 3, perClass = 30, genes = 20, separation = 4, seed = 1 } = options;
  const random = seededRandom(seed);
  const rows = classes * perClass;
  const data = new Float32Array(rows * genes);
  const ids: string[] = [];
  const labels: string[] = [];
  for (let r = 0; r < rows; r++) {
    const c = r % classes;
    ids.push(`cell_${r}`);
    labels.push(`type_${c}`);
    for (let g = 0; g < genes; g++) {
      data[r * genes + g] = randomNormal(random) + (g % classes === c ? separation : 0);
    }
  }
  return {
    source: 'synthetic-blobs',
    idColumn: 'cell',
    ids,
    genes: Array.from({ length: genes }, (_, g) => `gene_${g}`),
    values: { data, rows, cols: genes },
    metadata: [{ name: 'cell_type', values: labels }],
    warnings: [],
  };
}

/** `blobTable` as an h5ad's embedding read as the input (`--input obsm:X_pca`), its columns X_pca_1…. */
export function embeddingTable(): ExpressionTable {
  const blobs = blobTable();
  return {
    ...blobs,
    source: 'std.h5ad',
    genes: blobs.genes.map((_, g) => `X_pca_${g + 1}`),
    format: { kind: 'h5ad', matrix: 'obsm/X_pca', layers: [], obsm: ['X_pca'] },
  };
}
