// A bulk panel's run (a text table: its rows are samples, "rows" everywhere else) warned that a class "has a
// single cell and cannot anchor a triplet (no positive); its cell is used only as negatives". The trainer's
// warnings now say rows for a text table's rows, and cells for an h5ad's.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ExpressionTable } from '../../src/data/types.js';
import { runTraining } from '../../src/engine/run-training.js';
import { blobTable } from './helpers.js';

/** `blobTable` with its first row the only one of class 'lonely'. */
function withLonelyRow(format?: ExpressionTable['format']): ExpressionTable {
  const table = blobTable({ perClass: 12 });
  const labels = [...table.metadata[0].values];
  labels[0] = 'lonely';
  return { ...table, metadata: [{ name: 'cell_type', values: labels }], ...(format ? { format } : {}) };
}

async function singleWarnings(table: ExpressionTable): Promise<string[]> {
  const run = await runTraining(table, { labelColumn: 'cell_type', epochs: 2, seed: 1 });
  try {
    return run.report.warnings.filter((w) => w.includes("'lonely'"));
  } finally {
    run.encoder.dispose();
  }
}

test("a class of one row is said so in the table's words: rows of a text table, cells of an h5ad", async () => {
  const text = await singleWarnings(withLonelyRow());
  assert.ok(text.length > 0, 'the lonely class is warned about');
  for (const w of text) {
    assert.match(w, /^Class 'lonely' has a single row and cannot anchor a triplet/);
    assert.doesNotMatch(w, /\bcells?\b/);
  }
  const h5ad = await singleWarnings(withLonelyRow({ kind: 'h5ad', matrix: 'X', layers: [], obsm: [] }));
  assert.ok(h5ad.length > 0);
  for (const w of h5ad) assert.match(w, /^Class 'lonely' has a single cell and cannot anchor a triplet/);
});
