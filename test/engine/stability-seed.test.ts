// The stability refit's seed (seed + 1) stays a valid seed when the run's seed is the largest (2³²−1).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OPTION_SCHEMA } from '../../src/api/option-schema.js';
import { runTraining } from '../../src/engine/run-training.js';
import { blobTable } from './helpers.js';

test('stability with the largest seed refits with seed 0 (the same 32-bit stream), not an invalid seed', async () => {
  const table = blobTable({ classes: 3, perClass: 5, genes: 8 });
  const seed = OPTION_SCHEMA.seed.max;
  const run = await runTraining(table, { labelColumn: 'cell_type', epochs: 2, stability: true, seed });
  run.encoder.dispose();
  assert.equal(run.report.seed, seed);
  assert.equal(run.report.stability?.seed, 0);
});
