/**
 * By hand: a 2-D lasso on a 10⁵-cell map through `tripletlens serve`, and the live map's label reply.
 * Writes a synthetic table (CELLS cells, default 100 000, × 10 genes, 10 Gaussian classes in a `cell_type`
 * column) into serve's --root, trains it for one epoch into 2-D from the Train screen, and records:
 * - the bytes of the live labels' reply (the page's `columnValues` call for the label column at the start
 *   of training: the HTTP body as received), and the same labels' text and coded replies as V8 serialises
 *   them (the worker's channel, Electron's IPC) and as an HTTP frame;
 * - a lasso of MOVES mouse moves (default 96) on the Explore map: the page's long tasks during the drag
 *   (PerformanceObserver 'longtask'), Chromium's CPU seconds over the drag (all its processes: /proc), the
 *   drag's wall time, and the time from the release to the selection count.
 * Run: `npm run build && nice npx tsx bench/lasso-100k.ts`. Numbers vary with the machine's load.
 */
import { writeFileSync } from 'node:fs';
import { serialize } from 'node:v8';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { openBrowserSession, waitFor } from '../test/e2e/browser-session.js';
import { treeCpuSeconds } from './lib/proc-cpu.js';
import { encodeColumnCodes } from '../src/api/column-codes.js';
import { encodeFrameParts } from '../src/api/wire.js';

/**
 * The table's labels as the text reply and as the coded one: the bytes the worker's channel ('advanced'
 * serialization: V8's, as structured clone over Electron's IPC) and an HTTP frame carry.
 */
function labelReplySizes(): Record<string, { v8: number; httpFrame: number }> {
  const values = Array.from({ length: CELLS }, (_, i) => `class_${i % 10}`);
  const text = { kind: 'text', name: 'cell_type', values };
  const coded = { kind: 'coded', name: 'cell_type', ...encodeColumnCodes(values) };
  const size = (v: unknown) => ({ v8: serialize(v).length, httpFrame: encodeFrameParts(v).byteLength });
  return { text: size(text), coded: size(coded) };
}

const CELLS = Number(process.env.CELLS ?? 100_000);
const MOVES = Number(process.env.MOVES ?? 96);

/** A seeded table: CELLS rows of 10 genes around 10 class centres, with the class as `cell_type`. */
function writeTable(file: string): void {
  let seed = 7;
  const rand = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
  const gauss = () => Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
  const lines = ['cell_id,cell_type,' + Array.from({ length: 10 }, (_, g) => `g${g}`).join(',')];
  for (let i = 0; i < CELLS; i++) {
    const c = i % 10;
    const genes = Array.from({ length: 10 }, (_, g) => (5 + (g === c ? 4 : 0) + gauss()).toFixed(3));
    lines.push(`c${i},class_${c},${genes.join(',')}`);
  }
  writeFileSync(file, lines.join('\n') + '\n');
}

const session = await openBrowserSession('lasso100k');
const { page } = session;
/** Chromium's CPU seconds: every descendant of this process but serve's tree. */
const chromiumCpu = () =>
  treeCpuSeconds(process.pid, { withRoot: false }) - treeCpuSeconds(session.serve.child.pid ?? -1);
try {
  writeTable(join(session.work, 'cells100k.csv'));
  await page.addInitScript(`window.__long = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(e.duration); })
      .observe({ type: 'longtask', buffered: true });`);
  const labelReplies: number[] = [];
  page.on('response', (r) => {
    if (!r.url().includes('/api/columnValues')) return;
    void r.body().then((b) => labelReplies.push(b.length));
  });
  await page.goto(session.serve.url);
  await page.getByTestId('file-browser').locator('summary').click();
  await page
    .getByTestId('browse-list')
    .locator('li[data-name="cells100k.csv"]')
    .getByTestId('browse-open')
    .click();
  await page.getByTestId('label-column').selectOption('cell_type', { timeout: 300_000 });
  await page.getByTestId('class-counts').waitFor({ timeout: 300_000 });
  await page.getByTestId('tab-train').click();
  await page.getByTestId('train-epochs').fill('1');
  await page.getByTestId('train-dims').selectOption('2');
  await page.getByTestId('train-start').click();
  await page.getByTestId('screen-explore').waitFor({ timeout: 900_000 });
  await page.getByTestId('explore-dims').selectOption('2');
  await page.getByTestId('explore-plot').locator('.main-svg').first().waitFor();
  await page.waitForTimeout(3000);
  await page.getByTestId('select-tool-lasso').click();
  await page.waitForTimeout(1000);
  const box = await page.getByTestId('explore-plot').boundingBox();
  if (!box) throw new Error('the plot has no size');
  const pts: [number, number][] = [];
  for (let k = 0; k <= MOVES; k++) {
    const a = (2 * Math.PI * k) / MOVES;
    pts.push([
      box.x + box.width * (0.45 + 0.2 * Math.cos(a)),
      box.y + box.height * (0.5 + 0.25 * Math.sin(a)),
    ]);
  }
  await page.evaluate('window.__long.length = 0');
  const load0 = loadavg()[0];
  const cpu0 = chromiumCpu();
  const t0 = Date.now();
  await page.mouse.move(...pts[0]);
  await page.mouse.down();
  for (const p of pts.slice(1)) await page.mouse.move(p[0], p[1]);
  const dragMs = Date.now() - t0;
  const dragCpu = chromiumCpu() - cpu0;
  const long = (await page.evaluate('window.__long.slice()')) as number[];
  const t1 = Date.now();
  await page.mouse.up();
  const count = await waitFor<string>(
    page,
    `(document.querySelector('[data-testid="selection-count"]')||document.body).textContent`,
    (s) => !/No (cells|rows) selected/.test(s),
    120_000,
  );
  const releaseMs = Date.now() - t1;
  console.log(
    JSON.stringify(
      {
        cells: CELLS,
        moves: MOVES,
        load: [load0, loadavg()[0]],
        labelReplyBytes: labelReplies,
        labelReplySizes: labelReplySizes(),
        dragWallMsPerMove: dragMs / MOVES,
        chromiumCpuMsPerMove: (1000 * dragCpu) / MOVES,
        longTasks: long.length,
        longTaskMaxMs: Math.round(Math.max(0, ...long)),
        longTaskSumMs: Math.round(long.reduce((s, d) => s + d, 0)),
        releaseToCountMs: releaseMs,
        selection: count.trim().slice(0, 120),
        problems: session.problems,
      },
      null,
      2,
    ),
  );
} finally {
  await session.close();
}
