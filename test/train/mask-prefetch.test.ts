// The dropout generator that draws masks ahead on a worker thread gives exactly seededRandom's sequence:
// masks of any size (across chunk boundaries), a changed threshold, scalar and bulk draws between, after
// close; and the worker does draw them (served.fromWorker) once it has had the time.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { prefetchingRandom, type PrefetchingRandom } from '../../src/train/mask-prefetch.js';
import { MASK_CHUNK } from '../../src/train/mask-ring.js';
import { seededRandom, type SeededRandom } from '../../src/util/random.js';

/** Waits (polling; no time is asserted) until the worker has drawn `elements` ahead. */
async function untilAhead(random: PrefetchingRandom, elements: number): Promise<void> {
  for (let i = 0; i < 3000 && random.ahead() < elements; i++) await sleep(10);
  assert.ok(random.ahead() >= elements, `the worker drew ${random.ahead()} of ${elements} elements ahead`);
}

/** One operation on both generators; returns what each gave. */
function draw(
  random: SeededRandom,
  op: { kind: 'mask'; n: number; rate: number } | { kind: 'call' } | { kind: 'fill'; n: number },
): number[] {
  if (op.kind === 'call') return [random()];
  if (op.kind === 'fill') {
    const out = new Float64Array(op.n);
    random.fill(out);
    return Array.from(out);
  }
  const out = new Uint8Array(op.n);
  random.fillAtLeast(op.rate, out);
  return Array.from(out);
}

test('masks drawn ahead on the worker are the sequence’s own, whatever the mix of draws', async () => {
  const prefetching = prefetchingRandom(1234, 2);
  const reference = seededRandom(1234);
  try {
    const ops = [
      { kind: 'mask', n: 100, rate: 0.1 },
      { kind: 'mask', n: 98_304, rate: 0.1 }, // starts the worker (≥ one chunk)
      { kind: 'wait', n: 4 * MASK_CHUNK },
      { kind: 'mask', n: 98_304, rate: 0.1 },
      { kind: 'mask', n: 3 * MASK_CHUNK + 17, rate: 0.1 },
      { kind: 'call' },
      { kind: 'mask', n: 5_000, rate: 0.1 },
      { kind: 'fill', n: 333 },
      { kind: 'mask', n: 70_000, rate: 0.1 },
      { kind: 'mask', n: 90_000, rate: 0.3 }, // a new threshold: drawn here, the worker restarts
      { kind: 'wait', n: 2 * MASK_CHUNK },
      { kind: 'mask', n: 2 * MASK_CHUNK, rate: 0.3 },
      { kind: 'mask', n: 40 * MASK_CHUNK, rate: 0.3 }, // more than the worker has: the rest drawn here
      { kind: 'mask', n: 1_000, rate: 0.3 },
    ] as const;
    for (const [i, op] of ops.entries()) {
      if (op.kind === 'wait') {
        await untilAhead(prefetching, op.n);
        continue;
      }
      assert.deepEqual(draw(prefetching, op), draw(reference, op), `operation ${i} (${op.kind})`);
    }
    assert.ok(
      prefetching.served.fromWorker >= 4 * MASK_CHUNK,
      `from the worker: ${prefetching.served.fromWorker}`,
    );
    assert.ok(prefetching.served.here > 0);
  } finally {
    await prefetching.close();
  }
  // after close: the same sequence, drawn here
  const before = prefetching.served.fromWorker;
  const op = { kind: 'mask', n: 2 * MASK_CHUNK, rate: 0.1 } as const;
  assert.deepEqual(draw(prefetching, op), draw(reference, op));
  assert.equal(prefetching.served.fromWorker, before);
  assert.equal(prefetching(), reference());
});

test('with one thread nothing is drawn ahead: the same sequence, all drawn here', async () => {
  const single = prefetchingRandom(77, 1);
  const reference = seededRandom(77);
  const op = { kind: 'mask', n: 3 * MASK_CHUNK, rate: 0.1 } as const;
  for (let i = 0; i < 3; i++) assert.deepEqual(draw(single, op), draw(reference, op));
  await sleep(50);
  assert.equal(single.ahead(), 0);
  assert.deepEqual(single.served, { fromWorker: 0, here: 9 * MASK_CHUNK });
  await single.close();
});

test('small masks never start the worker', async () => {
  const random = prefetchingRandom(5, 2);
  const reference = seededRandom(5);
  const op = { kind: 'mask', n: 16_640, rate: 0.1 } as const;
  for (let i = 0; i < 20; i++) assert.deepEqual(draw(random, op), draw(reference, op));
  await sleep(50);
  assert.equal(random.ahead(), 0);
  assert.equal(random.served.fromWorker, 0);
  await random.close();
});

test('a worker that fails leaves the same sequence, drawn here (no crash, no hang)', async () => {
  const failing = { script: 'throw new Error("no masks today")', evaluate: true, file: import.meta.filename };
  const random = prefetchingRandom(31, 2, failing);
  const reference = seededRandom(31);
  const op = { kind: 'mask', n: 2 * MASK_CHUNK, rate: 0.1 } as const;
  assert.deepEqual(draw(random, op), draw(reference, op));
  for (let i = 0; i < 3000 && random.drawingAhead(); i++) await sleep(10);
  assert.equal(random.drawingAhead(), false, 'the failed worker was noticed');
  for (let i = 0; i < 3; i++) assert.deepEqual(draw(random, op), draw(reference, op));
  assert.equal(random.served.fromWorker, 0);
  await random.close();
});
