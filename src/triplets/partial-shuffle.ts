/**
 * The first k entries of a partial Fisher–Yates shuffle of `members` — the same draws in the same order as
 * shuffling a copy (for i < k: j = i + randomInt(random, n − i), swap, take slot i) — without copying the
 * list: only the slots a swap moved are kept, in a Map. The online sampler draws K cells of each of P classes
 * every step; copying a class of 80 000 cells per draw cost ~16 ms a step at 1 000 000 cells (more than the
 * native training step's own JavaScript), this costs O(k).
 */
import { randomInt, type Random } from '../util/random.js';

/** Calls `take` with k distinct entries of `members` (k ≤ members.length), as a shuffled copy's first k. */
export function partialShuffle(
  members: Int32Array,
  k: number,
  random: Random,
  take: (row: number) => void,
): void {
  // slot → its entry, for the slots a swap changed (every other slot still holds members[slot])
  const moved = new Map<number, number>();
  for (let i = 0; i < k; i++) {
    const j = i + randomInt(random, members.length - i);
    const atI = moved.get(i) ?? members[i];
    const atJ = moved.get(j) ?? members[j];
    // slot i is never read again (later draws are from i + 1 on), so only slot j is written
    moved.set(j, atI);
    take(atJ);
  }
}
