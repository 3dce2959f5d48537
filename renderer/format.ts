/**
 * Human-readable numbers for the UI: durations, percentages, metric values, counts. Pure (no DOM) so that
 * the formatting rules are unit-tested; every function returns '—' for a value that is missing or not
 * finite, so a NaN never reaches the screen.
 */

import { countText } from '../src/api/count-text.js';

const DASH = '—';

function isNumber(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** 950 → "0.9 s", 75 000 → "1 min 15 s", 3 725 000 → "1 h 2 min". */
export function formatDuration(ms: number | null | undefined): string {
  if (!isNumber(ms) || ms < 0) return DASH;
  const seconds = ms / 1000;
  if (seconds < 10) return `${seconds.toFixed(1)} s`;
  const total = Math.round(seconds);
  if (total < 60) return `${total} s`;
  const minutes = Math.floor(total / 60);
  if (minutes < 60) {
    const rest = total % 60;
    return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
  }
  const hours = Math.floor(minutes / 60);
  const restMinutes = minutes % 60;
  return restMinutes === 0 ? `${hours} h` : `${hours} h ${restMinutes} min`;
}

/** 0.8734 → "87.3 %". */
export function formatPercent(fraction: number | null | undefined, digits = 1): string {
  if (!isNumber(fraction)) return DASH;
  return `${(fraction * 100).toFixed(digits)} %`;
}

/** A metric in [−1, 1] or [0, 1] shown with three decimals: 0.87341 → "0.873". */
export function formatMetric(value: number | null | undefined): string {
  if (!isNumber(value)) return DASH;
  return value.toFixed(3);
}

/** A loss value: fixed decimals for ordinary sizes, exponent notation for tiny or huge ones. */
export function formatLoss(value: number | null | undefined): string {
  if (!isNumber(value)) return DASH;
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude < 1e-3 || magnitude >= 1e4)) return value.toExponential(2);
  return value.toFixed(4);
}

/** 12345 → "12 345" (thin-space grouping reads the same in every locale; the engine's `countText`). */
export function formatCount(n: number | null | undefined): string {
  if (!isNumber(n)) return DASH;
  return countText(n);
}

/** 1536 → "1.5 KB". */
export function formatBytes(bytes: number | null | undefined): string {
  if (!isNumber(bytes) || bytes < 0) return DASH;
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** A file name's extension: one or two short parts ("csv", "csv.gz", "h5ad"), a folder's slash after it. */
const EXTENSION = /^[A-Za-z0-9]{1,5}(\.[A-Za-z0-9]{1,4})?\/?$/;

/** How many characters before its extension a shortened name keeps beside it ("…_v2.csv", not "…csv"). */
const TAIL_STEM = 4;

/**
 * A file name split for a one-line list where a long name is cut in the middle: `head` is what may be
 * shortened with an ellipsis, `tail` what always shows — its extension (a folder's slash too) and the last
 * few characters before it, so "pbmc_small_counts_v1.csv" and "…_v2.csv" stay apart and the kind of file
 * stays readable. A name with no extension keeps its last few characters. `head + tail` is the name.
 */
export function nameEnds(name: string): { head: string; tail: string } {
  let ext = 0;
  for (let i = name.length - 2; i > 0; i--) {
    if (name[i] === '.' && EXTENSION.test(name.slice(i + 1))) ext = name.length - i;
  }
  const keep = Math.min(name.length, ext + TAIL_STEM + (ext === 0 && name.endsWith('/') ? 1 : 0));
  return { head: name.slice(0, name.length - keep), tail: name.slice(name.length - keep) };
}

/** A file by its name: the last part of a path, either slash ('/tmp/pkg/samples/pbmc.csv' → 'pbmc.csv'). */
export function fileNameOf(path: string): string {
  return path.split(/[\\/]/).filter(Boolean).pop() ?? path;
}

/** "3 cells" / "1 cell". */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatCount(n)} ${n === 1 ? singular : pluralForm}`;
}
