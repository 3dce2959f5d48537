/**
 * The labelled datasets the benchmarks use: real ones from ../shared/data beside the package, and the
 * comparison's generated image-like case (issue 15 goal 1).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ExpressionTable } from '../../src/data/types.js';
import { importTable } from '../../src/data/index.js';
import { initBackend } from '../../src/backend/index.js';
import { packageRoot, sharedDataPath } from '../../src/util/paths.js';
import { imageLikeTable } from './image-like.js';

export interface BenchDataset {
  /** Short name used in results and tables. */
  name: string;
  /** The file in the shared data folder; for a generated dataset, a description of the generator. */
  file: string;
  labelColumn: string;
  /** Makes the table in memory instead of reading `file` (seeded; the tfjs backend must be initialised). */
  generate?: () => ExpressionTable;
}

/** The comparison's datasets (issue 6), smallest first so a failure shows up early. */
export const COMPARISON_DATASETS: BenchDataset[] = [
  { name: 'golub_leukemia', file: 'golub_leukemia.csv', labelColumn: 'label' },
  { name: 'tissue_gene_expression', file: 'tissue_gene_expression.csv', labelColumn: 'label' },
  { name: 'pbmc68k_reduced_lognorm', file: 'pbmc68k_reduced_lognorm.csv', labelColumn: 'label' },
  { name: 'sklearn_digits', file: 'sklearn_digits.csv', labelColumn: 'label' },
  { name: 'fashion_mnist_test', file: 'fashion_mnist_test.csv.gz', labelColumn: 'label' },
  {
    name: 'image_like_70000',
    file: 'generated: bench/lib/image-like.ts, 70 000 × 784, 300 directions, 10 classes, seed 0',
    labelColumn: 'label',
    generate: () => imageLikeTable({ rows: 70_000, side: 28, classes: 10, directions: 300, seed: 0 }),
  },
];

/** bench/data: generated and prepared files (gitignored). */
export function benchDataDir(): string {
  return join(packageRoot(), 'bench', 'data');
}

export function datasetPath(dataset: BenchDataset): string {
  if (dataset.generate) return dataset.file;
  const path = sharedDataPath(dataset.file);
  if (!existsSync(path))
    throw new Error(`${path} is missing (the shared data folder sits beside the package)`);
  return path;
}

/** The path of the file-backed comparison dataset `name` (the sweeps' `--datasets`); an unknown name throws. */
export function comparisonDatasetPath(name: string): string {
  const files = COMPARISON_DATASETS.filter((d) => !d.generate);
  const dataset = files.find((d) => d.name === name);
  if (!dataset) throw new Error(`Unknown dataset ${name}; known: ${files.map((d) => d.name).join(', ')}`);
  return datasetPath(dataset);
}

/**
 * The table of comparison dataset `name`: the file read, or for the generated image-like case the table made
 * (after initialising the tfjs backend its generator needs). An unknown name throws, naming the known ones.
 */
export async function comparisonTable(name: string): Promise<ExpressionTable> {
  const dataset = COMPARISON_DATASETS.find((d) => d.name === name);
  if (dataset?.generate) {
    await initBackend();
    return dataset.generate();
  }
  return importTable(comparisonDatasetPath(name), {});
}
