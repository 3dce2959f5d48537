// EngineApi.markerGenes through the real engine worker process: the selection crosses as an Int32Array
// (fork with 'advanced' serialization) and the answer is the one scanpy gives for the same cells.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, test } from 'node:test';
import { forkSpawner } from '../../src/worker/spawner.js';
import { createWorkerEngine } from '../../src/worker/worker-client.js';
import { FIXTURE, type ExpectedMarkers } from '../markers/reference-check.js';

const engine = createWorkerEngine(forkSpawner());
after(() => engine.dispose());

test('markers of the sample’s B cells vs its NK cells, in the worker, match scanpy’s top 20', async () => {
  const expected = JSON.parse(readFileSync(FIXTURE, 'utf8')) as ExpectedMarkers;
  const c = expected.cases.find((x) => x.name === 'sample-b-vs-nk');
  assert.ok(c && c.reference_rows !== 'rest');
  const summary = await engine.openFile({ kind: 'sample' });
  const result = await engine.markerGenes({
    group: Int32Array.from(c.group_rows),
    reference: Int32Array.from(c.reference_rows),
    genes: 20,
  });
  assert.equal(result.datasetId, summary.datasetId);
  assert.equal(result.reference, 'cells');
  assert.deepEqual(
    result.genes.map((g) => g.gene),
    c.top20,
  );
  await assert.rejects(engine.markerGenes({ group: new Int32Array() }), /Select at least one cell/);
});
