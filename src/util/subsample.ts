/**
 * Seeded uniform subsampling without replacement: caps the O(n²) metrics at a fixed size, and picks the
 * anchors a step-budgeted run searches neighbours for.
 */
import type { Random } from './random.js';

/** `rows` itself when it has at most `max` entries, else `max` of them chosen uniformly, ascending. */
export function subsampleRows(rows: Int32Array, max: number, random: Random): Int32Array {
  if (rows.length <= max) return rows;
  const pool = Int32Array.from(rows);
  // Partial Fisher–Yates: the first `max` slots end up a uniform sample.
  for (let i = 0; i < max; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    const t = pool[i];
    pool[i] = pool[j];
    pool[j] = t;
  }
  return pool.slice(0, max).sort();
}
