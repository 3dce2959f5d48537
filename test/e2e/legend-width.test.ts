/**
 * End-to-end, the Explore map keeps most of its panel with long class names: 36 classes named as Cell Ontology
 * labels (cellxgene) and 10x/scanpy annotations are, the longest 74 characters. Plotly sizes its legend to the
 * longest entry, and that legend took two thirds of the panel in a 1024 px window, the map squeezed into the
 * rest. Checked in 2-D and 3-D, with a shortened entry's full name as its tooltip and a legend click still
 * hiding its class.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { SHOTS_DIR, trainOnBrowsedFile, waitFor, waitForSteady } from './browser-session.js';
import { browserSessionHooks } from './session-hooks.js';

/** Labels as single-cell files carry them. */
const CLASSES = [
  'CD4-positive, alpha-beta memory T cell',
  'naive thymus-derived CD4-positive, alpha-beta T cell',
  'CD8-positive, alpha-beta memory T cell',
  'naive thymus-derived CD8-positive, alpha-beta T cell',
  'effector memory CD8-positive, alpha-beta T cell',
  'central memory CD4-positive, alpha-beta T cell',
  'CD4-positive, alpha-beta cytotoxic T cell',
  'regulatory T cell',
  'mucosal invariant T cell',
  'gamma-delta T cell',
  'natural killer cell',
  'CD16-positive, CD56-dim natural killer cell, human',
  'CD16-negative, CD56-bright natural killer cell, human',
  'CD14-positive monocyte',
  'CD14-low, CD16-positive monocyte',
  'classical monocyte',
  'non-classical monocyte',
  'conventional dendritic cell',
  'plasmacytoid dendritic cell',
  'Dendritic cells, plasmacytoid',
  'CD14+ Monocytes',
  'FCGR3A+ Monocytes',
  'naive B cell',
  'memory B cell',
  'class switched memory B cell',
  'transitional stage B cell',
  'plasmablast',
  'plasma cell',
  'platelet',
  'erythrocyte',
  'hematopoietic multipotent progenitor cell',
  'innate lymphoid cell',
  'CD1c-positive myeloid dendritic cell',
  'double negative thymocyte',
  'effector memory CD8-positive, alpha-beta T cell, terminally differentiated',
  'CD4-positive, CD25-positive, alpha-beta regulatory T cell',
];

/** A table of 34 classes × 4 cells × 12 genes, each class high on a gene pattern of its own. */
function longNamesCsv(): string {
  const genes = Array.from({ length: 12 }, (_, g) => `G${g}`);
  const rows = [['cell', ...genes, 'cell_type'].join(',')];
  for (let i = 0; i < CLASSES.length * 4; i++) {
    const k = i % CLASSES.length;
    const values = genes.map((_, g) =>
      ((((k >> (g % 6)) & 1) === 1 ? 5 : 0) + ((i * 7 + g * 13) % 11) / 10).toFixed(2),
    );
    // quoted: the labels hold commas
    rows.push([`cell${i}`, ...values, `"${CLASSES[k]}"`].join(','));
  }
  return `${rows.join('\n')}\n`;
}

// Browser-side code as strings: this file is type-checked without the DOM library.
const PLOT = `document.querySelector('[data-testid="explore-plot"]')`;
/**
 * The share of the plot's width its drawing area (Plotly's plot area, inside margins and legend) takes, once
 * laid out at the plot's size; null before. Plotly's private `_size`, read only here.
 */
const PLOT_SHARE = `(() => {
  const el = ${PLOT};
  const l = el && el._fullLayout;
  if (!l || !l._size || el.clientWidth === 0 || Math.abs(l.width - el.clientWidth) >= 1) return null;
  return { share: l._size.w / el.clientWidth, legend: el.querySelector('.legend').getBoundingClientRect().width,
    width: el.clientWidth };
})()`;
/** The visibility of every drawn trace of a legend group. */
const visibility = (group: string) =>
  `${PLOT}._fullData.filter((t) => t.legendgroup === ${JSON.stringify(group)}).map((t) => String(t.visible))`;

interface Share {
  share: number;
  legend: number;
  width: number;
}

describe('The Explore map with long class names', { timeout: 300_000 }, () => {
  const opened = browserSessionHooks('legend-width', {
    prepare: (session) => writeFileSync(join(session.work, 'long-names.csv'), longNamesCsv()),
    ready: async ({ page }) => {
      await page.getByTestId('tab-train').click();
      await page.getByTestId('train-dims').selectOption('3');
      await page.getByTestId('tab-import').click();
      await trainOnBrowsedFile(page, 'long-names.csv', { label: 'cell_type' });
      await page.getByTestId('explore-plot').locator('.main-svg').first().waitFor({ timeout: 60_000 });
    },
  });

  for (const dims of ['3', '2']) {
    test(`keeps most of the panel for the map in ${dims}-D, in a 1280 and a 1024 px window`, async (t) => {
      const { page } = opened;
      await page.getByTestId('explore-dims').selectOption(dims);
      const type = dims === '3' ? 'scatter3d' : 'scattergl';
      await waitFor<boolean>(page, `${PLOT}._fullData.every((t) => t.type === '${type}')`, (v) => v);
      for (const [width, height] of [
        [1280, 800],
        [1024, 768],
      ]) {
        await page.setViewportSize({ width, height });
        await waitFor<boolean>(page, `${PLOT}.clientWidth < ${width - 300}`, (v) => v);
        const drawn = await waitForSteady<Share>(page, PLOT_SHARE);
        await page.screenshot({ path: join(SHOTS_DIR, `legend-width-${dims}d-${width}.png`) });
        // before: a 2-D plot area of 47 % of the panel at 1280 px and 27 % at 1024 px, the legend 439 px wide
        t.diagnostic(`${dims}-D, ${width} px: ${JSON.stringify(drawn)}`);
        assert.ok(drawn.share >= 0.55, `${width} px: ${JSON.stringify(drawn)}`);
      }
      await page.setViewportSize({ width: 1280, height: 800 });
    });
  }

  test('a shortened legend entry shows the full name on hover; a click hides its whole class', async () => {
    const { page } = opened;
    const name = 'CD16-negative, CD56-bright natural killer cell, human';
    const entry = page
      .locator('[data-testid="explore-plot"] .legend .traces')
      .filter({ hasText: 'CD16-negative' });
    const text = (await entry.locator('.legendtext').textContent()) ?? '';
    assert.ok(text.endsWith('…') && name.startsWith(text.slice(0, -1)), text);
    // its full name is the entry's tooltip
    await entry.hover();
    assert.equal(await entry.locator(':scope > title').textContent(), name);
    await entry.click();
    await waitFor<string[]>(
      page,
      visibility(name),
      (v) => v.length > 1 && v.every((s) => s === 'legendonly'),
    );
    await entry.click();
    await waitFor<string[]>(page, visibility(name), (v) => v.length > 1 && v.every((s) => s === 'true'));
  });

  test('no script errors or CSP violations', () => {
    assert.deepEqual(opened.session.problems, []);
  });
});
