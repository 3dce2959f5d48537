import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { readPrepared } from '../../bench/lib/prepared.js';
import { qualityBar } from '../../bench/lib/quality-bar.js';
import { prepareQualitySplits } from '../../bench/lib/quality-splits.js';
import { initBackend } from '../../src/backend/index.js';
import { selectRows } from '../../src/data/select-rows.js';
import { knnAccuracy } from '../../src/evaluate/index.js';

test('each seed is written once per preparation, on one split, with the bar of what was written', async () => {
  await initBackend();
  const dir = await mkdtemp(join(tmpdir(), 'quality-splits-'));
  try {
    const preparations = [
      { name: 'pcs', options: {} },
      { name: 'genes', options: { pcaComponents: 0 } },
    ];
    const written = await prepareQualitySplits(dir, ['tissue_gene_expression'], [3, 4], preparations);
    assert.deepEqual(
      written.map((w) => `${w.seed} ${w.preparation.name}`),
      ['3 pcs', '3 genes', '4 pcs', '4 genes'],
    );
    const read = await Promise.all(written.map((w) => readPrepared(w.prefix)));
    const [pcs3, genes3, pcs4] = read;
    assert.equal(pcs3.meta.cols, 50);
    assert.ok(genes3.meta.cols > 50, `the genes preparation keeps the genes: ${genes3.meta.cols} columns`);
    // the two preparations of a seed share its split; another seed draws another
    assert.deepEqual(genes3.meta.train, pcs3.meta.train);
    assert.deepEqual(genes3.meta.holdout, pcs3.meta.holdout);
    assert.notDeepEqual(pcs4.meta.holdout, pcs3.meta.holdout);
    for (const [i, { matrix, meta }] of read.entries()) {
      const rows = [...meta.train, ...meta.holdout].sort((a, b) => a - b);
      assert.deepEqual(
        rows,
        Array.from({ length: meta.rows }, (_, r) => r),
        'train and hold-out partition the rows',
      );
      // about a fifth of each class held out
      assert.ok(
        Math.abs(meta.holdout.length / meta.rows - 0.2) < 0.05,
        `${meta.holdout.length} of ${meta.rows}`,
      );
      const name = (r: number) => meta.labels[r];
      const input = knnAccuracy(
        selectRows(matrix, meta.train),
        meta.train.map(name),
        selectRows(matrix, meta.holdout),
        meta.holdout.map(name),
        5,
      );
      assert.equal(input, written[i].input, 'the input kNN-5 is that of the matrix written');
      assert.equal(written[i].bar, qualityBar({ input: written[i].input, pca: written[i].pca3d }));
      assert.equal(written[i].holdout, meta.holdout.length);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
