/**
 * `npm run bench -- ui`: how fast the renderer draws big maps in headless Chromium (Debian's, software
 * WebGL because of --disable-gpu). The page is built as scripts/build.mjs builds it, into a private temporary
 * folder (dist/ is rebuilt by every `npm test`), and served with the strictest CSP the app works under, and a
 * synthetic EngineApi (bench/lib/fake-engine.ts) is injected as `window.tripletlens`, so the page runs its
 * real code path with 10 000, 100 000 and 1 000 000 cells without training anything. Measured per size,
 * inside the page with performance.now(), with the 1-minute load average beside each row:
 * - first render: from the engine's run-finished event to the first frame with the map drawn, in the view
 *   the page opens with (issue 15: 1 000 000 points in 2-D in < 5 s), and the points drawn in 2-D (a big
 *   map is thinned to one point per half-marker square: renderer/map-thinning.ts);
 * - redraw: moving the point-size slider until drawn; median of 3;
 * - pan and zoom: the frame interval (requestAnimationFrame) while the mouse drags the 2-D map with
 *   Plotly's pan tool, and while the wheel zooms it (issue 15: ≥ 10 frames a second);
 * - 3-D: choosing the 3-D view until drawn (issue 15: 100 000 points in < 3 s), the points drawn (above
 *   100 000 a density-preserving subsample: renderer/map-subsample.ts), and the frame interval while the
 *   mouse rotates the scene.
 * Writes bench/results/ui.json and the `ui` section of bench/README.md. Numbers vary with machine load.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import { writeRendererAssets } from '../scripts/renderer-assets.mjs';
import { packageRoot } from '../src/util/paths.js';
import { CHROMIUM_PATH, launchChromium } from '../test/e2e/chromium.js';
import { machineInfo } from './lib/machine.js';
import { treeCpuSeconds } from './lib/proc-cpu.js';
import { markdownTable, num, updateReadmeSection } from './lib/markdown.js';
import { writeResult } from './lib/results.js';
import { SOFTWARE_3D_POINTS } from '../renderer/big-map.js';
import { median } from './lib/timing.js';

/**
 * The policy the page is served with here: the strictest the renderer works under. No inline script or
 * style (Plotly's styles come from plotly.css); 'unsafe-eval' only because Plotly's 2-D WebGL trace
 * (scattergl, through regl) compiles its draw calls with new Function.
 */
export const STRICT_CSP =
  "default-src 'none'; script-src 'self' 'unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'";

/** Point counts measured; UI_BENCH_SIZES=100000 (comma-separated) picks others. */
const SIZES = (process.env.UI_BENCH_SIZES ?? '10000,100000,1000000').split(',').map(Number);

/**
 * CPU seconds used so far by this process's descendants that are still running (Chromium's browser,
 * renderer and GPU processes, which draw with software WebGL), from /proc: under a shared machine's load,
 * wall time grows with the other work, CPU time much less. NaN where /proc is missing.
 */
const chromiumCpuSeconds = (): number => treeCpuSeconds(process.pid, { withRoot: false });

/** Frame intervals while the mouse did something: mean, median and 95th percentile (ms), and how many. */
export interface FrameStats {
  /** The interaction's duration over its frames: long frames weigh by their length. */
  meanMs: number;
  medianMs: number;
  p95Ms: number;
  frames: number;
}

export interface UiBenchRow {
  cells: number;
  /** The 1-minute load average before and after the row. */
  load: [number, number];
  /** The view the page opened the map in. */
  firstView: '3-D' | '2-D';
  firstRenderMs: number;
  /** CPU seconds of Chromium's processes from the start of training to the first render. */
  firstRenderCpuS: number;
  /** Points the 2-D view draws (thinned above 50 000 cells). */
  shown2d: number;
  redrawMs: number;
  pan: FrameStats;
  zoom: FrameStats;
  /** Choosing the 3-D view until drawn (or the first render, when the page opened in 3-D). */
  open3dMs: number;
  /** CPU seconds of Chromium's processes while the 3-D view opened. */
  open3dCpuS: number;
  /** Points the 3-D view draws (a subsample above 100 000 cells). */
  shown3d: number;
  /** How the 3-D markers were drawn: 'on' (point sprites, renderer/scene-sprites.ts) or 'off: <why>'. */
  sprites3d: string;
  rotate: FrameStats;
  /** CPU seconds of Chromium's processes a rotation frame (the rotation's CPU over its frames). */
  rotateCpuS: number;
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
// waits for the 3-D scene's queued WebGL work: a frame can be shown before software WebGL (in Chromium's GPU
// process) has finished drawing, and reading a pixel back waits for it
const syncScene = (el) => {
  const s = el && el._fullLayout && el._fullLayout.scene && el._fullLayout.scene._scene;
  const gl = s && s.glplot && s.glplot.gl;
  if (gl) gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(4));
};
window.__probe = {
  // from the engine's run-finished event to the first frame with every point plotted
  firstRender(n) {
    return new Promise((resolve) => {
      const poll = () => {
        const el = plot();
        const total = (el && el._fullData ? el._fullData : []).reduce((s, t) => s + (t.x ? t.x.length : 0), 0);
        // a big map draws fewer points than cells (thinned in 2-D, subsampled in 3-D): drawn is what the note says
        const note = document.querySelector('[data-testid="explore-shown"]');
        const drawn = el && el.dataset.plotDraws && (total >= n || (note && !note.hidden && total > 0));
        if (window.__finishedAt !== undefined && drawn)
          requestAnimationFrame(() => { syncScene(el); resolve(performance.now() - window.__finishedAt); });
        else requestAnimationFrame(poll);
      };
      poll();
    });
  },
  // runs a UI change, then waits for Plotly's afterplot, one more frame and the 3-D scene's WebGL work
  timeUntilDrawn(action) {
    const el = plot();
    const drawn = new Promise((resolve) =>
      el.on('plotly_afterplot', () => requestAnimationFrame(() => { syncScene(el); resolve(); })),
    );
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
  // points drawn by the traces that carry cells (customdata), as Plotly holds them
  drawnPoints() {
    const el = plot();
    return (el && el._fullData ? el._fullData : []).reduce((s, t) => s + (t.customdata && t.visible !== false ? t.x.length : 0), 0);
  },
  startFrames() {
    window.__frames = [];
    window.__recording = true;
    const tick = (t) => { if (!window.__recording) return; window.__frames.push(t); requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  },
  // after an interaction: the redraw it started (a big map is thinned anew) has had time to finish
  settled() {
    return new Promise((resolve) => setTimeout(() => requestAnimationFrame(() => requestAnimationFrame(resolve)), 300));
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

/** Frame intervals recorded while `act` runs. */
async function framesDuring(page: Page, act: () => Promise<void>): Promise<FrameStats> {
  await page.evaluate('window.__probe.startFrames()');
  await act();
  const frames = (await page.evaluate('window.__probe.stopFrames()')) as number[];
  const intervals = frames.slice(1).map((t, i) => t - frames[i]);
  intervals.sort((x, y) => x - y);
  return {
    meanMs: intervals.length ? (frames[frames.length - 1] - frames[0]) / intervals.length : NaN,
    medianMs: intervals.length ? median(intervals) : NaN,
    p95Ms: intervals.length ? intervals[Math.floor(0.95 * (intervals.length - 1))] : NaN,
    frames: intervals.length,
  };
}

/** A mouse drag of `steps` moves from the plot's centre (rotates in 3-D, pans in 2-D with the pan tool). */
async function drag(page: Page, steps: number): Promise<void> {
  const box = await page.getByTestId('explore-plot').boundingBox();
  if (!box) throw new Error('the plot has no size');
  const cx = box.x + box.width * 0.45;
  const cy = box.y + box.height * 0.5;
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  for (let i = 1; i <= steps; i++) await page.mouse.move(cx + i * 12, cy + Math.sin(i / 3) * 20);
  await page.mouse.up();
}

/** Wheel zoom in and out over the plot, `steps` notches each way. */
async function wheel(page: Page, steps: number): Promise<void> {
  const box = await page.getByTestId('explore-plot').boundingBox();
  if (!box) throw new Error('the plot has no size');
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
  for (let i = 0; i < 2 * steps; i++) {
    await page.mouse.wheel(0, i < steps ? -100 : 100);
    await page.waitForTimeout(30);
  }
}

/** Pan (with Plotly's pan tool) and wheel-zoom frames in the drawn 2-D view. */
async function panAndZoom(page: Page): Promise<{ pan: FrameStats; zoom: FrameStats }> {
  await page.locator('[data-testid="explore-plot"] .modebar-btn[data-val="pan"]').first().click();
  const pan = await framesDuring(page, () => drag(page, 24));
  await page.evaluate('window.__probe.settled()');
  const zoom = await framesDuring(page, () => wheel(page, 6));
  await page.evaluate('window.__probe.settled()');
  return { pan, zoom };
}

async function measure(page: Page, url: string, cells: number): Promise<UiBenchRow> {
  const loadBefore = loadavg()[0];
  await page.goto(`${url}?cells=${cells}`);
  await page.getByTestId('open-sample').click();
  await page.getByTestId('class-counts').waitFor();
  await page.getByTestId('tab-train').click();
  await page.getByTestId('train-epochs').fill('1');
  await page.getByTestId('train-snapshotEvery').fill('0');
  const cpu0 = chromiumCpuSeconds();
  await page.getByTestId('train-start').click();
  const firstRenderMs = Number(await page.evaluate(`window.__probe.firstRender(${cells})`));
  const firstRenderCpuS = chromiumCpuSeconds() - cpu0;
  // the page picks the first view itself (2-D for big maps when WebGL has no GPU: renderer/big-map.ts)
  const firstView = (await page.getByTestId('explore-dims').inputValue()) === '3' ? '3-D' : '2-D';
  await page.waitForTimeout(300);
  const redraws: number[] = [];
  for (let i = 0; i < 3; i++)
    redraws.push(Number(await page.evaluate(`window.__probe.timeUntilDrawn('size')`)));
  let open3dMs = firstRenderMs;
  let open3dCpuS = firstRenderCpuS;
  let shown2d = NaN;
  let shown3d = NaN;
  let pan: FrameStats;
  let zoom: FrameStats;
  let rotate: FrameStats;
  let rotateCpuS: number;
  if (firstView === '2-D') {
    shown2d = Number(await page.evaluate('window.__probe.drawnPoints()'));
    ({ pan, zoom } = await panAndZoom(page));
    const cpu3d = chromiumCpuSeconds();
    open3dMs = Number(await page.evaluate(`window.__probe.timeUntilDrawn('3d')`));
    open3dCpuS = chromiumCpuSeconds() - cpu3d;
    shown3d = Number(await page.evaluate('window.__probe.drawnPoints()'));
    ({ rotate, rotateCpuS } = await rotation(page));
  } else {
    shown3d = Number(await page.evaluate('window.__probe.drawnPoints()'));
    ({ rotate, rotateCpuS } = await rotation(page));
    await page.evaluate(`window.__probe.timeUntilDrawn('2d')`);
    shown2d = Number(await page.evaluate('window.__probe.drawnPoints()'));
    ({ pan, zoom } = await panAndZoom(page));
  }
  const cspViolations = (await page.evaluate('window.__csp')) as string[];
  const sprites3d = String(await page.evaluate('document.documentElement.dataset.sceneSprites'));
  return {
    cells,
    load: [loadBefore, loadavg()[0]],
    firstView,
    firstRenderMs,
    firstRenderCpuS,
    shown2d,
    redrawMs: median(redraws),
    pan,
    zoom,
    open3dMs,
    open3dCpuS,
    shown3d,
    sprites3d,
    rotate,
    rotateCpuS,
    cspViolations,
  };
}

/** Frames while the mouse rotates the 3-D scene, and Chromium's CPU seconds a frame meanwhile. */
async function rotation(page: Page): Promise<{ rotate: FrameStats; rotateCpuS: number }> {
  const cpu0 = chromiumCpuSeconds();
  const rotate = await framesDuring(page, () => drag(page, 12));
  return { rotate, rotateCpuS: (chromiumCpuSeconds() - cpu0) / Math.max(1, rotate.frames) };
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
      const fps = (f: FrameStats) =>
        `mean ${num(f.meanMs, 0)} ms (median ${num(f.medianMs, 0)}, p95 ${num(f.p95Ms, 0)}, ${f.frames} frames)`;
      console.error(
        `ui ${cells} cells, load ${row.load.map((l) => l.toFixed(1)).join('→')}: first render (${row.firstView}) ` +
          `${Math.round(row.firstRenderMs)} ms (CPU ${num(row.firstRenderCpuS, 1)} s), 2-D draws ${row.shown2d} points, redraw ${Math.round(row.redrawMs)} ms, ` +
          `pan frame ${fps(row.pan)}, zoom frame ${fps(row.zoom)}, 3-D open ${Math.round(row.open3dMs)} ms (CPU ${num(row.open3dCpuS, 1)} s) with ` +
          `${row.shown3d} points, rotate frame ${fps(row.rotate)} (CPU ${num(row.rotateCpuS, 2)} s a frame)`,
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
  const frame = (f: FrameStats) =>
    `${num(1000 / f.meanMs, 1)}/s (mean ${num(f.meanMs, 0)} ms, p95 ${num(f.p95Ms, 0)} ms)`;
  const count = (n: number) => (Number.isFinite(n) ? n.toLocaleString('en-US') : '–');
  return [
    '## UI: drawing big maps (`bench/ui.ts`)',
    '',
    `Headless Chromium ${result.chromium} with software WebGL (--disable-gpu), 1280×800, the built renderer`,
    'with a synthetic engine (10 Gaussian classes, 20 % held out). First render counts from the run-finished',
    'event to the first painted frame with the map drawn, in the view the page chose (without a GPU, maps',
    'above 50 000 cells open in 2-D). Above 50 000 cells the 2-D view draws one point per half-marker',
    'square of each class in the current view (renderer/map-thinning.ts; zooming in draws more, box and',
    'lasso select from every cell); the 3-D view draws at most 100 000 points, each as one point sprite',
    "inside Plotly's scene (renderer/scene-sprites.ts; without a GPU and without sprites at most",
    `${SOFTWARE_3D_POINTS.toLocaleString('en-US')}: renderer/big-map.ts points3dLimit); above 100 000, a seeded, density-preserving`,
    'subsample (renderer/map-subsample.ts), said under the map. "3-D points drawn" is what the 3-D view',
    'drew. Redraw is a point-size',
    "change (median of 3); pan and zoom are frames a second (the interaction's duration over its frames, so",
    "long frames weigh by their length; p95 interval beside) while the mouse drags the 2-D map with Plotly's",
    'pan tool and while the wheel zooms in and out; 3-D open is choosing the 3-D view until drawn (for a map',
    'that opened in 3-D, its first render); rotate is the same frame rate while dragging the scene, with',
    "Chromium's CPU seconds a frame. CPU is",
    'the CPU seconds of all Chromium processes (software WebGL draws in the GPU process). Targets (issue 15):',
    '1 000 000 points open in 2-D in < 5 s and pan/zoom at ≥ 10 frames a second;',
    '3-D of 100 000 points in < 3 s. Load is the 1-minute load average before → after the row (2 cores,',
    'shared: above 2 the page had less than the whole machine).',
    `Served with the strict CSP \`${result.csp}\`.`,
    `Run ${result.machine.date}, load average at the start ${result.machine.loadAverage.map((l) => l.toFixed(1)).join(' / ')}.`,
    '',
    markdownTable(
      [
        'cells',
        'load',
        'first view',
        'first render',
        '2-D points drawn',
        'redraw',
        'pan frame',
        'zoom frame',
        '3-D open',
        '3-D points drawn',
        '3-D sprites',
        'rotate frame',
        'CSP violations',
      ],
      result.rows.map((r) => [
        r.cells.toLocaleString('en-US'),
        r.load.map((l) => l.toFixed(1)).join(' → '),
        r.firstView,
        `${num(r.firstRenderMs / 1000, 2)} s (CPU ${num(r.firstRenderCpuS, 1)} s)`,
        count(r.shown2d),
        `${num(r.redrawMs / 1000, 2)} s`,
        frame(r.pan),
        frame(r.zoom),
        `${num(r.open3dMs / 1000, 2)} s (CPU ${num(r.open3dCpuS, 1)} s)`,
        count(r.shown3d),
        r.sprites3d,
        `${frame(r.rotate)}, CPU ${num(r.rotateCpuS, 2)} s a frame`,
        r.cspViolations.length,
      ]),
    ),
  ].join('\n');
}
