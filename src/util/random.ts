/**
 * Seeded pseudo-random numbers. Every source of randomness in the engine takes a `Random` so that one seed
 * makes a run reproducible, and tests can inject their own generator.
 */

/** A function returning uniformly distributed numbers in [0, 1), like `Math.random`. */
export type Random = () => number;

/** A seeded generator: a `Random`, plus a bulk draw that continues the very same sequence. */
export interface SeededRandom extends Random {
  /** Fills `out` with the next out.length numbers of the sequence (as many calls would), in one loop. */
  fill(out: Float64Array): void;
  /**
   * Sets out[i] to 1 where the next number of the sequence is ≥ `threshold`, else 0 (one number per
   * element, as `fill` would draw them): a dropout mask without a float array in between.
   */
  fillAtLeast(threshold: number, out: Uint8Array): void;
}

/** mulberry32's state steps by this constant: the state after k numbers is seed + k·STEP (mod 2³²). */
const STEP = 0x6d2b79f5;

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * mulberry32: a small, fast 32-bit generator, good enough for sampling and initialisation (not for crypto).
 * @param seed any integer; the same seed always yields the same sequence.
 */
export function seededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  const next = (() => {
    state = (state + STEP) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }) as SeededRandom;
  // the same steps with the state in a local: ~4× faster than a call per number (dropout masks draw
  // ~300 000 numbers a training step)
  next.fill = (out: Float64Array) => {
    let s = state;
    for (let i = 0; i < out.length; i++) {
      s = (s + STEP) >>> 0;
      let t = s;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      out[i] = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    }
    state = s;
  };
  next.fillAtLeast = (threshold: number, out: Uint8Array) => {
    state = fillAtLeastFrom(state, threshold, out, 0, out.length);
  };
  return next;
}

/**
 * The generator's state after `k` more numbers from `state`, in O(1): mulberry32's state is a Weyl sequence,
 * so any part of a sequence can be drawn on its own (a worker thread drawing ahead, src/train/mask-prefetch.ts).
 * @param k a non-negative integer < 2⁵³ (ToInt32 keeps it mod 2³², which is all the product needs).
 */
export function stateAfter(state: number, k: number): number {
  return (state + Math.imul(k, STEP)) >>> 0;
}

/** The integer bound of fillAtLeast: u / 2³² ≥ threshold ⇔ u ≥ ⌈threshold · 2³²⌉ (the scaling is exact). */
function integerBound(threshold: number): number {
  return Math.ceil(threshold * 4294967296);
}

/**
 * out[start … end) = 1 where the next number of the sequence at `state` is ≥ `threshold`, else 0 (one
 * number an element, as `fill` would draw them); returns the state after them. The loop stays in int32
 * arithmetic (the unsigned comparison made signed by flipping the top bit) and writes four bytes a store
 * where it can: ~40 % less time than one byte at a time, the same bytes.
 */
export function fillAtLeastFrom(
  state: number,
  threshold: number,
  out: Uint8Array,
  start: number,
  end: number,
): number {
  const bound = integerBound(threshold);
  if (bound > 0xffffffff) {
    out.fill(0, start, end);
    return stateAfter(state, end - start);
  }
  const signedBound = Math.max(bound, 0) ^ 0x80000000;
  let s = state | 0;
  let i = start;
  if (LITTLE_ENDIAN && (out.byteOffset + start) % 4 === 0) {
    const words = new Uint32Array(out.buffer, out.byteOffset + start, (end - start) >> 2);
    for (let w = 0; w < words.length; w++) {
      let word = 0;
      for (let shift = 0; shift < 32; shift += 8) {
        s = (s + STEP) | 0;
        let t = s;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        word |= ((t ^ (t >>> 14) ^ 0x80000000) >= signedBound ? 1 : 0) << shift;
      }
      words[w] = word;
    }
    i = start + words.length * 4;
  }
  for (; i < end; i++) {
    s = (s + STEP) | 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = (t ^ (t >>> 14) ^ 0x80000000) >= signedBound ? 1 : 0;
  }
  return s >>> 0;
}

/** Fills `out` with the next numbers of `random`: in one loop for a SeededRandom, else call by call. */
export function fillRandom(random: Random, out: Float64Array): void {
  const bulk = (random as Partial<SeededRandom>).fill;
  if (typeof bulk === 'function') bulk(out);
  else for (let i = 0; i < out.length; i++) out[i] = random();
}

/** out[i] = 1 where the next number of `random` is ≥ `threshold`, else 0: in one loop for a SeededRandom. */
export function fillAtLeast(random: Random, threshold: number, out: Uint8Array): void {
  const bulk = (random as Partial<SeededRandom>).fillAtLeast;
  if (typeof bulk === 'function') bulk(threshold, out);
  else for (let i = 0; i < out.length; i++) out[i] = random() >= threshold ? 1 : 0;
}

/** A uniform integer in [0, n). */
export function randomInt(random: Random, n: number): number {
  return Math.floor(random() * n);
}

/** Fisher–Yates shuffle in place; returns the same array. */
export function shuffleInPlace<T>(random: Random, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomInt(random, i + 1);
    const tmp = items[i];
    items[i] = items[j];
    items[j] = tmp;
  }
  return items;
}

/** A standard normal sample (Box–Muller). */
export function randomNormal(random: Random): number {
  let u = 0;
  while (u === 0) u = random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Derives an independent seed for a named sub-stream (so adding a consumer does not shift the others). */
export function deriveSeed(seed: number, stream: string): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (let i = 0; i < stream.length; i++) {
    h = Math.imul(h ^ stream.charCodeAt(i), 0x01000193) >>> 0;
  }
  return h;
}
