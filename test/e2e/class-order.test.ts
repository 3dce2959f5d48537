/**
 * End-to-end: on an h5ad whose label is a categorical stored in another order than by size, every list of the
 * classes on Explore — the legend, Select ▸ Select class, Edit labels ▸ Existing class — lists them in the
 * stored order, as scanpy and cellxgene show them. Select class listed them largest first and Existing class
 * by name, while the legend (and the map's colours) followed the stored order. The Import screen's class table
 * lists them so too, with their counts (it listed them largest first).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  setEncoding,
  writeDataFrame,
  writeDense,
  writeDict,
} from '../../src/engine/h5ad/anndata-elements.js';
import { loadH5wasm } from '../../src/engine/h5ad/h5wasm-module.js';
import { seededRandom } from '../../src/util/random.js';
import { openAndTrainOnBrowsedFile, openBrowsedFile, waitFor } from './browser-session.js';
import { browserSessionHooks } from './session-hooks.js';

/** The stored categories, in neither size order (B 30, T 20, NK 10 cells) nor by name (B, NK, T). */
const STORED = ['T cell', 'NK cell', 'B cell'];
const SIZES = [20, 10, 30];
const GENES = 12;

/** Writes an h5ad of dense X whose obs['cell_type'] is a categorical with the STORED categories. */
async function writeOrderedH5ad(path: string): Promise<void> {
  const codes = Int8Array.from(SIZES.flatMap((n, c) => Array.from({ length: n }, () => c)));
  const cells = codes.length;
  const random = seededRandom(3);
  // each class raises its own genes, so the map has something to separate
  const data = Float32Array.from({ length: cells * GENES }, (_, i) => {
    const cls = codes[Math.floor(i / GENES)];
    return random() + ((i % GENES) % SIZES.length === cls ? 4 : 0);
  });
  const h5wasm = await loadH5wasm();
  const file = new h5wasm.File(path, 'w');
  try {
    setEncoding(file, 'anndata', '0.1.0');
    writeDense(file, 'X', { rows: cells, cols: GENES, data });
    const ids = Array.from({ length: cells }, (_, i) => `cell_${i}`);
    writeDataFrame(file, 'obs', ids, [
      {
        name: 'cell_type',
        codes,
        categories: STORED,
        stored: { kind: 'categorical', categories: STORED },
      },
    ]);
    const genes = Array.from({ length: GENES }, (_, g) => `GENE${g + 1}`);
    writeDataFrame(file, 'var', genes, []);
    for (const name of ['obsm', 'layers', 'obsp', 'varm', 'varp', 'uns']) writeDict(file, name);
  } finally {
    file.close();
  }
}

const optionValues = (testid: string) =>
  `Array.from(document.querySelectorAll('[data-testid="${testid}"] option')).map((o) => o.value)`;
/** The legend's class entries, in the order it lists them. */
/** The Import screen's class table, row by row: "class count". */
const CLASS_TABLE = `Array.from(document.querySelectorAll('[data-testid="class-counts"] tbody tr')).map((r) => Array.from(r.cells).map((c) => c.textContent).join(' '))`;
const LEGEND = `Array.from(document.querySelectorAll('[data-testid="explore-plot"] .legend .legendtext')).map((t) => t.textContent)`;

describe(
  'one order of the classes on Explore: the stored categories of an h5ad',
  { timeout: 300_000 },
  () => {
    const opened = browserSessionHooks('class-order', {
      prepare: (session) => writeOrderedH5ad(join(session.work, 'ordered.h5ad')),
      goto: false,
    });

    test("the Import screen's class table lists the stored order with the counts", async () => {
      const { session, page } = opened;
      await page.goto(session.serve.url);
      await openBrowsedFile(page, 'ordered.h5ad');
      await page.getByTestId('label-column').selectOption('cell_type');
      const rows = await waitFor<string[]>(page, CLASS_TABLE, (r) => r.length === STORED.length);
      assert.deepEqual(
        rows,
        STORED.map((c, i) => `${c} ${SIZES[i]}`),
      );
      assert.deepEqual(session.problems, []);
    });

    test('the legend, Select class and Existing class list the stored order', async () => {
      const { session, page } = opened;
      await openAndTrainOnBrowsedFile(session, 'ordered.h5ad');
      const legend = await waitFor<string[]>(page, LEGEND, (l) =>
        STORED.every((c) => l.some((t) => t.includes(c))),
      );
      const legendOrder = STORED.slice().sort(
        (a, b) => legend.findIndex((t) => t.includes(a)) - legend.findIndex((t) => t.includes(b)),
      );
      assert.deepEqual(legendOrder, STORED, `legend: ${JSON.stringify(legend)}`);
      const selectClass = await waitFor<string[]>(page, optionValues('select-class'), (o) => o.length >= 3);
      assert.deepEqual(
        selectClass.filter((c) => c !== 'unlabeled'),
        STORED,
        'Select class',
      );
      const existing = await waitFor<string[]>(page, optionValues('label-edit-class'), (o) => o.length >= 3);
      assert.deepEqual(existing, STORED, 'Existing class');
      assert.deepEqual(session.problems, []);
    });
  },
);
