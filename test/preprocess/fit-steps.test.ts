/**
 * fitPreprocess's pauses say which step it is in and how far, and come within its passes: at 10⁵ cells a pass
 * held the engine worker 6–15 s, so a Stop waited for the pass and the user saw one 'preprocessing' line.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fitPreprocess } from '../../src/preprocess/index.js';
import { denseToCsr } from '../../src/data/sparse.js';
import type { StageStep } from '../../src/api/stage-step.js';
import type { DenseMatrix } from '../../src/api/matrix.js';
import { geneNames, useCpuBackend } from './helpers.js';
import { seededRandom } from '../../src/util/random.js';

before(useCpuBackend);

/** Counts, ~40 % of them non-zero: `rows` × `cols` with more stored values than one pause's worth. */
function counts(rows: number, cols: number): DenseMatrix {
  const random = seededRandom(5);
  const data = new Float32Array(rows * cols);
  for (let i = 0; i < data.length; i++) if (random() < 0.4) data[i] = 1 + Math.floor(random() * 5);
  return { data, rows, cols };
}

test('the fit pauses within its passes, saying each step in order and how far it is', async () => {
  // 3 000 × 1 000 at 40 %: ~1.2 million stored values, more than a CSR pass goes through between pauses
  const m = counts(3000, 1000);
  for (const input of [denseToCsr(m), m]) {
    const steps: StageStep[] = [];
    await fitPreprocess(input, geneNames(1000), { topGenes: 100, pcaComponents: 5, seed: 1 }, (step) => {
      steps.push({ ...step });
      return Promise.resolve();
    });
    const names = steps.map((s) => s.name).filter((n, i, all) => i === 0 || all[i - 1] !== n);
    assert.deepEqual(names, ['library-sizes', 'gene-statistics', 'scaling', 'pca', 'projection']);
    // a dense table's statistics go by 16 MB blocks, one here; its library sizes and a CSR table's passes by values
    const within = input === m ? ['library-sizes'] : ['library-sizes', 'gene-statistics'];
    for (const name of within) {
      const of = steps.filter((s) => s.name === name);
      assert.equal(of[0].done, 0, `${name} starts at 0`);
      assert.ok(
        of.some((s) => s.done! > 0 && s.done! < 3000),
        `${name} pauses within its pass: ${of.map((s) => s.done).join(', ')}`,
      );
      assert.ok(of.every((s) => s.total === 3000));
    }
    const passes = steps.filter((s) => s.name === 'pca');
    assert.ok(passes.every((s) => s.unit === 'passes' && s.total === passes[0].total));
    const done = passes.map((s) => s.done!);
    assert.deepEqual(
      done,
      [...done].sort((a, b) => a - b),
      'the passes count up',
    );
    assert.equal(done.at(-1), passes[0].total! - 1, 'the last pass is the last of the total');
  }
});
