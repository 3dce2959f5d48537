/**
 * Two ways to combine K maps of the same cells that are not a 3-D map, as yardsticks for the averaged map of
 * bench/ensemble-maps.ts: if neither classifies held-out cells better than one map, no map made from the K can
 * be expected to; if they do, the members' errors differ and averaging coordinates is what loses it.
 * - `majorityLabels`: each member's kNN-5 call, the plurality of the K calls (a tie to the earliest member whose
 *   call is among the tied — the reference map first).
 * - `concatenateMaps`: the K maps side by side (K·d columns), each centred on and scaled to unit Frobenius norm
 *   over the fit rows, so a squared distance is the sum of the members' normalised squared distances; no
 *   alignment is needed.
 * Pure; tested in test/bench/ensemble-votes.test.ts.
 */
import type { DenseMatrix } from '../../src/api/matrix.js';

/** The plurality of the members' labels, row by row (`calls[m][row]`; ties to the earliest member tied). */
export function majorityLabels(calls: readonly (readonly string[])[]): string[] {
  if (calls.length === 0) throw new RangeError('majorityLabels needs at least one member');
  const rows = calls[0].length;
  if (calls.some((c) => c.length !== rows))
    throw new RangeError('majorityLabels: members of different lengths');
  return Array.from({ length: rows }, (_, r) => {
    const counts = new Map<string, number>();
    for (const c of calls) counts.set(c[r], (counts.get(c[r]) ?? 0) + 1);
    const top = Math.max(...counts.values());
    // Map keeps first-seen order, but the tie rule is by member order: the first member whose call ties
    return calls.find((c) => counts.get(c[r]) === top)![r];
  });
}

/** The maps side by side, each centred on `fitRows` and scaled to unit Frobenius norm over them. */
export function concatenateMaps(maps: readonly DenseMatrix[], fitRows: readonly number[]): DenseMatrix {
  if (maps.length === 0) throw new RangeError('concatenateMaps needs at least one map');
  const rows = maps[0].rows;
  if (maps.some((m) => m.rows !== rows))
    throw new RangeError('concatenateMaps: maps of different row counts');
  const cols = maps.reduce((s, m) => s + m.cols, 0);
  const data = new Float32Array(rows * cols);
  let offset = 0;
  for (const m of maps) {
    const mean = new Float64Array(m.cols);
    for (const r of fitRows)
      for (let c = 0; c < m.cols; c++) mean[c] += m.data[r * m.cols + c] / fitRows.length;
    let norm = 0;
    for (const r of fitRows) for (let c = 0; c < m.cols; c++) norm += (m.data[r * m.cols + c] - mean[c]) ** 2;
    if (!(norm > 0)) throw new RangeError('concatenateMaps: a map whose fit rows are all one point');
    const scale = 1 / Math.sqrt(norm);
    for (let r = 0; r < rows; r++)
      for (let c = 0; c < m.cols; c++)
        data[r * cols + offset + c] = (m.data[r * m.cols + c] - mean[c]) * scale;
    offset += m.cols;
  }
  return { rows, cols, data };
}
