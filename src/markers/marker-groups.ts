/**
 * The two sides of a marker test as the engine checks them: the group's rows and the reference's (every
 * other row, or a second set of rows without the ones also in the group). A request that cannot be tested
 * gets one readable 'invalid-request' sentence.
 */
import { EngineError } from '../api/errors.js';
import type { MarkerReference } from '../api/markers.js';

/** The cells of a test: `cells` ascending, `inGroup[i]` 1 for a group cell, 0 for a reference cell. */
export interface MarkerSides {
  cells: Int32Array;
  inGroup: Uint8Array;
  groupSize: number;
  referenceSize: number;
  /** Reference rows dropped because the group holds them too. */
  overlapRemoved: number;
}

const invalid = (message: string) => new EngineError({ kind: 'invalid-request', message });

/** Rows as a sorted array without repeats; anything but whole numbers in [0, rows) is refused by name. */
export function checkedRows(value: unknown, rows: number, what: string): Int32Array {
  const list = value instanceof Int32Array ? value : Array.isArray(value) ? value : null;
  if (list === null) throw invalid(`The ${what} must be a list of cell rows (an Int32Array)`);
  const out = new Int32Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const r: unknown = list[i];
    if (typeof r !== 'number' || !Number.isInteger(r) || r < 0 || r >= rows) {
      throw invalid(`The ${what} names cell row ${String(r)}, but the open data has rows 0 to ${rows - 1}`);
    }
    out[i] = r;
  }
  out.sort();
  let n = 0;
  for (let i = 0; i < out.length; i++) if (i === 0 || out[i] !== out[i - 1]) out[n++] = out[i];
  return out.slice(0, n);
}

/** The group and reference of a request on a dataset of `rows` cells. */
export function markerSides(
  group: unknown,
  reference: MarkerReference | undefined,
  rows: number,
): MarkerSides {
  const groupRows = checkedRows(group, rows, 'selection');
  if (groupRows.length === 0) throw invalid('Select at least one cell to find its marker genes');
  const member = new Uint8Array(rows); // 0 outside the test, 1 group, 2 reference
  for (const r of groupRows) member[r] = 1;
  let overlapRemoved = 0;
  if (reference === undefined || reference === 'rest') {
    if (groupRows.length === rows) {
      throw invalid('The selection holds every cell: there is no rest to compare it with');
    }
    for (let r = 0; r < rows; r++) if (member[r] === 0) member[r] = 2;
  } else {
    const refRows = checkedRows(reference, rows, 'reference selection');
    for (const r of refRows) {
      if (member[r] === 1) overlapRemoved++;
      else member[r] = 2;
    }
    if (refRows.length - overlapRemoved === 0) {
      throw invalid(
        refRows.length === 0
          ? 'The reference selection is empty: select the cells to compare with'
          : 'Every cell of the reference selection is also in the selection: there is nothing to compare with',
      );
    }
  }
  let count = 0;
  for (let r = 0; r < rows; r++) if (member[r] !== 0) count++;
  const cells = new Int32Array(count);
  const inGroup = new Uint8Array(count);
  let i = 0;
  for (let r = 0; r < rows; r++) {
    if (member[r] === 0) continue;
    cells[i] = r;
    inGroup[i++] = member[r] === 1 ? 1 : 0;
  }
  return {
    cells,
    inGroup,
    groupSize: groupRows.length,
    referenceSize: count - groupRows.length,
    overlapRemoved,
  };
}
