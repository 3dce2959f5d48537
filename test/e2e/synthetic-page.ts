/**
 * The page the big-map e2e tests drive (big-map-3d, big-map-lasso, small-map-lasso): the built renderer with
 * the UI bench's synthetic engine (bench/ui.ts), served locally and opened in headless Chromium with a map of
 * `cells` cells — no training is needed for a map of that size.
 */
import { rmSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { buildPage, initScript, serve } from '../../bench/ui.js';
import { packageRoot } from '../../src/util/paths.js';
import { launchChromium } from './chromium.js';

/** An opened synthetic page and how to close it (browser, server and the built page's folder). */
export interface SyntheticPage {
  page: Page;
  close(): Promise<void>;
}

/** `e2eHooks`: expose `window.tripletlensE2e` (the app state) to the test. */
export async function openSyntheticPage(cells: number, e2eHooks: boolean): Promise<SyntheticPage> {
  const root = packageRoot();
  const dir = await buildPage(root);
  const served = await serve(dir);
  const browser = await launchChromium().catch((err: unknown) => {
    served.server.close();
    rmSync(dir, { recursive: true, force: true });
    throw err;
  });
  const close = async (): Promise<void> => {
    await browser.close();
    served.server.close();
    rmSync(dir, { recursive: true, force: true });
  };
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const hooks = e2eHooks ? 'window.tripletlensE2eHooks = true;' : '';
  await page.addInitScript({ content: hooks + (await initScript(root)) });
  await page.goto(`${served.url}?cells=${cells}`);
  return { page, close };
}
