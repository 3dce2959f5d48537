/**
 * The small table the Import screen's metadata tests open from the server's folder, and a metadata file of one
 * new column (batch) for its cells — what a user joins to it.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/util/paths.js';

const CELLS = join(packageRoot(), 'test', 'fixtures', 'formats', 'cells.csv');

/** Copies the table into `work` as cells.csv. */
export function copyCells(work: string): void {
  copyFileSync(CELLS, join(work, 'cells.csv'));
}

/** Writes `work`/batches.csv — cell_id and a batch of b0/b1 for every cell of the table — and returns its path. */
export function writeBatches(work: string): string {
  const ids = readFileSync(CELLS, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(',')[0]);
  const meta = join(work, 'batches.csv');
  writeFileSync(meta, ['cell_id,batch', ...ids.map((id, i) => `${id},b${i % 2}`)].join('\n') + '\n');
  return meta;
}
