/**
 * The Import screen's top-left corner for formats that are not text tables (MatrixMarket, HDF5): built from
 * the imported table — id, metadata columns, then the first genes — since the file has no rows to show.
 */
import type { FilePreview } from './preview.js';
import type { ExpressionTable } from './types.js';
import { float32Text } from '../util/float32-text.js';
import { valueText } from './numeric-column.js';

/** The first `rows` cells and `cols` columns of a table, as text, laid out like a CSV with cells as rows. */
export function previewTable(table: ExpressionTable, rows = 10, cols = 20): FilePreview {
  const all = [table.idColumn, ...table.metadata.map((m) => m.name), ...table.genes];
  const names = all.slice(0, cols);
  const genesShown = Math.max(0, names.length - 1 - table.metadata.length);
  const metaShown = Math.min(table.metadata.length, names.length - 1);
  const { values } = table;
  const shown = Math.min(rows, values.rows);
  const out: string[][] = [];
  for (let r = 0; r < shown; r++) {
    const row = new Array<string>(genesShown).fill('0');
    if (values.format === 'csr') {
      for (let k = values.indptr[r]; k < values.indptr[r + 1]; k++) {
        const c = values.indices[k];
        if (c < genesShown) row[c] = float32Text(values.data[k]);
      }
    } else {
      for (let c = 0; c < genesShown; c++) row[c] = float32Text(values.data[r * values.cols + c]);
    }
    out.push([table.ids[r], ...table.metadata.slice(0, metaShown).map((m) => valueText(m, r)), ...row]);
  }
  return { columns: names, rows: out, totalColumns: all.length, delimiter: '\t' };
}
