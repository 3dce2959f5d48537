/**
 * "did you mean --epochs?" for a mistyped option, "did you mean 'train'?" for a mistyped command (the CLI) and
 * "did you mean 'semi-hard'?" for a mistyped choice of an option's value (`OptionError`, wherever a value is
 * checked): the known name nearest to it by edit distance, when it is near enough to be a typo (at most two
 * edits, and fewer than half its letters), letter case aside. Two neighbouring letters swapped ("trian",
 * "--dmis") count as one edit, as they are one slip of the fingers. Imports nothing.
 */

/**
 * Edit distance between `a` and `b`: insertions, deletions, substitutions and swaps of two neighbouring letters
 * cost 1 (the optimal string alignment distance).
 */
function editDistance(a: string, b: string): number {
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      let distance = Math.min(previous[j] + 1, current[j - 1] + 1, substitution);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        distance = Math.min(distance, before[j - 2] + 1);
      }
      current.push(distance);
    }
    before = previous;
    previous = current;
  }
  return previous[b.length];
}

/**
 * The known name (an option without dashes, a command, a choice) closest to `typed` (without dashes), or
 * undefined.
 */
export function closestName(typed: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const name of known) {
    const distance = editDistance(typed.toLowerCase(), name.toLowerCase());
    if (distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  return bestDistance <= 2 && bestDistance * 2 < typed.length ? best : undefined;
}
