// train's summary opens with what it read and trained on — the matrix (X, a layer, an obsm embedding), cells ×
// genes, the label's classes and its training / held-out / unlabeled cells — in inspect's figures: a user who
// trained an h5ad with and without --layer counts got the same summary either way, the matrix only in run.json.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { packageRoot } from '../../src/util/paths.js';
import { runCli, tempDir } from './helpers.js';

const FORMATS = join(packageRoot(), 'test', 'fixtures', 'formats');
const LOGNORM = join(FORMATS, 'lognorm.h5ad'); // X log-normalised; layers/counts the counts
const CSR = join(FORMATS, 'csr.h5ad'); // obs 'predicted': a categorical with missing cells and an unused category

interface Inspected {
  rows: number;
  genes: number;
  format: { layerGenes: Record<string, number>; embeddings: { name: string; columns: number }[] };
  metadataColumns: { name: string; distinct: number; missing?: number }[];
}

let dir = '';
let cleanup = async () => {};
before(async () => ({ dir, cleanup } = await tempDir()));
after(() => cleanup());

async function inspect(file: string): Promise<Inspected> {
  const r = await runCli(['inspect', file, '--json']);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as Inspected;
}

/** train's first summary line and its report's split. */
async function train(file: string, label: string, ...options: string[]) {
  const report = join(dir, `${label}-${options.join('-').replace(/[^\w-]/g, '_')}.run.json`);
  const r = await runCli([
    ...['train', file, '--label', label, '--epochs', '1', '--dims', '2'],
    ...['--out', report.replace(/\.run\.json$/, '.csv'), '--report', report, ...options],
  ]);
  assert.equal(r.code, 0, r.stderr);
  const read = r.stderr.split('\n').find((l) => l.startsWith('read '));
  const { split } = JSON.parse(await readFile(report, 'utf8')) as {
    split: { train: number; holdout: number; unlabeled: number };
  };
  return { read, split };
}

function column(facts: Inspected, name: string) {
  const found = facts.metadataColumns.find((c) => c.name === name);
  assert.ok(found, name);
  return found;
}

test('the summary names the matrix trained on, X or --layer counts, with the cells and genes inspect counts', async () => {
  const facts = await inspect(LOGNORM);
  const classes = column(facts, 'cell_type').distinct;
  for (const [options, matrix, genes] of [
    [[], 'X', facts.genes],
    [['--layer', 'counts'], 'layers/counts', facts.format.layerGenes['layers/counts']],
  ] as const) {
    const { read, split } = await train(LOGNORM, 'cell_type', ...options);
    assert.equal(
      read,
      `read ${facts.rows} cells × ${genes} genes (AnnData (.h5ad); matrix ${matrix}); label column 'cell_type': ` +
        `${classes} classes — ${split.train} training, ${split.holdout} held-out and 0 unlabeled cells`,
    );
    assert.equal(split.train + split.holdout, facts.rows);
  }
});

test("an embedding's columns are columns; a categorical's missing cells are unlabeled, its unused category no class", async () => {
  const facts = await inspect(CSR);
  const predicted = column(facts, 'predicted');
  const pca = facts.format.embeddings.find((e) => e.name === 'X_pca');
  assert.ok(pca && predicted.missing);
  const { read, split } = await train(CSR, 'predicted', '--input', 'obsm:X_pca');
  assert.equal(
    read,
    `read ${facts.rows} cells × ${pca.columns} columns (AnnData (.h5ad); matrix obsm/X_pca); label column ` +
      `'predicted': ${predicted.distinct} classes — ${split.train} training, ${split.holdout} held-out and ` +
      `${predicted.missing} unlabeled cells`,
  );
  assert.equal(split.unlabeled, predicted.missing);
});
