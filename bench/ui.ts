/**
 * `npm run bench -- ui`: how fast the renderer draws big maps in headless Chromium (Debian's, software
 * WebGL because of --disable-gpu). The page is built as scripts/build.mjs builds it, into a private temporary
 * folder (dist/ is rebuilt by every `npm test`), and served with the strictest CSP the app works under, and a synthetic EngineApi (bench/lib/fake-engine.ts) is injected as
 * `window.tripletlens`, so the page runs its real code path with 10 000 and 100 000 cells without training
 * anything. Measured per size, inside the page with performance.now():
 * - first render: from the engine's run-finished event to the first frame with every point in the plot,
 *   in the view the page opens with (target from the issue: 100 000 points in < 3 s);
 * - switch: choosing the other view (3-D scatter3d / 2-D scattergl) until drawn;
 * - redraw: moving the point-size slider (a full Plotly.react of all traces) until drawn; median of 3;
 * - rotate: median and 95th-percentile frame interval while the mouse drags the 3-D scene.
 * Writes bench/results/ui.json and the `ui` section of bench/README.md. Numbers vary with machine load.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import { writeRendererAssets } from '../scripts/renderer-assets.mjs';
import { packageRoot } from '../src/util/paths.js';
import { CHROMIUM_PATH, launchChromium } from '../test/e2e/chromium.js';
import { machineInfo } from './lib/machine.js';
import { markdownTable, num, updateReadmeSection } from './lib/markdown.js';
import { writeResult } from './lib/results.js';
import { median } from './lib/timing.js';

/**
 * The policy the page is served with here: the strictest the renderer works under. No inline script or
 * style (Plotly's styles come from plotly.css); 'unsafe-eval' only because Plotly's 2-D WebGL trace
 * (scattergl, through regl) compiles its draw calls with new Function.
 */
export const STRICT_CSP =
  "default-src 'none'; script-src 'self' 'unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'";

/** Point counts measured; UI_BENCH_SIZES=100000 (comma-separated) picks others. */
const SIZES = (process.env.UI_BENCH_SIZES ?? '10000,100000').split(',').map(Number);

export interface UiBenchRow {
  cells: number;
  /** The view the page opened the map in. */
  firstView: '3-D' | '2-D';
  firstRenderMs: number;
  /** Switching to the other view until drawn. */
  switchMs: number;
  redrawMs: number;
  rotateFrameMedianMs: number;
  rotateFrameP95Ms: number;
  rotateFrames: number;
  cspViolations: string[];
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
};

export function serve(dir: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = normalize(join(dir, path === '/' ? 'index.html' : path));
    if (!file.startsWith(dir + sep) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': STRICT_CSP,
    });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({ server, url: `http://127.0.0.1:${port}/` });
    }),
  );
}

/**
 * In-page measuring helpers, as plain JavaScript (page.evaluate of TypeScript functions would need DOM
 * types in the Node build and breaks on the transpiler's helpers). Each resolves with milliseconds.
 */
const PROBE = `
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber + ' ' + (e.sample || '')));
const plot = () => document.querySelector('[data-testid="explore-plot"]');
window.__probe = {
  // from the engine's run-finished event to the first frame with every point plotted
  firstRender(n) {
    return new Promise((resolve) => {
      const poll = () => {
        const el = plot();
        const total = (el && el._fullData ? el._fullData : []).reduce((s, t) => s + (t.x ? t.x.length : 0), 0);
        if (window.__finishedAt !== undefined && total >= n) requestAnimationFrame(() => resolve(performance.now() - window.__finishedAt));
        else requestAnimationFrame(poll);
      };
      poll();
    });
  },
  // runs a UI change, then waits for Plotly's afterplot and one more frame
  timeUntilDrawn(action) {
    const el = plot();
    const drawn = new Promise((resolve) => el.on('plotly_afterplot', () => requestAnimationFrame(() => resolve())));
    const t0 = performance.now();
    if (action === '2d' || action === '3d') {
      const select = document.querySelector('[data-testid="explore-dims"]');
      select.value = action === '2d' ? '2' : '3';
      select.dispatchEvent(new Event('change'));
    } else {
      const slider = document.querySelector('[data-testid="explore-point-size"]');
      slider.value = String(Number(slider.value) === 4 ? 5 : 4);
      slider.dispatchEvent(new Event('input'));
    }
    return drawn.then(() => { el.removeAllListeners('plotly_afterplot'); return performance.now() - t0; });
  },
  startFrames() {
    window.__frames = [];
    window.__recording = true;
    const tick = (t) => { if (!window.__recording) return; window.__frames.push(t); requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  },
  stopFrames() {
    window.__recording = false;
    return window.__frames;
  },
};
`;

/** The fake engine (recording when the run finished) and the probe, run before the page's own script. */
export async function initScript(root: string): Promise<string> {
  const result = await build({
    stdin: {
      contents: `
        import { asPreloadBridge, createFakeEngine } from './bench/lib/fake-engine.ts';
        const cells = Number(new URLSearchParams(location.search).get('cells') || 700);
        const engine = createFakeEngine({ cells, stepMs: 1 });
        const onEvent = engine.onEvent;
        engine.onEvent = (listener) => onEvent((e) => {
          if (e.type === 'run-finished') window.__finishedAt = performance.now();
          listener(e);
        });
        window.tripletlens = asPreloadBridge(engine);
      `,
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    write: false,
    logLevel: 'warning',
  });
  return PROBE + result.outputFiles[0].text;
}

async function measure(page: Page, url: string, cells: number): Promise<UiBenchRow> {
  await page.goto(`${url}?cells=${cells}`);
  await page.getByTestId('open-sample').click();
  await page.getByTestId('class-counts').waitFor();
  await page.getByTestId('tab-train').click();
  await page.getByTestId('train-epochs').fill('1');
  await page.getByTestId('train-snapshotEvery').fill('0');
  await page.getByTestId('train-start').click();
  const firstRenderMs = Number(await page.evaluate(`window.__probe.firstRender(${cells})`));
  // the page picks the first view itself (2-D for big maps when WebGL has no GPU: renderer/big-map.ts)
  const firstView = (await page.getByTestId('explore-dims').inputValue()) === '3' ? '3-D' : '2-D';
  await page.waitForTimeout(300);
  const redraws: number[] = [];
  for (let i = 0; i < 3; i++)
    redraws.push(Number(await page.evaluate(`window.__probe.timeUntilDrawn('size')`)));
  // then the other view, and rotation in 3-D
  const switchMs = Number(
    await page.evaluate(`window.__probe.timeUntilDrawn('${firstView === '3-D' ? '2d' : '3d'}')`),
  );
  if (firstView === '3-D') await page.evaluate(`window.__probe.timeUntilDrawn('3d')`);

  const box = await page.getByTestId('explore-plot').boundingBox();
  if (!box) throw new Error('the plot has no size');
  await page.evaluate('window.__probe.startFrames()');
  const cx = box.x + box.width * 0.45;
  const cy = box.y + box.height * 0.5;
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  // a dozen drag steps: enough frames for a median, few enough that software WebGL at 100 000 points
  // (seconds per frame under load) still finishes
  for (let i = 1; i <= 12; i++) await page.mouse.move(cx + i * 15, cy + Math.sin(i / 3) * 20);
  await page.mouse.up();
  const frames = (await page.evaluate('window.__probe.stopFrames()')) as number[];
  const intervals = frames.slice(1).map((t, i) => t - frames[i]);
  intervals.sort((x, y) => x - y);
  const cspViolations = (await page.evaluate('window.__csp')) as string[];
  return {
    cells,
    firstView,
    firstRenderMs,
    switchMs,
    redrawMs: median(redraws),
    rotateFrameMedianMs: intervals.length ? median(intervals) : NaN,
    rotateFrameP95Ms: intervals.length ? intervals[Math.floor(0.95 * (intervals.length - 1))] : NaN,
    rotateFrames: intervals.length,
    cspViolations,
  };
}

/** Builds the renderer like scripts/build.mjs does, into a fresh temporary folder. */
export async function buildPage(root: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'tripletlens-ui-bench-'));
  await build({
    entryPoints: [join(root, 'renderer', 'main.ts')],
    outfile: join(dir, 'app.js'),
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: true,
    logLevel: 'warning',
  });
  for (const file of ['index.html', 'styles.css']) cpSync(join(root, 'renderer', file), join(dir, file));
  await writeRendererAssets(root, dir);
  return dir;
}

export async function runUiBench(): Promise<{ rows: UiBenchRow[] }> {
  const root = packageRoot();
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(`Chromium is missing at ${CHROMIUM_PATH}: apt-get install -y chromium`);
  const dir = await buildPage(root);
  const script = await initScript(root);
  const { server, url } = await serve(dir);
  const browser = await launchChromium();
  const rows: UiBenchRow[] = [];
  try {
    for (const cells of SIZES) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.addInitScript({ content: script });
      const row = await measure(page, url, cells);
      console.error(
        `ui ${cells} cells: first render (${row.firstView}) ${Math.round(row.firstRenderMs)} ms, switch ${Math.round(row.switchMs)} ms, ` +
          `redraw ${Math.round(row.redrawMs)} ms, rotate frame ${num(row.rotateFrameMedianMs, 0)} ms (p95 ${num(row.rotateFrameP95Ms, 0)})`,
      );
      rows.push(row);
      await page.close();
    }
  } finally {
    await browser.close();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const machine = machineInfo();
  const result = { machine, chromium: browser.version(), csp: STRICT_CSP, rows };
  await writeResult('ui', result);
  await updateReadmeSection('ui', uiMarkdown(result));
  return { rows };
}

function uiMarkdown(result: {
  chromium: string;
  csp: string;
  rows: UiBenchRow[];
  machine: { loadAverage: number[]; date: string };
}): string {
  return [
    '## UI: drawing big maps (`bench/ui.ts`)',
    '',
    `Headless Chromium ${result.chromium} with software WebGL (--disable-gpu), 1280×800, the built renderer`,
    'with a synthetic engine (10 Gaussian classes, 20 % held out). First render counts from the run-finished',
    'event to the first painted frame with every point in the plot, in the view the page chose (without a GPU,',
    'maps above 50 000 cells open in 2-D: scatter3d draws each point as a glyph mesh); switch is a change to',
    'the other view; redraw is a point-size change in the first view (full Plotly.react); rotate is the frame',
    'interval while dragging the 3-D scene. Target: 100 000 points in < 3 s.',
    `Served with the strict CSP \`${result.csp}\`.`,
    `Run ${result.machine.date}, load average ${result.machine.loadAverage.map((l) => l.toFixed(1)).join(' / ')}.`,
    '',
    markdownTable(
      [
        'cells',
        'first view',
        'first render',
        'switch to the other view',
        'redraw',
        'rotate frame median',
        'rotate frame p95',
        'CSP violations',
      ],
      result.rows.map((r) => [
        r.cells.toLocaleString('en-US'),
        r.firstView,
        `${num(r.firstRenderMs / 1000, 2)} s`,
        `${num(r.switchMs / 1000, 2)} s`,
        `${num(r.redrawMs / 1000, 2)} s`,
        `${num(r.rotateFrameMedianMs, 0)} ms`,
        `${num(r.rotateFrameP95Ms, 0)} ms`,
        r.cspViolations.length,
      ]),
    ),
  ].join('\n');
}
