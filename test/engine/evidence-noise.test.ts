// evidenceNoise reaches the trainer as noise on the class-evidence columns: it changes the map, a seed repeats
// it, the report records it, and nothing changes when the evidence is off. Checked like every option.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runTraining } from '../../src/engine/run-training.js';
import { resolveSettings } from '../../src/engine/settings.js';
import { blobTable } from './helpers.js';

const table = blobTable({ classes: 3, perClass: 10, genes: 8 });
const base = { labelColumn: 'cell_type', epochs: 2, seed: 5 } as const;

async function map(settings: { evidenceNoise?: number; classEvidence?: number }) {
  const run = await runTraining(table, { ...base, ...settings });
  run.encoder.dispose();
  return { coords: Array.from(run.coords.data), report: run.report };
}

test('evidenceNoise changes the map, a seed repeats it, and the report records it', async () => {
  const plain = await map({});
  const noisy = await map({ evidenceNoise: 0.5 });
  assert.notDeepEqual(noisy.coords, plain.coords);
  assert.deepEqual((await map({ evidenceNoise: 0.5 })).coords, noisy.coords);
  assert.equal(noisy.report.parameters.evidenceNoise, 0.5);
});

test('without the class evidence there is nothing to add noise to: the map is the plain one', async () => {
  const off = await map({ classEvidence: 0 });
  assert.deepEqual((await map({ classEvidence: 0, evidenceNoise: 0.5 })).coords, off.coords);
});

test('evidenceNoise is checked: a number from 0 to 10', () => {
  assert.throws(() => resolveSettings({ labelColumn: 'x', evidenceNoise: -0.1 }), /--evidence-noise/);
  assert.throws(() => resolveSettings({ labelColumn: 'x', evidenceNoise: 11 }), /--evidence-noise/);
  assert.equal(resolveSettings({ labelColumn: 'x', evidenceNoise: 0.25 }).evidenceNoise, 0.25);
});
