// The engine worker's full collection (src/worker/full-collection.ts), which the session runs before a read that
// may replace the data: it is there in a process started without --expose-gc, and it collects what nothing holds.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fullCollection } from '../../src/worker/full-collection.js';

/** A WeakRef to an array nothing else holds. */
function droppedArray(): WeakRef<Float32Array> {
  return new WeakRef(new Float32Array(1 << 20));
}

test('a full collection is reachable without --expose-gc and frees what nothing holds', async () => {
  assert.equal(typeof (globalThis as { gc?: unknown }).gc, 'undefined', 'run without --expose-gc');
  const collect = fullCollection();
  assert.ok(collect, 'no collection');
  const ref = droppedArray();
  // a WeakRef's target lives to the end of the turn that made it
  await new Promise((resolve) => setTimeout(resolve, 0));
  collect();
  assert.equal(ref.deref(), undefined, 'still alive after the collection');
});
