// splitSeed fixes the hold-out split alone: training seeds can then be compared on the same held-out cells.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runTraining } from '../../src/engine/run-training.js';
import { resolveSettings } from '../../src/engine/settings.js';
import { blobTable } from './helpers.js';

const table = blobTable({ classes: 3, perClass: 10, genes: 8 });
const base = { labelColumn: 'cell_type', epochs: 2 } as const;

async function splitAndMap(settings: { seed: number; splitSeed?: number }) {
  const run = await runTraining(table, { ...base, ...settings });
  run.encoder.dispose();
  return { split: run.split, coords: Array.from(run.coords.data), report: run.report };
}

test('splitSeed keeps the hold-out of its seed while the training seed changes the map', async () => {
  const a = await splitAndMap({ seed: 1, splitSeed: 7 });
  const b = await splitAndMap({ seed: 2, splitSeed: 7 });
  const own = await splitAndMap({ seed: 7 });
  assert.deepEqual(a.split, own.split);
  assert.deepEqual(b.split, own.split);
  assert.notDeepEqual(a.coords, b.coords);
  assert.equal(a.report.parameters.splitSeed, 7);
});

test('without splitSeed the run seed draws the split, as before', async () => {
  const plain = await splitAndMap({ seed: 3 });
  const same = await splitAndMap({ seed: 3, splitSeed: 3 });
  const other = await splitAndMap({ seed: 4 });
  assert.deepEqual(same.split, plain.split);
  assert.deepEqual(same.coords, plain.coords);
  assert.notDeepEqual(other.split, plain.split);
  assert.equal(plain.report.parameters.splitSeed, undefined);
});

test('splitSeed is checked like seed: a whole number from 0 to 2³²−1', () => {
  assert.throws(() => resolveSettings({ labelColumn: 'x', splitSeed: -1 }), /--split-seed/);
  assert.throws(() => resolveSettings({ labelColumn: 'x', splitSeed: 1.5 }), /--split-seed/);
  assert.throws(() => resolveSettings({ labelColumn: 'x', splitSeed: 2 ** 32 }), /--split-seed/);
  assert.equal(resolveSettings({ labelColumn: 'x', splitSeed: 2 ** 32 - 1 }).splitSeed, 2 ** 32 - 1);
});
