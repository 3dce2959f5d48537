/**
 * By hand: a user's walk through `tripletlens serve` with a 10⁵-cell h5ad (bench/sparse/make_walk_100k.py
 * writes it and a 5 000-cell query file): open from the server's folder, train with the defaults, hover,
 * legend hide/isolate, 2-D lasso, markers vs rest, colour by the top gene, find a cell and ring its neighbours,
 * Project another file, Save session, export CSV and h5ad, reopen the session. Each step prints its wall time,
 * the page's long tasks (PerformanceObserver 'longtask': max and sum), the page's JS heap, and the RSS and CPU
 * seconds of serve's process tree; the Train screen's progress line is printed whenever it changes.
 * Run: `npm run build && npx tsx bench/walk-100k.ts` (FILES=a.h5ad,query.h5ad to use others; REQLOG=1 logs the
 * page's engine calls; STOP_AFTER=start|first-step|train; EPOCHS, DIMS set the Train form). Screenshots go to /tmp.
 */
import { linkSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  openBrowserSession,
  waitFor,
  saveSession,
  reopenSession,
  exportFile,
} from '../test/e2e/browser-session.js';
import { treeCpuSeconds } from './lib/proc-cpu.js';

const T0 = Date.now();
const log = (...a: unknown[]) => console.log(((Date.now() - T0) / 1000).toFixed(1).padStart(6), ...a);
/** serve's tree's RSS, and each process's in MB ('pid name MB'): the server and its engine worker apart. */
function treeRss(root: number): number {
  return treeRssParts(root).total;
}
function treeRssParts(root: number): { total: number; parts: string[] } {
  let total = 0;
  const parts: string[] = [];
  const parent = new Map<number, number>();
  const rss = new Map<number, number>();
  for (const p of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      const s = readFileSync(`/proc/${p}/stat`, 'utf8');
      const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(p), Number(f[1]));
      rss.set(Number(p), Number(f[21]) * 4096);
    } catch {
      // the process ended while we looked
    }
  }
  for (const [pid, r] of rss) {
    let q: number | undefined = pid;
    while (q && q !== root) q = parent.get(q);
    if (q === root) {
      total += r;
      const name = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').slice(0, 3).join(' ');
      parts.push(`${pid} ${name.slice(-60)} ${(r / 1e6).toFixed(0)} MB`);
    }
  }
  return { total, parts };
}
const steps = (process.env.STEPS ?? 'all').split(',');
const want = (s: string) => steps.includes('all') || steps.includes(s);

const session = await openBrowserSession('walkscale');
const { page } = session;
const pid = session.serve.child.pid!;
const cpu0 = treeCpuSeconds(pid);
for (const f of (process.env.FILES ?? '/tmp/walk100k/atlas100k.h5ad,/tmp/walk100k/query5k.h5ad').split(','))
  linkSync(f, join(session.work, f.split('/').pop()!));
await page.addInitScript(`window.tripletlensE2eHooks = true; window.__long = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push([Math.round(e.startTime), Math.round(e.duration)]); }).observe({ type: 'longtask', buffered: true });`);
const reqStart = new Map<object, number>();
page.on('request', (r) => {
  if (r.url().includes('/api/')) {
    reqStart.set(r, Date.now());
    if (process.env.REQLOG)
      log(
        '→',
        r.method(),
        r
          .url()
          .replace(/token=[^&]*/, '')
          .slice(-60),
      );
  }
});
page.on('requestfinished', (r) => {
  const s = reqStart.get(r);
  if (s !== undefined && (process.env.REQLOG || Date.now() - s > 2000))
    log(
      '←',
      r.method(),
      r
        .url()
        .replace(/token=[^&]*/, '')
        .slice(-60),
      Date.now() - s,
      'ms',
    );
});
const cdp = await page.context().newCDPSession(page);
await cdp.send('Performance.enable');
let lastLong = 0;
async function mark(what: string) {
  const long = (await page.evaluate('window.__long')) as [number, number][];
  const fresh = long.slice(lastLong);
  lastLong = long.length;
  const max = fresh.reduce((m, [, d]) => Math.max(m, d), 0);
  const sum = fresh.reduce((m, [, d]) => m + d, 0);
  const metrics = (await cdp.send('Performance.getMetrics')).metrics;
  const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
  const notices = (
    (await page.evaluate(`(document.querySelector('[data-testid="notices"]')||{}).textContent||''`)) as string
  ).slice(0, 300);
  log(
    `[${what}] longtasks ${fresh.length} max ${max} ms sum ${sum} ms | page heap ${(heap / 1e6).toFixed(0)} MB | serve tree RSS ${(treeRss(pid) / 1e6).toFixed(0)} MB (${treeRssParts(pid).parts.join('; ')}), CPU ${(treeCpuSeconds(pid) - cpu0).toFixed(1)} s | notices: ${notices}`,
  );
}
const text = (id: string) =>
  page.evaluate(`(document.querySelector('[data-testid="${id}"]')||{}).textContent||''`) as Promise<string>;
try {
  await page.goto(session.serve.url);
  await mark('loaded');
  const fileName = 'atlas100k.h5ad';
  await page.getByTestId('file-browser').locator('summary').click();
  await page
    .getByTestId('browse-list')
    .locator(`li[data-name="${fileName}"]`)
    .getByTestId('browse-open')
    .click();
  log('clicked open');
  await page.getByTestId('summary-source').getByText(fileName).waitFor({ timeout: 300_000 });
  log('summary shown');
  await page.getByTestId('class-counts').waitFor({ timeout: 300_000 });
  log('class counts shown:', (await text('class-counts')).slice(0, 200));
  await mark('imported');
  await page.screenshot({ path: '/tmp/walk-100k-1-import.png' });
  await page.getByTestId('tab-train').click();
  if (process.env.EPOCHS) await page.getByTestId('train-epochs').fill(process.env.EPOCHS);
  if (process.env.DIMS) await page.getByTestId('train-dims').selectOption(process.env.DIMS);
  await page.getByTestId('train-start').click();
  log('train started');
  let seen = '';
  const t1 = Date.now();
  while (!(await page.getByTestId('screen-explore').isVisible())) {
    const s = `${await text('train-stage')} | ${await text('train-epoch')} | ${await text('train-eta')} | ${await text('train-loss-value')}`;
    if (s !== seen) {
      log('train:', s);
      seen = s;
    }
    if (process.env.STOP_AFTER === 'start' && Date.now() - t1 > 90_000) throw new Error('stop after start');
    if (process.env.STOP_AFTER === 'first-step' && !/^—/.test(await text('train-epoch')))
      throw new Error('stop at the first step');
    if (Date.now() - t1 > 600_000) throw new Error('training over 10 min');
    await new Promise((r) => setTimeout(r, 1000));
  }
  if (process.env.STOP_AFTER === 'train') throw new Error('stop after train');
  log('explore shown');
  await mark('trained');
  log('summary:', (await text('train-summary')).slice(0, 400));
  await page.getByTestId('explore-plot').locator('.main-svg').first().waitFor({ timeout: 120_000 });
  await new Promise((r) => setTimeout(r, 3000));
  log('explore counts:', await text('explore-counts'), '| dims note:', await text('explore-dims-note'));
  await mark('explore drawn');
  await page.screenshot({ path: '/tmp/walk-100k-2-explore.png' });
  // hover over the middle of the plot
  const box = (await page.getByTestId('explore-plot').boundingBox())!;
  for (let i = 0; i < 10; i++)
    await page.mouse.move(box.x + box.width * (0.3 + i * 0.04), box.y + box.height * 0.5, { steps: 3 });
  await mark('hover');
  // legend hide / isolate
  const legendItem = page.locator('[data-testid="explore-plot"] .legend .traces').first();
  let t = Date.now();
  await legendItem.click();
  await new Promise((r) => setTimeout(r, 1500));
  log('legend click', Date.now() - t, 'ms');
  await mark('legend hide');
  t = Date.now();
  await legendItem.click();
  await new Promise((r) => setTimeout(r, 1500));
  await mark('legend show');
  t = Date.now();
  await legendItem.dblclick();
  await new Promise((r) => setTimeout(r, 1500));
  await mark('legend isolate');
  await legendItem.dblclick();
  await new Promise((r) => setTimeout(r, 1500));
  await mark('legend all');
  await page.screenshot({ path: '/tmp/walk-100k-3-legend.png' });
  // 2-D for lasso
  await page
    .getByTestId('explore-dims')
    .selectOption('2')
    .catch((e) => log('dims 2 failed', String(e).slice(0, 200)));
  await new Promise((r) => setTimeout(r, 3000));
  await mark('2-D view');
  await page.getByTestId('select-tool-lasso').click();
  await waitFor<string>(
    page,
    `document.querySelector('[data-testid="explore-plot"]')._fullLayout.dragmode`,
    (m) => m === 'lasso',
  );
  const pts: [number, number][] = [];
  for (let k = 0; k < 24; k++) {
    const a = (2 * Math.PI * k) / 24;
    pts.push([
      box.x + box.width * (0.45 + 0.2 * Math.cos(a)),
      box.y + box.height * (0.5 + 0.25 * Math.sin(a)),
    ]);
  }
  t = Date.now();
  await page.mouse.move(...pts[0]);
  await page.mouse.down();
  for (const p of pts.slice(1)) await page.mouse.move(p[0], p[1], { steps: 4 });
  await page.mouse.move(...pts[0], { steps: 4 });
  await page.mouse.up();
  await waitFor<string>(
    page,
    `(document.querySelector('[data-testid="selection-count"]')||document.body).textContent`,
    (s) => !/No cells selected/.test(s),
    120_000,
  ).catch((e) => log('lasso wait', String(e).slice(0, 200)));
  log('lasso', Date.now() - t, 'ms:', (await text('selection-count')).slice(0, 200));
  await mark('lasso');
  await page.screenshot({ path: '/tmp/walk-100k-4-lasso.png' });
  // markers vs rest
  t = Date.now();
  await page.getByTestId('markers-vs-rest').click();
  await waitFor<number>(
    page,
    `document.querySelectorAll('[data-testid="markers-gene"]').length`,
    (n) => n > 0,
    300_000,
  ).catch((e) => log('markers wait', String(e).slice(0, 200)));
  log('markers', Date.now() - t, 'ms:', (await text('markers-status')).slice(0, 200));
  await mark('markers');
  // colour by the first marker gene
  t = Date.now();
  await page
    .getByTestId('markers-gene')
    .first()
    .click()
    .catch(() => {});
  await new Promise((r) => setTimeout(r, 3000));
  log('colour by gene', Date.now() - t, 'ms');
  await mark('gene colour');
  await page.screenshot({ path: '/tmp/walk-100k-5-gene.png' });
  // neighbour check: select tool none? click a cell via find
  await page.getByTestId('explore-search').fill('CELL00001');
  await page.getByTestId('explore-search-go').click();
  await new Promise((r) => setTimeout(r, 2000));
  log('search:', (await text('explore-search-result')).slice(0, 200));
  t = Date.now();
  await page
    .getByTestId('explore-search-match')
    .first()
    .click()
    .catch(() => {});
  await new Promise((r) => setTimeout(r, 3000));
  log('neighbour', Date.now() - t, 'ms:', (await text('explore-search-result')).slice(0, 300));
  await mark('neighbours');
  // project another file
  if (want('project')) {
    const pb = page.getByTestId('project-browser');
    if ((await pb.getAttribute('open')) === null) await pb.locator('summary').click();
    t = Date.now();
    await page
      .getByTestId('project-browse-list')
      .locator('li[data-name="query5k.h5ad"]')
      .getByTestId('project-browse-open')
      .click();
    await waitFor<string>(
      page,
      `(document.querySelector('[data-testid="project-info"]')||{}).textContent||''`,
      (s) => /5\D?000/.test(s),
      300_000,
    ).catch((e) => log('project wait', String(e).slice(0, 200)));
    log('projected', Date.now() - t, 'ms:', (await text('project-info')).slice(0, 300));
    await mark('projected');
  }
  // save session
  t = Date.now();
  const saved = await saveSession(session, 'walk.tripletlens');
  log('session saved', Date.now() - t, 'ms', saved.suggested, readFileSync(saved.file).length, 'bytes');
  await mark('saved');
  // export h5ad + csv
  t = Date.now();
  const csv = await exportFile(session, 'export-csv', 'walk.coords.csv');
  log('csv export', Date.now() - t, 'ms', csv.length, 'chars');
  await mark('csv export');
  t = Date.now();
  await page.getByTestId('tab-export').click();
  const [dl] = await Promise.all([
    page.waitForEvent('download', { timeout: 300_000 }),
    page.getByTestId('export-h5ad').click(),
  ]);
  await dl.saveAs(join(session.work, 'walk.h5ad'));
  log('h5ad export', Date.now() - t, 'ms', dl.suggestedFilename());
  await mark('h5ad export');
  // reopen the session
  t = Date.now();
  await reopenSession(page, saved.file);
  // the reloaded page first draws the engine's previous map: the session is open once the page says so
  await waitFor<string>(
    page,
    `(document.querySelector('[data-testid="notices"]')||{}).textContent||''`,
    (s) => s.includes('Session opened'),
    300_000,
  );
  await page.getByTestId('explore-plot').locator('.main-svg').first().waitFor({ timeout: 300_000 });
  await new Promise((r) => setTimeout(r, 3000));
  log('session reopened', Date.now() - t, 'ms', (await text('explore-counts')).slice(0, 200));
  await mark('reopened');
  if (process.env.COLLECT_AT_END) {
    // serve started with NODE_OPTIONS=--heapsnapshot-signal=SIGUSR2: a heap snapshot collects garbage first
    // (and costs some memory itself), so what RSS falls by after it was garbage, not held data
    for (const p of treeRssParts(pid).parts) process.kill(Number(p.split(' ')[0]), 'SIGUSR2');
    await new Promise((r) => setTimeout(r, Number(process.env.COLLECT_AT_END) * 1000));
    await mark('reopened, after a collection');
  }
  await page.screenshot({ path: '/tmp/walk-100k-6-reopened.png' });
  log('problems:', session.problems);
} catch (err) {
  log('FAILED', err);
  await page.screenshot({ path: '/tmp/walk-100k-fail.png' }).catch(() => {});
} finally {
  log('serve stderr tail:', session.serve.stderr().slice(-1500));
  await session.close();
}
