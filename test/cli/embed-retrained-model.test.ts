/**
 * `embed` with a model the app exported after Retrain with these labels: the model's label column is the
 * edits' `label_edited`, which no query file has. Its CSV dropped the file's own label column; it now keeps
 * the column the edits started from, after the id, as train's coordinates CSV and the app's projected cells do.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EditedLabels } from '../../src/api/annotation.js';
import { EngineSession } from '../../src/engine/session.js';
import { packageRoot } from '../../src/util/paths.js';
import { outcome } from '../engine/session-outcome.js';
import { parseCsv, runCli, tempDir } from './helpers.js';

const CELLS = join(packageRoot(), 'test', 'fixtures', 'formats', 'cells.csv');
const LABEL = 'cell_type';
let dir: string;
let cleanup: () => Promise<void>;

before(async () => {
  ({ dir, cleanup } = await tempDir());
  const session = new EngineSession();
  try {
    await session.openFile({ kind: 'path', path: CELLS });
    let done = outcome(session);
    await session.startTraining({ labelColumn: LABEL, epochs: 1, snapshotEvery: 0 });
    const first = await done;
    // edits that rename the first cell's class, retrained on
    const categories = [...new Set(first.labels), 'Renamed'];
    const codes = Int32Array.from(first.labels, (l) => categories.indexOf(l));
    codes[0] = categories.length - 1;
    const edited: EditedLabels = { column: 'label_edited', source: LABEL, categories, codes };
    done = outcome(session);
    await session.retrainWithLabels({ editedLabels: edited, epochs: 1, snapshotEvery: 0 });
    assert.equal((await done).labelColumn, 'label_edited');
    await session.exportModel({ kind: 'path', dir: join(dir, 'model') });
  } finally {
    session.dispose();
  }
});
after(() => cleanup());

test('the retrained model records the column its edits started from', async () => {
  const manifest = JSON.parse(await readFile(join(dir, 'model', 'model.json'), 'utf8'));
  assert.equal(manifest.labelColumn, 'label_edited');
  assert.equal(manifest.labelSource, LABEL);
});

test("embed's CSV keeps the query's id and own label column after a retrained model, as train's CSV does", async () => {
  const out = join(dir, 'embedded.csv');
  const r = await runCli(['embed', CELLS, '--model', join(dir, 'model'), '--out', out, '--quiet']);
  assert.equal(r.code, 0, r.stderr);
  const rows = parseCsv(await readFile(out, 'utf8'));
  const input = parseCsv(await readFile(CELLS, 'utf8'));
  assert.deepEqual(rows[0].slice(0, 2), [input[0][0], LABEL]);
  const label = input[0].indexOf(LABEL);
  assert.deepEqual(
    rows.slice(1).map((row) => row.slice(0, 2)),
    input.slice(1).map((row) => [row[0], row[label]]),
  );
});
