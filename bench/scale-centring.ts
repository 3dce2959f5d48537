/**
 * False-alarm check of the centring rule (src/engine/centring.ts, the scale check's third rule): for each real
 * dataset, format fixture and the bundled sample, a recipe fitted with the engine defaults (without the PCA,
 * which the rule does not read) on the file as given, then the scale check of queries of the same cells as
 * given, z-scored per gene (as sc.pp.scale leaves X) and, for counts, log-normalised (CP10k, log1p); and the
 * same for a recipe fitted on the z-scored copy; each recipe fitted with the z-score and without it (--no-zscore,
 * judged by the spreads its recipe stores). Prints one line a file: which warning each query got.
 * Run: npx tsx bench/scale-centring.ts
 */
import { join } from 'node:path';
import { importTable } from '../src/data/import-table.js';
import { asDense } from '../src/data/sparse.js';
import { fitPreprocess } from '../src/preprocess/index.js';
import { scaleMismatch } from '../src/engine/scale-mismatch.js';
import type { DenseMatrix } from '../src/api/matrix.js';
import { looksLikeCounts } from '../src/data/counts.js';
import { packageRoot, sharedDataPath } from '../src/util/paths.js';
import { zscoredByGene } from '../test/engine/scaled-by-gene.js';

const FORMATS = join(packageRoot(), 'test', 'fixtures', 'formats');
const FILES = [
  ...[
    'pbmc68k_reduced_lognorm.csv',
    'pbmc68k_reduced_counts.csv',
    'pbmc_small_lognorm.csv',
    'pbmc_small_counts.csv',
    'golub_leukemia.csv',
    'tissue_gene_expression.csv',
    'sklearn_digits.csv',
    'sklearn_iris.csv',
  ].map((f) => sharedDataPath(f)),
  join(packageRoot(), 'samples', 'pbmc68k_reduced_lognorm.csv'),
  ...['cells.csv', 'lognorm.h5ad', 'csr.h5ad', 'csc.h5ad', 'dense.h5ad', 'cells.loom', 'tenx-v3.h5'].map(
    (f) => join(FORMATS, f),
  ),
];

function lognorm(m: DenseMatrix): DenseMatrix {
  const data = new Float32Array(m.data.length);
  for (let r = 0; r < m.rows; r++) {
    let total = 0;
    for (let c = 0; c < m.cols; c++) total += m.data[r * m.cols + c];
    for (let c = 0; c < m.cols; c++)
      data[r * m.cols + c] = Math.log1p((m.data[r * m.cols + c] / total) * 1e4);
  }
  return { rows: m.rows, cols: m.cols, data };
}

const verdict = (w: string | undefined) =>
  w === undefined
    ? 'none'
    : /holds values centred per gene/.test(w)
      ? 'SCALED-QUERY'
      : /trained on values centred/.test(w)
        ? 'UNCENTRED-QUERY'
        : /raw counts \(it normalises/.test(w)
          ? 'not-counts'
          : 'counts-given';

for (const file of FILES) {
  const table = await importTable(file);
  const given = asDense(table.values);
  const queries: [string, DenseMatrix][] = [
    ['given', given],
    ['z-scored', zscoredByGene(given)],
  ];
  if (looksLikeCounts(given)) queries.push(['log-normalised', lognorm(given)]);
  const parts: string[] = [];
  for (const [trainedOn, training] of [
    ['given', given],
    ['z-scored', zscoredByGene(given)],
  ] as const) {
    // with the z-score (the default) and without it (--no-zscore: the recipe's spreads are the yardstick)
    for (const zscore of [true, false]) {
      const { recipe } = await fitPreprocess(training, table.genes, { pcaComponents: 0, zscore });
      const got = queries.map(([name, q]) => `${name} ${verdict(scaleMismatch(recipe, q, 'q'))}`);
      parts.push(`trained on ${trainedOn}${zscore ? '' : ' (no z-score)'}: ${got.join(', ')}`);
    }
  }
  console.log(`${file.split('/').slice(-1)[0]} (${given.rows} × ${given.cols}) | ${parts.join(' | ')}`);
}
