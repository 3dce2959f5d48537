/**
 * What negative expression values are, in one sentence both sides say: `inspect`'s Values line and the Import
 * summary's (a walkthrough: the CLI said "scaled or log-ratio data" and the page "as sc.pp.scale leaves X" of the
 * same file, as if they were two findings). No imports (contract layer).
 */

/** Why values with a negative one are taken as transformed: centred or scaled data, or log-ratios. */
const NEGATIVE_VALUES_WHY = 'negative values: centred or scaled, as sc.pp.scale leaves X, or log-ratios';

/**
 * "already transformed (negative values: centred or scaled, as sc.pp.scale leaves X, or log-ratios)", with
 * `range` ("values -3 to 0") after a ';' inside the brackets when given (the CLI's Values line gives it; the
 * page shows the range elsewhere). Default: no range.
 */
export function negativeValuesText(range?: string): string {
  return `already transformed (${NEGATIVE_VALUES_WHY}${range === undefined ? '' : `; ${range}`})`;
}
