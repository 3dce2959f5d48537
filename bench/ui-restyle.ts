/**
 * `npm run bench -- ui-restyle`: how long the Explore map takes to follow two everyday changes on a small
 * map — colouring by a gene (Colour by → a gene → Apply) and isolating a class (double-click on its legend
 * entry, then double-click again to show all) — in 3-D and in 2-D, in headless Chromium with software
 * WebGL. The page is the built renderer with the synthetic engine of bench/ui.ts (700 cells by default, the
 * size of the bundled sample), served with the strict CSP.
 *
 * Each time runs inside the page from the user's input (the click on Apply, the second mouse-down of the
 * double click) until the figure shows the change and one more frame was painted; median of 5. The page
 * also counts how it drew (full Plotly.react vs. restyle), read from the plot's data-plot-draws attribute
 * when present. Writes bench/results/ui-restyle.json and the `ui-restyle` section of bench/README.md.
 * Numbers vary with machine load (recorded beside them).
 */
import { existsSync, rmSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { packageRoot } from '../src/util/paths.js';
import { CHROMIUM_PATH, launchChromium } from '../test/e2e/chromium.js';
import { machineInfo } from './lib/machine.js';
import { markdownTable, num } from './lib/markdown.js';
import { updateReadmeSection } from './lib/markdown.js';
import { writeResult } from './lib/results.js';
import { median } from './lib/timing.js';
import { buildPage, initScript, serve, STRICT_CSP } from './ui.js';

/** Cells of the synthetic map; UI_RESTYLE_CELLS picks another count. */
const CELLS = Number(process.env.UI_RESTYLE_CELLS ?? 700);
const REPEATS = 5;

export interface RestyleRow {
  view: '3-D' | '2-D';
  geneMs: number;
  isolateMs: number;
  showAllMs: number;
  /** What plot-view reported about its draws after the run (e.g. "react 2, restyle 9"), or "n/a". */
  draws: string;
}

/** In-page helpers (plain JavaScript: see bench/ui.ts). */
const PROBE = `
window.__input = 0;
for (const type of ['mousedown', 'click']) document.addEventListener(type, () => { window.__input = performance.now(); }, true);
window.__restyle = {
  // resolves with ms from the last input once ok(plot) holds and one more frame was painted
  until(check) {
    const el = document.querySelector('[data-testid="explore-plot"]');
    const ok = new Function('el', 'return (' + check + ')(el)');
    return new Promise((resolve) => {
      const poll = () => {
        if (el._fullData && ok(el)) requestAnimationFrame(() => resolve(performance.now() - window.__input));
        else requestAnimationFrame(poll);
      };
      poll();
    });
  },
};
`;

const hiddenCount = `(el) => el._fullData.filter((t) => t.visible === 'legendonly').length`;

async function timeGene(page: Page, gene: string): Promise<number> {
  await page.getByTestId('explore-gene').fill(gene);
  const waiting = page.evaluate(
    `window.__restyle.until((el) => String(el._fullLayout.legend.title.text).includes('${gene}') && el._fullData.some((t) => t.meta !== 'legend-only' && t.text && String(t.text[0]).includes('${gene}:')))`,
  );
  await page.getByTestId('explore-gene-apply').click();
  return Number(await waiting);
}

async function timeLegendDoubleClick(page: Page, name: string, hidden: boolean): Promise<number> {
  const waiting = page.evaluate(
    `window.__restyle.until((el) => (${hiddenCount})(el) ${hidden ? '> 0' : '=== 0'})`,
  );
  await page.locator('[data-testid="explore-plot"] .legend .traces', { hasText: name }).first().dblclick();
  const ms = Number(await waiting);
  await page.waitForTimeout(400); // not part of the next double click
  return ms;
}

async function measureView(page: Page, view: '3-D' | '2-D'): Promise<RestyleRow> {
  await page.getByTestId('explore-color-by').selectOption('label');
  await page.getByTestId('explore-dims').selectOption(view === '3-D' ? '3' : '2');
  await page.waitForTimeout(1000);
  const gene: number[] = [];
  const isolate: number[] = [];
  const showAll: number[] = [];
  await page.getByTestId('explore-color-by').selectOption('gene');
  for (let i = 0; i < REPEATS; i++) gene.push(await timeGene(page, `GENE${i + 1}`));
  await page.getByTestId('explore-color-by').selectOption('label');
  await page.waitForTimeout(1000);
  for (let i = 0; i < REPEATS; i++) {
    isolate.push(await timeLegendDoubleClick(page, `type_${i + 2}`, true));
    showAll.push(await timeLegendDoubleClick(page, `type_${i + 2}`, false));
  }
  const draws = await page.getByTestId('explore-plot').getAttribute('data-plot-draws');
  return {
    view,
    geneMs: median(gene),
    isolateMs: median(isolate),
    showAllMs: median(showAll),
    draws: draws ?? 'n/a',
  };
}

export async function runUiRestyleBench(): Promise<{ rows: RestyleRow[] }> {
  const root = packageRoot();
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(`Chromium is missing at ${CHROMIUM_PATH}: apt-get install -y chromium`);
  const dir = await buildPage(root);
  const script = PROBE + (await initScript(root));
  const { server, url } = await serve(dir);
  const browser = await launchChromium();
  const rows: RestyleRow[] = [];
  const machine = machineInfo();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.addInitScript({ content: script });
    await page.goto(`${url}?cells=${CELLS}`);
    await page.getByTestId('open-sample').click();
    await page.getByTestId('class-counts').waitFor();
    await page.getByTestId('tab-train').click();
    await page.getByTestId('train-epochs').fill('1');
    await page.getByTestId('train-start').click();
    await page.getByTestId('explore-plot').locator('.main-svg').first().waitFor();
    for (const view of ['3-D', '2-D'] as const) {
      const row = await measureView(page, view);
      console.error(
        `ui-restyle ${CELLS} cells ${view}: gene ${Math.round(row.geneMs)} ms, isolate ${Math.round(row.isolateMs)} ms, ` +
          `show all ${Math.round(row.showAllMs)} ms (${row.draws})`,
      );
      rows.push(row);
    }
  } finally {
    await browser.close();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const result = { machine, cells: CELLS, chromium: browser.version(), csp: STRICT_CSP, rows };
  await writeResult('ui-restyle', result);
  await updateReadmeSection('ui-restyle', restyleMarkdown(result));
  return { rows };
}

function restyleMarkdown(result: {
  cells: number;
  chromium: string;
  rows: RestyleRow[];
  machine: { loadAverage: number[]; date: string; cpuModel: string; cores: number; gitCommit: string | null };
}): string {
  return [
    '## UI: recolouring and isolating a class (`bench/ui-restyle.ts`)',
    '',
    `Headless Chromium ${result.chromium}, software WebGL, 1280×800, the built renderer with the synthetic`,
    `engine at ${result.cells.toLocaleString('en-US')} cells (10 classes). Times run in the page from the`,
    'input (click on Apply; second mouse-down of a legend double click) until the map shows the change and',
    'one more frame is painted; median of 5. Target from issue 14: < 0.3 s. "draws" is what the plot counted.',
    `${result.machine.cpuModel}, ${result.machine.cores} cores; run ${result.machine.date} (commit ${result.machine.gitCommit ?? '?'}), load average ${result.machine.loadAverage.map((l) => l.toFixed(1)).join(' / ')}.`,
    '',
    markdownTable(
      ['view', 'colour by a gene', 'isolate a class', 'show all again', 'draws'],
      result.rows.map((r) => [
        r.view,
        `${num(r.geneMs / 1000, 2)} s`,
        `${num(r.isolateMs / 1000, 2)} s`,
        `${num(r.showAllMs / 1000, 2)} s`,
        r.draws,
      ]),
    ),
  ].join('\n');
}
