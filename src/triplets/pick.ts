/** Seeded picks of positives and negatives for one anchor. */
import { randomInt, type Random } from '../util/random.js';
import type { ClassIndex } from './class-index.js';

/** A random member of the anchor's class other than the anchor itself (the class has ≥ 2 members). */
export function pickPositive(index: ClassIndex, labels: Int32Array, anchor: number, random: Random): number {
  const members = index.members[labels[anchor]];
  // draw from the other members: position ≥ the anchor's own shifts by one, so the anchor is never chosen
  const own = members.indexOf(anchor);
  const j = randomInt(random, members.length - 1);
  return members[j >= own ? j + 1 : j];
}

/**
 * A random labelled row whose class differs from every class in `avoid`, or −1 when none exists. Drawn
 * uniformly over such rows: rejection first (fast when classes are many), then an exact fallback.
 */
export function pickNegative(index: ClassIndex, labels: Int32Array, avoid: number[], random: Random): number {
  const pool = index.labelled;
  if (pool.length === 0) return -1;
  for (let attempt = 0; attempt < 16; attempt++) {
    const row = pool[randomInt(random, pool.length)];
    if (!avoid.includes(labels[row])) return row;
  }
  const allowed = index.members.flatMap((rows, c) => (avoid.includes(c) ? [] : [rows]));
  const total = allowed.reduce((s, rows) => s + rows.length, 0);
  if (total === 0) return -1;
  let k = randomInt(random, total);
  for (const rows of allowed) {
    if (k < rows.length) return rows[k];
    k -= rows.length;
  }
  return -1;
}

/**
 * Triplet rows for a neighbour-based anchor (ivis's scheme, used for unlabeled rows): the positive is one of
 * its k nearest input-space neighbours, the negative a random row of `pool` (the rows allowed in training)
 * that is neither the anchor nor one of those neighbours.
 */
export function neighbourTriplet(
  anchor: number,
  slot: number,
  neighbours: { k: number; index: Int32Array },
  pool: Int32Array,
  random: Random,
): [number, number] {
  const own = neighbours.index.subarray(slot * neighbours.k, (slot + 1) * neighbours.k);
  const positive = own[randomInt(random, own.length)];
  let negative = pool[randomInt(random, pool.length)];
  for (let attempt = 0; attempt < 32 && (negative === anchor || own.includes(negative)); attempt++) {
    negative = pool[randomInt(random, pool.length)];
  }
  // tiny inputs where every row is a neighbour: any other row will do
  if (negative === anchor) negative = pool[(pool.indexOf(anchor) + 1) % pool.length];
  return [positive, negative];
}
