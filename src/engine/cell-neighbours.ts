/**
 * The neighbourhood check behind `EngineApi.cellNeighbours`: a cell's k nearest neighbours in the preprocessed
 * input and on the map, each by one exact pass over the rows (neighboursOfRow), and their overlap. Arguments
 * arrive from a page, so they are checked here and refused with an 'invalid-request' EngineError.
 */
import type { CellNeighbourhood } from '../api/neighbourhood.js';
import { DEFAULT_NEIGHBOURHOOD_K, MAX_NEIGHBOURHOOD_K } from '../api/neighbourhood.js';
import { EngineError } from '../api/errors.js';
import type { DenseMatrix } from '../api/matrix.js';
import { neighboursOfRow } from '../evaluate/index.js';
import { CoreError } from '../api/core-error.js';
import { countText } from '../api/count-text.js';

const refuse = (message: string) => new EngineError({ kind: 'invalid-request', message });

/** The checked k: the default (capped below the cell count) when null/undefined, else 1 … min(500, rows − 1). */
function checkedK(k: unknown, rows: number): number {
  const most = Math.min(MAX_NEIGHBOURHOOD_K, rows - 1);
  if (k === undefined || k === null) return Math.min(DEFAULT_NEIGHBOURHOOD_K, most);
  if (typeof k !== 'number' || !Number.isInteger(k) || k < 1 || k > most) {
    throw refuse(
      `Neighbourhood size must be a whole number from 1 to ${most} (the run has ${countText(rows)} cells), got ${JSON.stringify(k)}`,
    );
  }
  return k;
}

/** The number of entries of `a` also in `b`. */
function overlap(a: Int32Array, b: Int32Array): number {
  const inB = new Set(b);
  let n = 0;
  for (const v of a) if (inB.has(v)) n++;
  return n;
}

/**
 * Cell `cell`'s neighbourhood in `input` (preprocessed, cells × features) and `map` (cells × dims), which must
 * have the same rows. `cell` and `k` are checked (see EngineApi.cellNeighbours).
 */
export function cellNeighbourhood(
  runId: string,
  input: DenseMatrix,
  map: DenseMatrix,
  cell: unknown,
  k?: unknown,
): CellNeighbourhood {
  const rows = map.rows;
  if (input.rows !== rows)
    throw new CoreError(
      'internal',
      `cellNeighbourhood: input has ${input.rows} rows but the map has ${rows}`,
    );
  if (rows < 2) throw refuse('The neighbourhood check needs a run with at least two cells');
  if (typeof cell !== 'number' || !Number.isInteger(cell) || cell < 0 || cell >= rows) {
    throw refuse(`Cell index must be a whole number from 0 to ${rows - 1}, got ${JSON.stringify(cell)}`);
  }
  const kk = checkedK(k, rows);
  const inputNeighbours = neighboursOfRow(input, cell, kk).indices;
  const mapNeighbours = neighboursOfRow(map, cell, kk).indices;
  return {
    runId,
    cell,
    k: kk,
    inputNeighbours,
    mapNeighbours,
    shared: overlap(inputNeighbours, mapNeighbours),
  };
}
