// A model folder saved by an earlier version (test/fixtures/models/model-3954cb3, trained at commit 3954cb3 on
// test/fixtures/formats/cells.csv — see that folder's README) must still pass today's model-folder checks
// (model-folder-path.ts, model-files-check.ts, recipe-check.ts) and embed to the coordinates that run saved.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { checkModelFolderPath } from '../../src/engine/model-folder-path.js';
import { loadModelFolder } from '../../src/engine/model-folder.js';
import { packageRoot } from '../../src/util/paths.js';
import { parseCsv, runCli, tempDir } from '../cli/helpers.js';

const FIXTURES = join(packageRoot(), 'test', 'fixtures');
const MODEL = join(FIXTURES, 'models', 'model-3954cb3');
const CELLS = join(FIXTURES, 'formats', 'cells.csv');

let dir = '';
let cleanup = async () => {};
before(async () => {
  ({ dir, cleanup } = await tempDir());
});
after(() => cleanup());

test('the model folder of 29 Nov passes the model-folder checks and loads', async () => {
  await checkModelFolderPath(MODEL);
  const model = await loadModelFolder(MODEL);
  try {
    assert.equal(model.manifest.dims, 2);
    assert.equal(model.recipe.genes.length, 30);
  } finally {
    model.dispose();
  }
});

test('embed with the model folder of 29 Nov gives the coordinates its run saved', async () => {
  const out = join(dir, 'embedded.csv');
  const r = await runCli(['embed', CELLS, '--model', MODEL, '--out', out, '--quiet']);
  assert.equal(r.code, 0, r.stderr);
  const rows = parseCsv(await readFile(out, 'utf8'));
  assert.deepEqual(rows[0].slice(0, 4), ['cell_id', 'cell_type', 'x', 'y']);
  assert.equal(rows.length, 41);
  // coords.csv of the run that saved the folder (3954cb3, on WebAssembly), first three cells: the same ids and
  // labels, and coordinates equal up to float32 rounding (the native backend sums in another order)
  const saved = [
    ['AAACCTG0000-1', 'B cell', 0.02037022, -0.2925082],
    ['AAACCTG0001-1', 'T cell', 1.60753, 1.43945],
    ['AAACCTG0002-1', 'NK cell', 1.379025, 1.320863],
  ] as const;
  rows.slice(1, 4).forEach((row, i) => {
    const [id, label, x, y] = saved[i];
    assert.deepEqual(row.slice(0, 2), [id, label]);
    assert.ok(Math.abs(Number(row[2]) - x) < 1e-5 && Math.abs(Number(row[3]) - y) < 1e-5, row.join(','));
  });
});
