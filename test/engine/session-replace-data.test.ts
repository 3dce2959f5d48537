// Replacing the loaded data in the engine session: what it holds at the peak, and what a refusal leaves.
// Import's metadata join used to read the open file again, holding a second copy of its matrix beside the
// loaded one and building the marker rank index anew; it now joins to the table as read (one matrix, the same
// index). "Re-open with these settings" and opening another file keep the loaded table until the new read
// succeeds, so a refused one — bad settings, a file that fails part-way, a metadata file matching no cell —
// leaves the user's data, and the map trained on it, usable (bench/README "Replacing the loaded data").
// Checked by identity and counts, never by a memory size.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as tf from '@tensorflow/tfjs';
import { EngineError } from '../../src/api/errors.js';
import { EngineSession } from '../../src/engine/session.js';
import { rankIndexBuilding, rankIndexBuilds, rankIndexHeld } from '../../src/markers/rank-index-store.js';
import { runInputReleased } from '../../src/engine/run-input.js';
import { packageRoot } from '../../src/util/paths.js';
import type { TrainingRun } from '../../src/engine/types.js';
import { outcome } from './session-outcome.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const FIXTURES = join(packageRoot(), 'test', 'fixtures');
const CSR_H5AD = join(FIXTURES, 'formats', 'csr.h5ad');
const META = join(FIXTURES, 'formats', 'cells_meta.csv');
const GROUP = Int32Array.from([0, 1, 2, 3, 4]);

/** The session's last finished run (a private field, read only). */
function heldRun(session: EngineSession): TrainingRun {
  const last = (session as unknown as { last: { run: TrainingRun } | null }).last;
  assert.ok(last, 'a run is held');
  return last.run;
}

/** Whether `ref` is still alive after a few full collections (the event loop turning between them). */
async function alive(ref: WeakRef<object>): Promise<boolean> {
  for (let i = 0; i < 4; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return ref.deref() !== undefined;
}

/** The session's loaded matrix (a private field, read only). */
function heldMatrix(session: EngineSession): object | undefined {
  return (session as unknown as { loaded: { table: { values: object } } | null }).loaded?.table.values;
}

describe('replacing the loaded data', { timeout: 120_000 }, () => {
  const session = new EngineSession();
  after(() => session.dispose());

  test('a metadata join keeps the loaded matrix and its rank index: no second copy, no second build', async () => {
    await session.openFile({ kind: 'path', path: CSR_H5AD });
    await session.markerGenes({ group: GROUP }); // the rank index, built once
    const matrix = heldMatrix(session);
    const builds = rankIndexBuilds();
    const joined = await session.openMetadata({ kind: 'path', path: META });
    assert.ok(joined.metadata.some((m) => m.joined === true && m.name === 'leiden_cluster'));
    assert.equal(heldMatrix(session), matrix, 'the join read the matrix again');
    await session.markerGenes({ group: GROUP });
    assert.equal(rankIndexBuilds(), builds, 'the rank index was built again');
  });

  test('a refused re-open, other file or join leaves the loaded data and its map usable', async () => {
    await session.openFile({ kind: 'path', path: CSR_H5AD });
    const joined = await session.openMetadata({ kind: 'path', path: META });
    const trained = outcome(session);
    await session.startTraining({ labelColumn: 'leiden_cluster', epochs: 2, snapshotEvery: 0 });
    const run = await trained;
    const refusals: [string, () => Promise<unknown>][] = [
      ['bad settings', () => session.openFile({ kind: 'path', path: CSR_H5AD }, { layer: 'no-such-layer' })],
      [
        'a text file failing part-way',
        () => session.openFile({ kind: 'path', path: join(FIXTURES, 'bad', 'text-in-gene-late.csv') }),
      ],
      [
        'a cut-short h5ad',
        () => session.openFile({ kind: 'path', path: join(FIXTURES, 'bad', 'truncated.h5ad') }),
      ],
      [
        'a metadata file matching no cell',
        () => session.openMetadata({ kind: 'path', path: join(FIXTURES, 'bad', 'metadata-no-match.csv') }),
      ],
    ];
    for (const [what, refused] of refusals) {
      await assert.rejects(refused(), EngineError, what);
      const state = await session.getState();
      assert.equal(state.dataset?.datasetId, joined.datasetId, `${what}: the data is still the joined data`);
      assert.deepEqual(state.dataset?.metadata, joined.metadata, what);
      assert.equal(state.lastRun?.runId, run.runId, `${what}: the map is still held`);
    }
    const csv = await session.exportCoordinates();
    assert.equal(csv.text.trim().split('\n').length, joined.rows + 1, 'every cell exported');
    await session.markerGenes({ group: GROUP });
    const again = outcome(session);
    await session.startTraining({ labelColumn: 'leiden_cluster', epochs: 1, snapshotEvery: 0 });
    assert.equal((await again).datasetId, joined.datasetId);
  });

  test("a read that may replace the data lets go of the run's preprocessed input; a refused one makes it again, bit for bit", async () => {
    await session.openFile({ kind: 'path', path: CSR_H5AD });
    const trained = outcome(session);
    await session.startTraining({ labelColumn: 'cell_type', epochs: 2, snapshotEvery: 0 });
    await trained;
    const neighbourhood = await session.cellNeighbours(3, 5);
    // no reference kept here: the preprocessed values' copy, shape and a WeakRef to them
    const bits = Float32Array.from(heldRun(session).input.data);
    const shape = [heldRun(session).input.rows, heldRun(session).input.cols];
    const held = new WeakRef(heldRun(session).input.data);
    const tensors = tf.memory().numTensors;
    await assert.rejects(
      session.openFile({ kind: 'path', path: join(FIXTURES, 'bad', 'text-in-gene-late.csv') }),
      EngineError,
    );
    assert.equal(await alive(held), false, "the run's input was held through the read");
    assert.deepEqual(await session.cellNeighbours(3, 5), neighbourhood);
    const again = heldRun(session).input;
    assert.deepEqual([again.rows, again.cols], shape);
    assert.deepEqual(again.data, bits, 'made again from the recipe, the same bits');
    assert.equal(tf.memory().numTensors, tensors);
  });

  test('the collection before a read comes once the rank index and the run input are let go', async () => {
    const seen: { indexHeld: boolean; inputReleased: boolean }[] = [];
    const collecting: EngineSession = new EngineSession({
      collectGarbage: () => {
        const last = (collecting as unknown as { last: { run: TrainingRun } | null }).last;
        seen.push({ indexHeld: rankIndexHeld(), inputReleased: last ? runInputReleased(last.run) : false });
      },
    });
    try {
      await collecting.openFile({ kind: 'path', path: CSR_H5AD });
      const trained = outcome(collecting);
      await collecting.startTraining({ labelColumn: 'cell_type', epochs: 2, snapshotEvery: 0 });
      await trained;
      await collecting.markerGenes({ group: GROUP });
      assert.equal(rankIndexHeld(), true);
      assert.deepEqual(seen, [{ indexHeld: false, inputReleased: false }], 'the first open: no run yet');
      seen.length = 0;
      await collecting.openFile({ kind: 'path', path: CSR_H5AD }, { previewRows: 5 });
      assert.deepEqual(seen, [{ indexHeld: false, inputReleased: true }]);
    } finally {
      collecting.dispose();
    }
  });

  test("a refused re-open builds the loaded data's rank index again, which the read had let go of", async () => {
    await session.openFile({ kind: 'path', path: CSR_H5AD });
    await session.markerGenes({ group: GROUP });
    assert.equal(rankIndexHeld(), true);
    await assert.rejects(
      session.openFile({ kind: 'path', path: CSR_H5AD }, { layer: 'no-such-layer' }),
      EngineError,
    );
    assert.ok(rankIndexBuilding() || rankIndexHeld(), 'no rank index built again after the refusal');
  });
});
