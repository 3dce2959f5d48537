// A walkthrough (the 38-sample Golub leukaemia panel as a CSV): past inspect's "38 rows (cells or samples)",
// `inspect` said "PCA to 37 components (the most 38 cells allow)" and `train` said "splitting off the hold-out
// cells…", "embedding every cell…", "regime small (30 training cells, …)", and its run.json's notes
// "only 3 held-out cells". A text table's rows are now 'rows' (api/file-format.ts rowWords); an h5ad's stay cells.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { packageRoot } from '../../src/util/paths.js';
import { runCli, tempDir } from './helpers.js';

const FORMATS = join(packageRoot(), 'test', 'fixtures', 'formats');

let dir = '';
let cleanup: () => Promise<void> = async () => {};
before(async () => ({ dir, cleanup } = await tempDir()));
after(() => cleanup());

/**
 * A bulk panel as a CSV: `samples` samples of 3 tumour classes × `genes` genes, the class showing in some;
 * `counts`: whole numbers (raw counts).
 */
async function bulkPanel(name: string, samples: number, genes = 6, counts = false): Promise<string> {
  const file = join(dir, name);
  const lines = [['sample', 'tumour', ...Array.from({ length: genes }, (_, g) => `g${g + 1}`)].join(',')];
  for (let s = 0; s < samples; s++) {
    const cls = s % 3;
    const values = Array.from({ length: genes }, (_, g) =>
      ((g === cls * 2 ? 5 : 0) + ((s * 7 + g * 3) % 5) / 4 + 1).toFixed(2),
    );
    lines.push(
      [`patient-${s}`, `class${cls}`, ...values.map((v) => (counts ? String(Math.round(+v * 4)) : v))].join(
        ',',
      ),
    );
  }
  await writeFile(file, `${lines.join('\n')}\n`);
  return file;
}

/** `train` with 1 epoch: its stderr and its run.json's metric notes. */
async function train(file: string, label: string, out: string) {
  const r = await runCli(['train', file, '--label', label, '--epochs', '1', '--out', join(dir, out)]);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(
    await readFile(join(dir, out.replace(/\.coords\.csv$/, '.run.json')), 'utf8'),
  ) as {
    input: { format?: { kind: string } };
    metricNotes?: Record<string, string>;
    recipe: { notes: string[] };
  };
  return { stderr: r.stderr, report };
}

test('train on a bulk CSV says rows in its stages, regime and notes; on an h5ad it says cells', async () => {
  const bulk = await train(await bulkPanel('panel.csv', 15), 'tumour', 'panel.coords.csv');
  assert.match(bulk.stderr, /\nsplitting off the hold-out rows…\n/);
  assert.match(bulk.stderr, /\nembedding every row…\n/);
  assert.match(bulk.stderr, /\nregime small \(12 training rows, at most 100: /);
  assert.equal(bulk.report.input.format?.kind, 'text');
  const notes = Object.values(bulk.report.metricNotes ?? {});
  assert.ok(notes.length > 0, 'a 15-sample panel has notes (trustworthiness, a thin hold-out)');
  for (const note of notes) assert.doesNotMatch(note, /\bcells?\b/, note);
  assert.match(bulk.report.metricNotes?.trustworthiness ?? '', /needs more than 30 rows, this table has 15/);
  // the regime's own sentence names both ("tables of tens of cells or samples"); nothing else says cells
  const said = bulk.stderr.replace('tables of tens of cells or samples', '');
  assert.doesNotMatch(said, /\bcells?\b/, 'no line of the summary says cells');

  const h5ad = await train(join(FORMATS, 'csr.h5ad'), 'cell_type', 'csr.coords.csv');
  assert.match(h5ad.stderr, /\nsplitting off the hold-out cells…\n/);
  assert.match(h5ad.stderr, /\nembedding every cell…\n/);
  assert.match(h5ad.stderr, /\nregime small \(\d+ training cells, at most 100: /);
});

test('inspect of a bulk CSV says how many rows allow its PCA; of a small h5ad, cells', async () => {
  const bulk = await runCli(['inspect', await bulkPanel('panel40.csv', 40, 80)]);
  assert.equal(bulk.code, 0, bulk.stderr);
  assert.match(bulk.stdout, /\nShape: 40 rows \(cells or samples\) × 80 genes\n/);
  assert.match(bulk.stdout, /PCA to 39 components \(the most 40 rows allow\)/);
  const counts = await runCli(['inspect', await bulkPanel('counts40.csv', 40, 80, true)]);
  assert.match(counts.stdout, /\nRecommended preprocessing: normalise each row to 10\u202f000 counts → /);
  const h5ad = await runCli(['inspect', join(FORMATS, 'csr.h5ad')]);
  assert.equal(h5ad.code, 0, h5ad.stderr);
  assert.match(h5ad.stdout, /\nRecommended preprocessing: normalise each cell to 10\u202f000 counts → /);
});

// The same panel's refusals: a label column of one sample a class read "holds only 4 labelled cells … two or
// more cells of one class", an id-like column "no class with two or more cells … not a cell type".
test("train's refusals of a bulk CSV's label column count rows, not cells", async () => {
  const few = join(dir, 'four.csv');
  await writeFile(few, 'sample,tumour,g1,g2\np1,A,1,2\np2,B,2,1\np3,C,3,1\np4,D,1,3\n');
  const r = await runCli(['train', few, '--label', 'tumour', '--out', join(dir, 'four.coords.csv')]);
  assert.equal(r.code, 1, r.stderr);
  assert.match(
    r.stderr,
    /four\.csv holds only 4 labelled rows in 'tumour', each of a class of its own: triplet training needs two or more rows of one class\.\n$/,
  );
  const ids = join(dir, 'ids.csv');
  const rows = Array.from({ length: 12 }, (_, i) => `p${i},x${i},${i % 3},${i % 4}`);
  await writeFile(ids, `sample,code,g1,g2\n${rows.join('\n')}\n`);
  const id = await runCli(['train', ids, '--label', 'code', '--out', join(dir, 'ids.coords.csv')]);
  assert.equal(id.code, 2, id.stderr);
  assert.match(
    id.stderr,
    /'code' of .*ids\.csv has no class with two or more rows \(12 classes of one row\): it looks like an id, not a class\./,
  );
  assert.doesNotMatch(r.stderr + id.stderr, /\bcells?\b/);
});

// run.json's recipe of a 38-sample panel read "PCA capped at 37 components (only 38 cells)".
test("a bulk CSV's run.json recipe notes say rows", async () => {
  const bulk = await train(await bulkPanel('panel38.csv', 38, 80), 'tumour', 'panel38.coords.csv');
  assert.ok(
    bulk.report.recipe.notes.includes('PCA capped at 37 components (only 38 rows)'),
    bulk.report.recipe.notes.join('; '),
  );
});
