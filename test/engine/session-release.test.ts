// A session reopened, or other data opened, lets go of what the engine held before: the old table (its matrix
// and its marker rank index), the old run with its encoder, its predictions and projected cells. serve's
// engine worker lives as long as the server, so anything kept from an earlier session stays for good
// (bench/README "Reopening a session: where serve's memory goes"). Checked by WeakRefs after collections and
// by tfjs's tensor count, never by a memory size.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as tf from '@tensorflow/tfjs';
import { EngineSession } from '../../src/engine/session.js';
import { packageRoot } from '../../src/util/paths.js';
import { nextOutcome } from './session-outcome.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const CSR_H5AD = join(packageRoot(), 'test', 'fixtures', 'formats', 'csr.h5ad');

/** What the session holds that belongs to one dataset and run (private fields, read only through WeakRefs). */
interface Holdings {
  loaded: { table: { values: object } } | null;
  last: { run: { encoder: object }; table: object } | null;
  predictions: object | null;
  projection: object | null;
}

/** WeakRefs to everything `session` holds now, by name. */
function holdingsOf(session: EngineSession): Map<string, WeakRef<object>> {
  const held = session as unknown as Holdings;
  const refs = new Map<string, WeakRef<object>>();
  const add = (name: string, value: object | null | undefined) => {
    if (value) refs.set(name, new WeakRef(value));
  };
  add('table', held.loaded?.table);
  add('matrix', held.loaded?.table.values);
  add('run table', held.last?.table);
  add('encoder', held.last?.run.encoder);
  add('predictions', held.predictions);
  add('projection', held.projection);
  return refs;
}

/** The names of `refs` still alive after a few full collections (the event loop turning between them). */
async function stillAlive(refs: Map<string, WeakRef<object>>): Promise<string[]> {
  for (let i = 0; i < 4; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return [...refs].filter(([, ref]) => ref.deref() !== undefined).map(([name]) => name);
}

describe('what a session lets go of', { timeout: 120_000 }, () => {
  const session = new EngineSession();
  const dir = mkdtempSync(join(tmpdir(), 'tl-session-release-'));
  const file = join(dir, 'saved.tripletlens');
  after(() => {
    session.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  test('reopening a session releases the data, run, predictions and projection held before', async () => {
    await session.openFile({ kind: 'path', path: CSR_H5AD });
    const outcome = nextOutcome(session);
    await session.startTraining({ labelColumn: 'cell_type', epochs: 2, snapshotEvery: 0 });
    assert.equal((await outcome).type, 'run-finished');
    await session.runPredictions();
    await session.markerGenes({ group: Int32Array.from([0, 1, 2, 3, 4]) }); // its rank index too
    const projected = await session.embedFile({ kind: 'path', path: CSR_H5AD });
    const saved = await session.saveSession({
      editedLabels: null,
      selection: new Int32Array(0),
      view: null,
      projected: { projectionId: projected.projectionId },
    });
    writeFileSync(file, saved.bytes);
    const tensors = tf.memory().numTensors;
    const before = holdingsOf(session);
    assert.deepEqual(
      [...before.keys()],
      ['table', 'matrix', 'run table', 'encoder', 'predictions', 'projection'],
    );

    const opened = await session.openSession({ kind: 'path', path: file });
    assert.equal(opened.inputStatus, 'attached');
    await session.runPredictions();
    await session.markerGenes({ group: Int32Array.from([0, 1, 2, 3, 4]) });
    assert.deepEqual(await stillAlive(before), [], 'held after the session was reopened');
    // the old encoder's weights were disposed, the reopened one's take their place
    assert.equal(tf.memory().numTensors, tensors);
  });

  test('reopening it again, then opening other data, releases the reopened session', async () => {
    await session.openSession({ kind: 'path', path: file });
    const reopened = holdingsOf(session);
    await session.openSession({ kind: 'path', path: file });
    assert.deepEqual(await stillAlive(reopened), [], 'held after a second reopen');
    const second = holdingsOf(session);
    await session.openFile({ kind: 'path', path: CSR_H5AD });
    assert.deepEqual(await stillAlive(second), [], 'held after other data was opened');
  });
});
