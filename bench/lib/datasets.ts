/** The real labelled datasets the benchmarks use, from ../shared/data beside the package. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot, sharedDataPath } from '../../src/util/paths.js';

export interface BenchDataset {
  /** Short name used in results and tables. */
  name: string;
  file: string;
  labelColumn: string;
}

/** The comparison's datasets (issue 6), smallest first so a failure shows up early. */
export const COMPARISON_DATASETS: BenchDataset[] = [
  { name: 'golub_leukemia', file: 'golub_leukemia.csv', labelColumn: 'label' },
  { name: 'tissue_gene_expression', file: 'tissue_gene_expression.csv', labelColumn: 'label' },
  { name: 'pbmc68k_reduced_lognorm', file: 'pbmc68k_reduced_lognorm.csv', labelColumn: 'label' },
  { name: 'sklearn_digits', file: 'sklearn_digits.csv', labelColumn: 'label' },
  { name: 'fashion_mnist_test', file: 'fashion_mnist_test.csv.gz', labelColumn: 'label' },
];

/** bench/data: generated and prepared files (gitignored). */
export function benchDataDir(): string {
  return join(packageRoot(), 'bench', 'data');
}

export function datasetPath(dataset: BenchDataset): string {
  const path = sharedDataPath(dataset.file);
  if (!existsSync(path))
    throw new Error(`${path} is missing (the shared data folder sits beside the package)`);
  return path;
}
