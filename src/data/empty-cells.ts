/**
 * Cells whose every value is 0 (empty droplets of an unfiltered Cell Ranger matrix, say): preprocessing cannot
 * tell them apart, so they all land on one spot of the map and their predicted labels mean nothing. The import
 * warns about them; it does not drop them (the output keeps one row per input cell).
 */
import type { ImportWarning } from '../api/import-warning.js';
import type { ExpressionMatrix } from '../api/matrix.js';
import { countText } from '../api/count-text.js';
import type { ExpressionTable } from './types.js';

/** How many of the empty cells a warning names. */
const IDS_SHOWN = 3;

/** The rows of `m` without a non-zero value, in order. Stops at each row's first non-zero. */
export function emptyRows(m: ExpressionMatrix): number[] {
  const empty: number[] = [];
  for (let r = 0; r < m.rows; r++) {
    let from: number;
    let to: number;
    if (m.format === 'csr') {
      from = m.indptr[r];
      to = m.indptr[r + 1];
    } else {
      from = r * m.cols;
      to = from + m.cols;
    }
    let k = from;
    while (k < to && m.data[k] === 0) k++;
    if (k === to) empty.push(r);
  }
  return empty;
}

/** The warning for a table with empty cells, or undefined when every cell has a non-zero value. */
export function emptyCellsWarning(table: ExpressionTable): ImportWarning | undefined {
  if (table.values.cols === 0) return undefined;
  const empty = emptyRows(table.values);
  if (empty.length === 0) return undefined;
  const shown = empty.slice(0, IDS_SHOWN).map((r) => table.ids[r]);
  const examples = `${shown.join(', ')}${empty.length > IDS_SHOWN ? ', …' : ''}`;
  // a text table's rows may be bulk samples: rows, as inspect and the CLI's other lines call them
  const rows = (table.format?.kind ?? 'text') === 'text' ? 'rows' : 'cells';
  return {
    code: 'empty-cells',
    message:
      `${countText(empty.length)} of ${countText(table.values.rows)} ${rows} have no counts (every gene is 0: ${examples}): nothing ` +
      'tells them apart, so they share one spot on the map and their predicted labels mean nothing. Leave ' +
      "empty droplets out (Cell Ranger's filtered_feature_bc_matrix, or scanpy's " +
      'sc.pp.filter_cells(adata, min_counts=1)).',
  };
}
