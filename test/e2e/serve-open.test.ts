/**
 * End-to-end, opening files in `tripletlens serve` as users do: a 20 MB CSV dropped into the page streams to
 * a temporary file on the server with a progress bar (the old 1 MB-style body limit refused it), and that
 * file is deleted when other data replaces it; a file of more than 2 GB is refused before a byte is read,
 * saying how to open it instead; the file browser opens a file by its path under --root and marks a 10x
 * Cell Ranger folder.
 */
import assert from 'node:assert/strict';
import {
  copyFileSync,
  mkdirSync,
  openSync,
  closeSync,
  ftruncateSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { samplePath } from '../../src/util/paths.js';
import { openBrowserSessionWithTemp, watchProgressScript } from './browser-session.js';
import { filesUnder } from './serve-process.js';
import { browserSessionHooks } from './session-hooks.js';

// Browser-side code as strings: this file is type-checked without the DOM library.
/** The long name in the file browser: its text, its title and the tops of its lines. */
const NAME_LINES = `(() => {
  const name = document.querySelector('li[data-name="pbmc68k_reduced_lognorm_counts.csv"]').firstElementChild;
  const range = document.createRange();
  range.selectNodeContents(name);
  const tops = new Set(Array.from(range.getClientRects(), (r) => Math.round(r.top)));
  return { text: name.textContent, title: name.title, lines: tops.size };
})()`;

describe('opening files in tripletlens serve', { timeout: 300_000 }, () => {
  // work: serve's --root, the files uploaded from the page are written here too; temp: serve's TMPDIR
  const opened = browserSessionHooks('open', {
    open: openBrowserSessionWithTemp,
    prepare: ({ work }) => {
      mkdirSync(join(work, 'data', 'run1', 'filtered_feature_bc_matrix'), { recursive: true });
      writeFileSync(join(work, 'data', 'run1', 'filtered_feature_bc_matrix', 'matrix.mtx.gz'), '');
      copyFileSync(samplePath(), join(work, 'data', 'pbmc.csv'));
      // a name too long for the list's name column: it wraps between its pieces
      writeFileSync(join(work, 'data', 'pbmc68k_reduced_lognorm_counts.csv'), 'id,a\n');
    },
    beforeClose: async (session) => {
      const code = await session.stop();
      assert.equal(code, 0, session.serve.stderr());
      assert.deepEqual(readdirSync(session.temp), [], 'serve deleted its temporary upload folder on exit');
    },
  });

  test('a 20 MB CSV uploads with a progress bar into a temporary file, deleted when replaced', async () => {
    const { page, work, temp } = opened.session;
    const genes = 200;
    const header = ['id', 'label', ...Array.from({ length: genes }, (_, g) => `G${g}`)].join(',');
    const rows: string[] = [header];
    for (let r = 0; r < 16_000; r++) {
      const values = Array.from({ length: genes }, (_, g) => ((r * 7 + g * 13) % 1000) / 100 + 0.123);
      rows.push(`cell${r},type${r % 4},${values.join(',')}`);
    }
    const file = join(work, 'big table.csv');
    writeFileSync(file, `${rows.join('\n')}\n`);
    await page.evaluate(watchProgressScript('upload-progress'));
    await page.getByTestId('import-file').setInputFiles(file);
    await page
      .getByTestId('summary-shape')
      .getByText(/^16.000 rows \(cells or samples\)/) // the page groups digits with a thin space
      .waitFor({ timeout: 120_000 });
    assert.equal(await page.getByTestId('summary-source').innerText(), 'big table.csv');
    const progress = (await page.evaluate('window.__progress')) as number[];
    assert.ok(progress.length > 0, 'the progress bar was shown');
    assert.ok(
      progress.every((v) => v >= 0 && v <= 1),
      JSON.stringify(progress),
    );
    const stored = filesUnder(temp);
    assert.equal(stored.length, 1, 'one temporary copy on the server');
    assert.match(stored[0], /big table\.csv$/);

    await page.getByTestId('open-sample').click();
    await page
      .getByTestId('summary-shape')
      .getByText('700 rows (cells or samples)')
      .waitFor({ timeout: 60_000 });
    assert.deepEqual(filesUnder(temp), [], 'the upload was deleted when the sample replaced it');
  });

  test('a file over 2 GB is refused before reading, with what to do instead', async () => {
    const { page, work, temp } = opened.session;
    const huge = join(work, 'atlas.csv');
    const fd = openSync(huge, 'w');
    ftruncateSync(fd, Math.round(2.2 * 1024 ** 3)); // sparse: no disk used
    closeSync(fd);
    await page.getByTestId('import-file').setInputFiles(huge);
    const error = page.getByTestId('notice-error').filter({ hasText: 'atlas.csv' });
    await error.waitFor({ timeout: 30_000 });
    const text = await error.innerText();
    assert.match(text, /atlas\.csv is 2\.2 GB: too large to upload from the browser/);
    assert.match(text, /Open from the server’s folder/);
    assert.doesNotMatch(text, /could not be read/);
    assert.deepEqual(filesUnder(temp), [], 'nothing was uploaded');
    assert.equal(
      await page.getByTestId('summary-shape').innerText(),
      '700 rows (cells or samples) × 765 genes',
      'the sample stays',
    );
    rmSync(huge);
  });

  test('the file browser lists folders under --root, marks a 10x folder, and opens a file by its path', async () => {
    const { page, temp } = opened.session;
    await page.getByTestId('file-browser').locator('summary').click();
    await page.getByTestId('browse-folder').filter({ hasText: 'data/' }).click();
    await page.getByTestId('browse-path').getByText('/data').waitFor();
    const list = page.getByTestId('browse-list');
    await list.locator('li[data-name="run1"]').waitFor();
    await list.locator('li[data-name="run1"]').getByTestId('browse-folder').click();
    const tenx = list.locator('li[data-name="filtered_feature_bc_matrix"]');
    await tenx.waitFor();
    assert.match(await tenx.innerText(), /10x Cell Ranger matrix/);
    await page.getByTestId('browse-up').click();
    // a long name is one line (shortened in the middle when the panel is too narrow: file-browser.test.ts),
    // never broken at its underscores into what reads as several names; whole in its title
    const long = list.locator('li[data-name="pbmc68k_reduced_lognorm_counts.csv"]');
    await long.waitFor();
    assert.deepEqual(await page.evaluate(NAME_LINES), {
      text: 'pbmc68k_reduced_lognorm_counts.csv',
      title: 'pbmc68k_reduced_lognorm_counts.csv',
      lines: 1,
    });
    await list.locator('li[data-name="pbmc.csv"]').getByTestId('browse-open').click();
    await page
      .getByTestId('summary-source')
      .getByText(/pbmc\.csv$/)
      .waitFor({ timeout: 60_000 });
    assert.match(await page.getByTestId('summary-shape').innerText(), /700 rows \(cells or samples\)/);
    assert.deepEqual(filesUnder(temp), [], 'opened by path: nothing uploaded');
  });

  test('the file picker offers the single-cell formats', async () => {
    const { page } = opened.session;
    const accept = await page.getByTestId('import-file').getAttribute('accept');
    for (const ext of ['.csv', '.tsv', '.gz', '.h5ad', '.h5', '.loom', '.mtx', '.mtx.gz']) {
      assert.ok(accept?.split(',').includes(ext), `${ext} in ${accept}`);
    }
  });

  test('no script errors or CSP violations', () => {
    assert.deepEqual(opened.session.problems, []);
  });
});
