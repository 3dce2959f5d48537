/**
 * The shared memory between the trainer's thread and the worker thread that draws dropout decisions ahead
 * of it (mask-prefetch.ts, mask-worker.ts): a ring of fixed-size chunks of one Bernoulli stream, one byte an
 * element (1 = kept), exactly the bytes `fillAtLeastFrom` would write for the same positions of the seeded
 * sequence.
 *
 * One producer (the worker), one consumer (the trainer). A "generation" is one stretch of the stream: its
 * first element's generator state and its threshold; the consumer starts a new one when the threshold
 * changes. Chunk c of a generation covers its elements [c·CHUNK, (c+1)·CHUNK) and lives in slot c mod SLOTS.
 * The producer writes a chunk's bytes, then its tags (chunk index, then generation); the consumer reads a
 * slot only when both tags name the chunk it needs, and the producer overwrites a slot only once the
 * consumer has moved past its chunk (`consumed`), so no byte is read while being written.
 */

/** Elements (bytes) a chunk. */
export const MASK_CHUNK = 65_536;
/** Chunks in the ring: 4 MiB, ~14 steps of the default encoder at 768 rows ahead. */
export const MASK_SLOTS = 64;

/** Indexes of the control words. */
export const CTRL = {
  /** The consumer's generation (≥ 1 once it has asked for one; 0: nothing to draw yet). */
  generation: 0,
  /** Chunks of the current generation the consumer has passed: the producer may not write chunk ≥ consumed + SLOTS. */
  consumed: 1,
  /** The generation's first state (the uint32 as int32). */
  state: 2,
  /** Bumped by the consumer on every change, so a waiting producer wakes. */
  signal: 3,
  /** 1: the producer ends its loop. */
  stop: 4,
} as const;

/** The views on one ring's SharedArrayBuffer. */
export interface MaskRing {
  buffer: SharedArrayBuffer;
  control: Int32Array;
  /** The generation's threshold (a float: written before `generation`). */
  threshold: Float64Array;
  /** Per slot: the generation and the chunk index its bytes belong to. */
  slotGeneration: Int32Array;
  slotChunk: Int32Array;
  bytes: Uint8Array;
}

const CONTROL_WORDS = 8;

/** The views of a ring on `buffer` (a new one when omitted). */
export function maskRing(buffer?: SharedArrayBuffer): MaskRing {
  const headerBytes = CONTROL_WORDS * 4 + 8 + MASK_SLOTS * 8;
  const shared = buffer ?? new SharedArrayBuffer(headerBytes + MASK_SLOTS * MASK_CHUNK);
  let at = 0;
  const control = new Int32Array(shared, at, CONTROL_WORDS);
  at += CONTROL_WORDS * 4;
  const threshold = new Float64Array(shared, at, 1);
  at += 8;
  const slotGeneration = new Int32Array(shared, at, MASK_SLOTS);
  at += MASK_SLOTS * 4;
  const slotChunk = new Int32Array(shared, at, MASK_SLOTS);
  at += MASK_SLOTS * 4;
  const bytes = new Uint8Array(shared, at, MASK_SLOTS * MASK_CHUNK);
  return { buffer: shared, control, threshold, slotGeneration, slotChunk, bytes };
}
