/**
 * Worker-thread entry that draws dropout decisions ahead of the trainer (mask-prefetch.ts): it fills the
 * ring's free slots with the next chunks of the consumer's generation, and sleeps on the ring's signal word
 * when the ring is full or there is nothing to draw. Its bytes are `fillAtLeastFrom`'s for the same stream
 * positions, so a mask is the same whichever thread drew it.
 */
import { workerData } from 'node:worker_threads';
import { fillAtLeastFrom, stateAfter } from '../util/random.js';
import { CTRL, MASK_CHUNK, MASK_SLOTS, maskRing, type MaskRing } from './mask-ring.js';

/** How long a sleep may last without a signal (a safety net: every change signals). */
const SLEEP_MS = 100;

function produce(ring: MaskRing): void {
  const { control } = ring;
  let generation = 0;
  let start = 0;
  let threshold = 0;
  let chunk = 0;
  while (Atomics.load(control, CTRL.stop) === 0) {
    const signal = Atomics.load(control, CTRL.signal);
    const current = Atomics.load(control, CTRL.generation);
    if (current !== generation) {
      generation = current;
      start = Atomics.load(control, CTRL.state) >>> 0;
      threshold = ring.threshold[0];
      chunk = 0;
    }
    const consumed = Atomics.load(control, CTRL.consumed);
    // the consumer drew some chunks itself when this thread fell behind: skip them
    chunk = Math.max(chunk, consumed);
    if (generation === 0 || chunk - consumed >= MASK_SLOTS) {
      Atomics.wait(control, CTRL.signal, signal, SLEEP_MS);
      continue;
    }
    const slot = chunk % MASK_SLOTS;
    fillAtLeastFrom(
      stateAfter(start, chunk * MASK_CHUNK),
      threshold,
      ring.bytes,
      slot * MASK_CHUNK,
      (slot + 1) * MASK_CHUNK,
    );
    Atomics.store(ring.slotChunk, slot, chunk);
    Atomics.store(ring.slotGeneration, slot, generation);
    chunk++;
  }
}

produce(maskRing(workerData as SharedArrayBuffer));
