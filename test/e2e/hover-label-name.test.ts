/**
 * End-to-end, the map's hover box names the label column: a scanpy user's run on `cell_type` showed
 * "label: B cell" on each cell, a word of the app's where the file says `cell_type`. Hovering a cell of the
 * 2-D Explore map (headless Chromium, the real `tripletlens serve`) now shows "cell_type: B cell".
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { trainOnBrowsedFile, waitFor } from './browser-session.js';
import { browserSessionHooks } from './session-hooks.js';

/** 24 cells of 3 classes × 8 genes, each class high on genes of its own; the label column `cell_type`. */
function cellsCsv(): string {
  const classes = ['B cell', 'NK cell', 'T cell'];
  const genes = Array.from({ length: 8 }, (_, g) => `G${g}`);
  const rows = [['cell', ...genes, 'cell_type'].join(',')];
  for (let i = 0; i < 24; i++) {
    const k = i % classes.length;
    const values = genes.map((_, g) => ((g % 3 === k ? 5 : 0) + ((i * 7 + g * 13) % 11) / 10).toFixed(2));
    rows.push([`cell${i}`, ...values, classes[k]].join(','));
  }
  return `${rows.join('\n')}\n`;
}

// Browser-side code as strings: this file is type-checked without the DOM library.
/** Every cell of the 2-D map: its page position and its label (the hover text's second line). */
const CELLS = `(() => {
  const el = document.querySelector('[data-testid="explore-plot"]');
  if (!el || !el.data || !el._fullLayout || !el._fullLayout.xaxis || el.offsetParent === null) return [];
  const xa = el._fullLayout.xaxis, ya = el._fullLayout.yaxis, box = el.getBoundingClientRect();
  const cells = [];
  for (const t of el.data) {
    if (t.meta === 'legend-only' || !t.customdata || t.type !== 'scattergl') continue;
    for (let i = 0; i < t.x.length; i++) {
      cells.push({ px: box.left + xa._offset + xa.l2p(t.x[i]), py: box.top + ya._offset + ya.l2p(t.y[i]) });
    }
  }
  return cells;
})()`;
const HOVER_TEXT = `Array.from(document.querySelectorAll('[data-testid="explore-plot"] .hovertext')).map((e) => e.textContent).join('|')`;

interface Cell {
  px: number;
  py: number;
}

describe("the map's hover box names the label column", { timeout: 300_000 }, () => {
  const opened = browserSessionHooks('hover-label', {
    prepare: async (session) => {
      writeFileSync(join(session.work, 'cells-typed.csv'), cellsCsv());
    },
    ready: async ({ page }) => {
      await page.getByTestId('tab-train').click();
      await page.getByTestId('train-dims').selectOption('2');
      await page.getByTestId('tab-import').click();
      await trainOnBrowsedFile(page, 'cells-typed.csv', { label: 'cell_type' });
    },
  });

  test("hovering a cell shows 'cell_type: <its class>', not 'label:'", async () => {
    const { page } = opened;
    const cells = await waitFor<Cell[]>(page, CELLS, (c) => c.length === 24, 120_000);
    // a cell with no other within 10 px, so the hover box is that cell's alone
    const apart = cells.find((c) => cells.every((o) => o === c || Math.hypot(o.px - c.px, o.py - c.py) > 10));
    assert.ok(apart, 'some cell stands apart on the map');
    await page.mouse.move(apart.px + 1, apart.py + 1);
    await page.mouse.move(apart.px, apart.py);
    const hover = await waitFor<string>(page, HOVER_TEXT, (t) => t.includes('cell'), 30_000);
    assert.match(hover, /cell_type: (B cell|NK cell|T cell)/, hover);
    assert.doesNotMatch(hover, /(^|[^_])label: /, hover);
  });
});
