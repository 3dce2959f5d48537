/**
 * ' Did you mean "counts"?' after a refusal of a column, layer or embedding the file does not have, when one it
 * has is a typo away (`api/closest-name.ts`: at most two edits, letter case aside) — as the CLI names the
 * nearest option, choice or label column. '' when none is that near.
 */
import { closestName } from '../api/closest-name.js';

export function didYouMean(typed: string, known: readonly string[]): string {
  const near = closestName(typed, known);
  return near === undefined || near === typed ? '' : ` Did you mean "${near}"?`;
}
