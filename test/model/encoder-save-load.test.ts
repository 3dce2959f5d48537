// A trained encoder saves to the standard tfjs Layers format and loads back to the same embedding.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { loadEncoder } from '../../src/model/trained-encoder.js';
import { resolveArchitecture } from '../../src/model/encoder-architecture.js';
import { trainEncoder } from '../../src/train/train-encoder.js';
import { blobs } from '../train/blobs.js';
import { TEST_BACKENDS } from '../train/backends.js';

for (const { name, load } of TEST_BACKENDS) {
  test(`${name}: save → loadEncoder gives the same embedding; files are model.json + weights.bin`, async () => {
    await load();
    const dir = await mkdtemp(join(tmpdir(), 'tl-encoder-'));
    try {
      const { x, labels } = blobs(60, 6, 3, 1);
      const encoder = await trainEncoder(x, labels, { epochs: 2, distance: 'cosine', seed: 3 });
      await encoder.save(join(dir, 'model'));
      const before = encoder.embed(x);
      const loaded = await loadEncoder(join(dir, 'model'));
      const after = loaded.embed(x);
      assert.equal(loaded.dims, 3);
      assert.equal(loaded.inputDim, 6);
      assert.deepEqual(loaded.history, encoder.history);
      assert.equal(loaded.stoppedReason, encoder.stoppedReason);
      for (let i = 0; i < before.data.length; i++) assert.ok(Math.abs(before.data[i] - after.data[i]) < 1e-5);
      // cosine distance: the outputs are unit vectors
      const r0 = Math.hypot(after.data[0], after.data[1], after.data[2]);
      assert.ok(Math.abs(r0 - 1) < 1e-5);
      assert.deepEqual((await readdir(join(dir, 'model'))).sort(), ['model.json', 'weights.bin']);
      const json = JSON.parse(await readFile(join(dir, 'model', 'model.json'), 'utf8'));
      assert.equal(json.format, 'layers-model');
      assert.equal(json.modelTopology.class_name, 'Sequential');
      assert.deepEqual(json.weightsManifest[0].paths, ['./weights.bin']);
      assert.equal(json.weightsManifest[0].weights.length, 2 * resolveArchitecture('default', 3).length);
      assert.throws(
        () => loaded.embed({ data: new Float32Array(5), rows: 1, cols: 5 }),
        /expects 6 input columns/,
      );
      encoder.dispose();
      loaded.dispose();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}

test('loadEncoder names the file when the folder is missing or the weights are truncated', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tl-encoder-'));
  try {
    await assert.rejects(loadEncoder(join(dir, 'nothing')), /Cannot read the encoder model .*model\.json/);
    const { x, labels } = blobs(30, 4, 2, 2);
    const encoder = await trainEncoder(x, labels, { epochs: 1, preset: [8] });
    await encoder.save(dir);
    encoder.dispose();
    await writeFile(join(dir, 'weights.bin'), new Uint8Array(10));
    await assert.rejects(loadEncoder(dir), /weights\.bin holds 10 bytes/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  assert.ok(tf.memory().numTensors >= 0);
});
