/**
 * Colours for the map. Classes get distinct categorical colours (a colour-blind-friendly palette first, then
 * more hues); genes and numeric metadata get a continuous scale whose range ignores the extreme 1 % at each
 * end so that one outlier cell does not wash out the rest.
 */

// the palette and the unlabeled grey are shared with the CLI's h5ad result (its uns['<label>_colors'])
export { CATEGORICAL_PALETTE, categoryColor, UNLABELED_COLOR } from '../src/api/class-palette.js';

/** Plotly's name of the continuous scale used for expression values. */
export const CONTINUOUS_SCALE = 'Viridis';

/** A colour range [min, max] for continuous values. */
export interface ColorRange {
  min: number;
  max: number;
}

/**
 * The 1st–99th percentile range of the finite values (the full range when that collapses), so the scale is
 * not set by outliers. Returns {0, 1} when there is no finite value, and widens a zero-width range.
 */
export function robustRange(values: ArrayLike<number>, lowQuantile = 0.01, highQuantile = 0.99): ColorRange {
  const finite: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) finite.push(v);
  }
  if (finite.length === 0) return { min: 0, max: 1 };
  finite.sort((a, b) => a - b);
  const at = (q: number): number =>
    finite[Math.min(finite.length - 1, Math.max(0, Math.round(q * (finite.length - 1))))];
  let min = at(lowQuantile);
  let max = at(highQuantile);
  if (!(max > min)) {
    min = finite[0];
    max = finite[finite.length - 1];
  }
  if (!(max > min)) return { min: min - 0.5, max: max + 0.5 };
  return { min, max };
}

/**
 * True when a metadata column reads as numbers (every non-empty value parses), so it is coloured on a
 * continuous scale rather than as categories.
 */
export function isNumericColumn(values: readonly string[]): boolean {
  let seen = 0;
  for (const raw of values) {
    const v = raw.trim();
    if (v === '' || v === 'NA' || v === 'NaN') continue;
    if (!Number.isFinite(Number(v))) return false;
    seen++;
  }
  return seen > 0;
}

/** Parses a numeric metadata column; empty or unparsable entries become NaN (drawn grey by Plotly). */
export function parseNumericColumn(values: readonly string[]): Float32Array {
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i].trim();
    out[i] = v === '' ? NaN : Number(v);
  }
  return out;
}
