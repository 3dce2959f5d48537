/**
 * TripletLens's own coordinates files read back: the CSV `train` writes (id, label, split, x, y[, z, d4…],
 * predicted_label, confidence[, label_edited]) and the one `embed` and Export projected cells write (id[, label], x,
 * y[, z…], predicted_label, confidence, joined metadata…). Their header names them: the axes as
 * `engine/coordinates-csv.ts` `axisNames` writes them, x first, then at once `predicted_label` (`.1`, `.2`…
 * when the input had a column of that name). Such a file opened again as data — to look at the map, or to
 * train on it — is a map: its axes are the matrix, and every other column is one of the annotations we wrote
 * or carried (embed's numeric `confidence`, a label column of integer codes, a joined `n_counts`), never a
 * gene. Read by the column rules, which otherwise took `confidence` for a gene (a walkthrough: embed's CSV
 * inspected as "700 rows × 4 genes" with a warning about `confidence`).
 */

/** The name of the axis at `index` (0-based) as the coordinates CSV writes it: x, y, z, then d4, d5… */
function axisName(index: number): string {
  return ['x', 'y', 'z'][index] ?? `d${index + 1}`;
}

/** `predicted_label` as the coordinates CSV writes it, renamed `predicted_label.1`… by a clash. */
const PREDICTED = /^predicted_label(?:\.\d+)?$/;

/**
 * The header indices of the axes when `header` is one of TripletLens's coordinates files (see the file
 * comment), else null: a column `x` followed by y (and z, d4… in order), at least two axes, then at once a
 * `predicted_label` column. A table that merely has x and y columns (spatial data) is not one.
 */
export function ownCoordinateAxes(header: readonly string[]): number[] | null {
  const start = header.findIndex((name) => name.trim() === 'x');
  if (start === -1) return null;
  const axes: number[] = [];
  for (let c = start; c < header.length && header[c].trim() === axisName(axes.length); c++) axes.push(c);
  if (axes.length < 2) return null;
  const next = header[start + axes.length];
  return next !== undefined && PREDICTED.test(next.trim()) ? axes : null;
}
