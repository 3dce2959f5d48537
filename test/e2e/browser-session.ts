/**
 * Shared set-up of the browser end-to-end tests: a real `tripletlens serve` on a snapshot of the built
 * package, headless Chromium with a 1280×800 page that records page errors and CSP refusals, and a poller
 * for browser-side expressions (page.waitForFunction's string predicates are eval'd in the page, which the
 * app's CSP refuses; page.evaluate goes through the debugger).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { packageRoot, samplePath } from '../../src/util/paths.js';
import { launchChromium } from './chromium.js';
import { snapshotPackage, startServe, type ServeProcess } from './serve-process.js';

/** Where the tests write screenshots (not committed). */
export const SHOTS_DIR = join(packageRoot(), 'test-output', 'e2e');

export interface BrowserSession {
  serve: ServeProcess;
  browser: Browser;
  page: Page;
  /** A temporary folder, also the server's --root; removed by close(). */
  work: string;
  /** The snapshot of the built package (snapshotPackage) serve runs from. */
  pkg: string;
  /** Page errors and CSP refusals seen so far. */
  problems: string[];
  /** Closes Chromium, then stops serve (SIGINT); resolves its exit code. Folders are kept. */
  stop(): Promise<number | null>;
  /** stop(), then removes the temporary folder. */
  close(): Promise<void>;
}

/** Starts serve (with `env` added to its environment) and Chromium; `name` tags the temporary folder. */
export async function openBrowserSession(
  name: string,
  env: Record<string, string> = {},
): Promise<BrowserSession> {
  mkdirSync(SHOTS_DIR, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), `tl-e2e-${name}-`));
  const browser = await launchChromium();
  const pkg = snapshotPackage();
  const serve = await startServe(['--root', work], env, pkg);
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const frameDelay = Number(process.env.TRIPLETLENS_E2E_FRAME_DELAY_MS ?? 0);
  if (frameDelay > 0) await page.addInitScript(lateFramesScript(frameDelay));
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(`CSP: ${m.text()}`);
  });
  let stopped: Promise<number | null> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      await browser.close();
      return serve.stop();
    })());
  return {
    serve,
    browser,
    page,
    work,
    pkg,
    problems,
    stop,
    async close() {
      await stop();
      rmSync(work, { recursive: true, force: true });
    },
  };
}

/**
 * A script for page.addInitScript: every animation frame the page asks for runs `ms` later, as on a loaded
 * machine. The page renders a dispatched action in the next frame (renderer/main.ts) and Plotly draws a frame
 * or more after that, so a test that reads the DOM or the plot's data without waiting for the change fails
 * far more often under it than once in a while on CI. openBrowserSession adds it to its page when
 * TRIPLETLENS_E2E_FRAME_DELAY_MS is set (150–250 found the races fixed so far); it is off otherwise, and pages
 * a test opens itself (a second tab, desktop-ipc's) run at full speed.
 */
export const lateFramesScript = (ms: number): string => `(() => {
  const raf = window.requestAnimationFrame.bind(window);
  const caf = window.cancelAnimationFrame.bind(window);
  const pending = new Map();
  let last = 0;
  window.requestAnimationFrame = (cb) => {
    const id = ++last;
    pending.set(id, { timer: setTimeout(() => {
      pending.set(id, { frame: raf((t) => { pending.delete(id); cb(t); }) });
    }, ${ms}) });
    return id;
  };
  window.cancelAnimationFrame = (id) => {
    const p = pending.get(id);
    if (!p) return;
    pending.delete(id);
    if (p.timer !== undefined) clearTimeout(p.timer);
    else caf(p.frame);
  };
})()`;

export interface TempBrowserSession extends BrowserSession {
  /** serve's own temporary folder (its TMPDIR: uploads, downloads), outside --root; removed by close(). */
  temp: string;
}

/** openBrowserSession with serve's TMPDIR a fresh folder outside its --root, so a test sees what serve keeps there. */
export async function openBrowserSessionWithTemp(
  name: string,
  env: Record<string, string> = {},
): Promise<TempBrowserSession> {
  const temp = mkdtempSync(join(tmpdir(), `tl-e2e-${name}-tmp-`));
  const removeTemp = () => rmSync(temp, { recursive: true, force: true });
  let session: BrowserSession;
  try {
    session = await openBrowserSession(name, { ...env, TMPDIR: temp });
  } catch (err) {
    removeTemp();
    throw err;
  }
  return {
    ...session,
    temp,
    async close() {
      await session.close();
      removeTemp();
    },
  };
}

/** Polls `read` (a browser-side expression) until `ok` accepts its value. */
export async function waitFor<T>(
  page: Page,
  read: string,
  ok: (value: T) => boolean,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = (await page.evaluate(read)) as T;
    if (ok(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`Timed out waiting on ${read}; last value ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Polls `read` (a browser-side expression) until it gives the same value, not null, `polls` times in a row
 * `intervalMs` apart; resolves that value. For a state that settles over frames the test cannot name, such as
 * the 3-D scene's geometry after it is drawn.
 */
export async function waitForSteady<T>(
  page: Page,
  read: string,
  {
    polls = 4,
    intervalMs = 250,
    timeoutMs = 60_000,
  }: { polls?: number; intervalMs?: number; timeoutMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = JSON.stringify(null);
  for (let same = 0; ;) {
    const value = (await page.evaluate(read)) as T;
    const text = JSON.stringify(value);
    same = value !== null && text === last ? same + 1 : 0;
    last = text;
    if (same >= polls - 1) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${read} to settle; last value ${text}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/**
 * The Explore map's 3-D scene as drawn: its camera matrices (gl-plot3d's cameraParams), the data scale it
 * applies and the canvas's box — what the tests project cells to page pixels with; null without a scene. It
 * changes over the scene's first frames (the canvas is sized and the camera set as frames come), so a test
 * waits for it to settle (waitForSteady) before it aims the mouse at a cell. Browser-side.
 */
export const SCENE_GEOMETRY = `(() => {
  const el = document.querySelector('[data-testid="explore-plot"]');
  const scene = el && el._fullLayout && el._fullLayout.scene && el._fullLayout.scene._scene;
  if (!scene || !scene.glplot || !scene.glplot.cameraParams) return null;
  const c = scene.glplot.cameraParams;
  const b = scene.glplot.canvas.getBoundingClientRect();
  return [...c.model, ...c.view, ...c.projection, ...scene.dataScale, b.left, b.top, b.width, b.height];
})()`;

/** A cell of the 3-D map as `CELLS_3D` finds it: its row, its id, and where it is drawn on the page. */
export interface MapCell3d {
  row: number;
  id: string;
  /** Clip-space depth (smaller is nearer the camera). */
  depth: number;
  px: number;
  py: number;
}

/**
 * The visible cells of the 3-D map (`MapCell3d[]`, the neighbourhood rings left out): Plotly's scene matrices
 * (gl-plot3d's cameraParams, the data scale it applies) project each point to clip space, then to the canvas's
 * box. Plotly's private state, read only by tests. Browser-side.
 */
export const CELLS_3D = `(() => {
  const el = document.querySelector('[data-testid="explore-plot"]');
  const scene = el._fullLayout.scene._scene;
  const c = scene.glplot.cameraParams, s = scene.dataScale;
  const mul = (m, v) => [0, 1, 2, 3].map((r) => m[r] * v[0] + m[4 + r] * v[1] + m[8 + r] * v[2] + m[12 + r] * v[3]);
  const box = scene.glplot.canvas.getBoundingClientRect();
  const cells = [];
  for (const t of el._fullData) {
    if (t.meta === 'legend-only' || !t.customdata || t.visible !== true || t.legendgroup === 'neighbourhood') continue;
    for (let i = 0; i < t.x.length; i++) {
      const p = mul(c.projection, mul(c.view, mul(c.model, [t.x[i] * s[0], t.y[i] * s[1], t.z[i] * s[2], 1])));
      cells.push({ row: t.customdata[i], id: String(t.text[i]).split('<br>')[0], depth: p[2] / p[3],
        px: box.left + ((p[0] / p[3] + 1) / 2) * box.width, py: box.top + ((1 - p[1] / p[3]) / 2) * box.height });
    }
  }
  return cells;
})()`;

/**
 * On a page showing the app: opens the bundled sample, waits for its class counts, and starts training it
 * for `epochs` epochs from the Train screen (what most Explore tests begin with) — with `patience` (0: no
 * early stop, a run the test stops), into `dims` dimensions and with `snapshotEvery` (0: no map snapshots
 * during the run) when given, else the form's own.
 */
export async function startSampleTraining(
  page: Page,
  {
    epochs,
    dims,
    patience,
    snapshotEvery,
  }: { epochs: number; dims?: 2 | 3; patience?: number; snapshotEvery?: number },
): Promise<void> {
  await page.getByTestId('open-sample').click();
  await page.getByTestId('class-counts').waitFor({ timeout: 60_000 });
  await page.getByTestId('tab-train').click();
  await page.getByTestId('train-epochs').fill(String(epochs));
  if (patience !== undefined) await page.getByTestId('train-patience').fill(String(patience));
  if (snapshotEvery !== undefined) await page.getByTestId('train-snapshotEvery').fill(String(snapshotEvery));
  if (dims !== undefined) await page.getByTestId('train-dims').selectOption(String(dims));
  await page.getByTestId('train-start').click();
}

/**
 * On serve's page (the Import screen): the bundled sample's map, trained for 2 epochs into 2 dimensions —
 * drawn and shown on the Explore screen when this resolves (`browserSessionHooks`' `ready` of the Explore tests).
 */
export async function showSampleMap(page: Page): Promise<void> {
  const plot = `document.querySelector('[data-testid="explore-plot"]')`;
  await startSampleTraining(page, { epochs: 2, dims: 2 });
  await waitFor<boolean>(page, `!!(${plot} && ${plot}.data && ${plot}.offsetParent)`, (v) => v, 120_000);
}

/**
 * The Import summary's File line when it shows the file `fileName` (a path or a bare name ending in exactly that
 * name): anchored, so 'csr.h5ad' does not match '/root/float16-csr.h5ad' as a substring match did.
 */
export function shownFileName(fileName: string): RegExp {
  const escaped = fileName.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return new RegExp(`(?:^|[\\\\/])${escaped}$`);
}

/**
 * On the Import screen of a page showing the app: opens `fileName` (a file in the server's --root) from the
 * file browser ("Open from the server's folder"); resolves once the Import summary shows it.
 */
export async function openBrowsedFile(page: Page, fileName: string): Promise<void> {
  const browser = page.getByTestId('file-browser');
  // a test before may have opened it already: a second click would close it
  if ((await browser.getAttribute('open')) === null) await browser.locator('summary').click();
  await page
    .getByTestId('browse-list')
    .locator(`li[data-name="${fileName}"]`)
    .getByTestId('browse-open')
    .click();
  await page.getByTestId('summary-source').getByText(shownFileName(fileName)).waitFor({ timeout: 60_000 });
}

/**
 * On the Import screen of a page showing the app: opens `fileName` (a file in the server's --root) from the
 * file browser ("Open from the server's folder"), re-opens it with Import settings ▸ Matrix `matrix` when
 * given, picks the label column `label` and trains it for `epochs` epochs from the Train screen; resolves
 * once the finished run shows Explore. Defaults: the file's own matrix, label 'cell_type', 2 epochs.
 */
export async function trainOnBrowsedFile(
  page: Page,
  fileName: string,
  { matrix, label = 'cell_type', epochs = 2 }: { matrix?: string; label?: string; epochs?: number } = {},
): Promise<void> {
  await openBrowsedFile(page, fileName);
  if (matrix !== undefined) {
    await page.locator('summary', { hasText: 'Import settings' }).click();
    await page.getByTestId('import-matrix').selectOption(matrix);
    await page.getByTestId('import-reopen').click();
    await page
      .getByTestId('summary-format')
      .getByText(`matrix ${matrix}`, { exact: false })
      .waitFor({ timeout: 60_000 });
  }
  await page.getByTestId('label-column').selectOption(label);
  await page.getByTestId('class-counts').waitFor({ timeout: 60_000 });
  await page.getByTestId('tab-train').click();
  await page.getByTestId('train-epochs').fill(String(epochs));
  await page.getByTestId('train-start').click();
  await page.getByTestId('screen-explore').waitFor({ timeout: 120_000 });
}

/**
 * Opens the app in the session's page and trains `fileName` from the server's folder as trainOnBrowsedFile
 * does (same options); resolves once the Explore plot is drawn.
 */
export async function openAndTrainOnBrowsedFile(
  session: BrowserSession,
  fileName: string,
  options: { matrix?: string; label?: string; epochs?: number } = {},
): Promise<void> {
  const { page } = session;
  await page.goto(session.serve.url);
  await trainOnBrowsedFile(page, fileName, options);
  await page.getByTestId('explore-plot').locator('.main-svg').first().waitFor({ timeout: 60_000 });
}

/**
 * The desktop app stood in for by a second page, in a context of its own, on the session's server: the
 * preload's ShellBridge is a script whose native dialogs (`chooseProjected`) answer each pick with its path in
 * `paths` (under serve's --root; null for a pick it does not name), so the page's engine calls reach serve.
 * The page opens the app on the Explore screen; `problems` collects its errors; close() closes the context.
 */
export async function openDesktopPage(
  session: BrowserSession,
  paths: Partial<Record<'file' | 'folder' | 'metadata', string>>,
): Promise<{ page: Page; problems: string[]; close(): Promise<void> }> {
  const context = await session.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(err.message));
  try {
    await page.addInitScript(`window.tripletlensShell = {
      onMenuCommand: () => () => undefined,
      openDropped: () => false,
      chooseProjected: async (pick) => (${JSON.stringify(paths)})[pick] ?? null,
    };`);
    await page.goto(session.serve.url);
    await page.getByTestId('tab-explore').click();
  } catch (err) {
    await context.close();
    throw err;
  }
  return { page, problems, close: () => context.close() };
}

/**
 * Every cell of the Explore map by its row: the legend group it is drawn in (its label, or its value of the
 * column the map is coloured by); null while no map is on screen. Browser-side, for waitFor.
 */
export const MAP_GROUPS = `(() => {
  const el = document.querySelector('[data-testid="explore-plot"]');
  if (!el || !el.data || el.offsetParent === null) return null;
  const cells = {};
  for (const t of el.data) {
    if (!t.customdata || !t.x) continue;
    for (let i = 0; i < t.customdata.length; i++) cells[t.customdata[i]] = String(t.legendgroup);
  }
  return cells;
})()`;
export type MapGroups = Record<string, string> | null;

/**
 * How many cells the Explore map draws (its legend-only traces left out); 0 while no map is on screen.
 * Browser-side, for waitFor and page.evaluate.
 */
export const PLOT_CELLS = `(() => {
  const el = document.querySelector('[data-testid="explore-plot"]');
  if (!el || !el.data || el.offsetParent === null) return 0;
  return el.data.filter((t) => t.meta !== 'legend-only').reduce((n, t) => n + (t.x ? t.x.length : 0), 0);
})()`;

/** Reloads the page (the app starts afresh) and opens the saved session `file` from the Explore screen. */
export async function reopenSession(page: Page, file: string): Promise<void> {
  await page.reload();
  await page.getByTestId('tab-explore').click();
  await page.getByTestId('session-open-file').setInputFiles(file);
}

/**
 * A reopened session without its input: re-attaches `fileName` in `folder` (a folder at the top of serve's
 * --root) from the session panel's server file browser, and waits for the 'Input re-attached' notice.
 */
export async function reattachFromServerFolder(page: Page, folder: string, fileName: string): Promise<void> {
  const browser = page.getByTestId('session-attach-browser');
  await browser.locator('summary').click();
  const list = page.getByTestId('session-attach-browse-list');
  await list.locator(`li[data-name="${folder}"]`).getByTestId('session-attach-browse-folder').click();
  await page.getByTestId('session-attach-browse-path').getByText(`/${folder}`).waitFor();
  await list.locator(`li[data-name="${fileName}"]`).getByTestId('session-attach-browse-open').click();
  await waitFor<string>(page, `document.querySelector('[data-testid="notices"]').textContent`, (t) =>
    t.includes('Input re-attached'),
  );
}

/**
 * The Edit labels panel's note about a reopened session's missing input ('' once it has its input). The panel
 * follows the state in its own animation frames (label-edit-panel.ts), not in the render pass that shows the
 * notices: a test that saw a notice waits for the note too. Browser-side.
 */
export const INPUT_NOTE = `document.querySelector('[data-testid="session-input"]').textContent`;

/**
 * Clicks `testId` and saves the download it starts in the session's work folder as `fileName`, or under the
 * name the page suggested; returns the saved path and that suggested name.
 */
async function saveDownload(
  session: BrowserSession,
  testId: string,
  fileName?: string,
): Promise<{ file: string; suggested: string }> {
  const { page } = session;
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const suggested = download.suggestedFilename();
  const file = join(session.work, fileName ?? suggested);
  await download.saveAs(file);
  return { file, suggested };
}

/**
 * From the Export screen: clicks the export button `testId`, saves the download as `fileName` in the session's
 * work folder and returns its text.
 */
export async function exportFile(session: BrowserSession, testId: string, fileName: string): Promise<string> {
  await session.page.getByTestId('tab-export').click();
  const { file } = await saveDownload(session, testId, fileName);
  return readFileSync(file, 'utf8');
}

/**
 * Clicks Explore's Export projected cells and saves the download in the session's work folder as `fileName`,
 * or under the name the page suggested; returns the name the page suggested and the CSV's text.
 */
export async function exportProjectedCells(
  session: BrowserSession,
  fileName?: string,
): Promise<{ suggested: string; text: string }> {
  const { file, suggested } = await saveDownload(session, 'project-export', fileName);
  return { suggested, text: readFileSync(file, 'utf8') };
}

/**
 * Clicks Save session (the Explore screen's) and saves the download in the session's work folder as
 * `fileName`, or under the name the page suggested; returns the saved path and that suggested name.
 */
export async function saveSession(
  session: BrowserSession,
  fileName?: string,
): Promise<{ file: string; suggested: string }> {
  return saveDownload(session, 'session-save', fileName);
}

/**
 * A script for page.evaluate that records in `window.__progress` every value the progress bar `testId` shows
 * while it is visible, from now on.
 */
export const watchProgressScript = (testId: string): string => `(() => {
  const bar = document.querySelector('[data-testid="${testId}"]');
  window.__progress = [];
  new MutationObserver(() => {
    if (!bar.hidden) window.__progress.push(Number(bar.value));
  }).observe(bar, { attributes: true });
  return true;
})()`;

/**
 * A script for page.evaluate that makes `rows` the selection, through the page's e2e hook (the page needs
 * `window.tripletlensE2eHooks = true` before it loads).
 */
export const selectRowsScript = (rows: number[]): string =>
  `window.tripletlensE2e.dispatch({ type: 'annotate', label: 'Select ${rows.length} cells', selection: Int32Array.from(${JSON.stringify(rows)}) })`;

/** The bundled sample's rows of class `label` (its label is the second column). */
export function sampleRowsOf(label: string): number[] {
  const labels = readFileSync(samplePath(), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(',')[1]);
  return labels.flatMap((l, r) => (l === label ? [r] : []));
}
