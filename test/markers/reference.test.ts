// The marker statistics against scipy's mannwhitneyu and scanpy's rank_genes_groups(method='wilcoxon'):
// the committed expectations always, and a fresh run of the Python script when TRIPLETLENS_PYTHON is set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { CHECK_PYTHON } from '../engine/h5ad/anndata-check.js';
import { FIXTURE, SCRIPT, checkCase, tableOf, type ExpectedMarkers } from './reference-check.js';

const expected = JSON.parse(readFileSync(FIXTURE, 'utf8')) as ExpectedMarkers;

for (const c of expected.cases) {
  test(`${c.name}: same top-20 genes and p-values as scanpy and scipy (committed expectations)`, async () => {
    checkCase(await tableOf(c.file), c);
  });
}

test('the counts case read sparse (csr.h5ad, the same cells as cells.csv) gives the same statistics', async () => {
  const c = expected.cases.find((x) => x.file === 'test/fixtures/formats/cells.csv');
  assert.ok(c, 'the fixture has a case on cells.csv');
  const table = await tableOf('test/fixtures/formats/csr.h5ad');
  assert.equal(table.values.format, 'csr');
  checkCase(table, c);
});

test(
  'live: scipy and scanpy run now agree with the engine',
  {
    skip: CHECK_PYTHON
      ? false
      : 'TRIPLETLENS_PYTHON is not set: set it to a Python with scanpy (scripts/setup-python-check) to rerun markers_reference.py live',
  },
  async () => {
    const run = spawnSync(CHECK_PYTHON!, [SCRIPT, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
    assert.equal(run.status, 0, `markers_reference.py failed:\n${run.stderr}`);
    const live = JSON.parse(run.stdout) as ExpectedMarkers;
    assert.deepEqual(
      live.cases.map((c) => c.name),
      expected.cases.map((c) => c.name),
    );
    for (const c of live.cases) checkCase(await tableOf(c.file), c);
  },
);
