// Explore ▸ Project another file ▸ Export projected cells (EngineSession.exportProjected): the projection's
// reply carries no CSV (at 10^5 cells it was ~5 MB of a ~10 MB reply the page rarely needs); the engine keeps
// the last projection and writes its CSV when asked — the very text `tripletlens embed --meta-file` writes
// with the same model and files. An id the engine no longer holds (another file projected since, other data
// opened) is refused with what to do; a refused projection leaves the last one exportable, as the page keeps
// showing it.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { EngineSession } from '../../src/engine/session.js';
import { packageRoot } from '../../src/util/paths.js';
import { runCli } from '../cli/helpers.js';
import { outcome } from './session-outcome.js';

const FIXTURES = join(packageRoot(), 'test', 'fixtures');
const FORMATS = join(FIXTURES, 'formats');
const META = join(FORMATS, 'cells_meta.csv');
const session = new EngineSession();
const dir = mkdtempSync(join(tmpdir(), 'tl-projection-export-'));
after(() => {
  session.dispose();
  rmSync(dir, { recursive: true, force: true });
});

/** cells.csv without its metadata columns: a query file of ids and genes only. */
const query = join(dir, 'query.csv');

before(async () => {
  const rows = readFileSync(join(FORMATS, 'cells.csv'), 'utf8').trim().split('\n');
  const first = rows[0].split(',').indexOf('GENE00');
  writeFileSync(query, rows.map((r) => [r.split(',')[0], ...r.split(',').slice(first)].join(',')).join('\n'));
  await session.openFile({ kind: 'path', path: join(FORMATS, 'cells.csv') });
  const done = outcome(session);
  await session.startTraining({ labelColumn: 'cell_type', epochs: 2, snapshotEvery: 0 });
  await done;
});

test('the reply carries no CSV; exportProjected writes what `tripletlens embed --meta-file` writes', async () => {
  const embedded = await session.embedFile({ kind: 'path', path: query }, {}, { kind: 'path', path: META });
  assert.ok(!('csv' in embedded), 'no CSV in the reply');
  assert.match(embedded.projectionId, /^projection-\d+$/);
  const exported = await session.exportProjected(embedded.projectionId);
  assert.equal(exported.fileName, 'query.projected.csv');
  assert.equal(exported.mimeType, 'text/csv');
  assert.equal(
    exported.text.split('\n')[0],
    'cell_id,cell_type,x,y,z,predicted_label,confidence,donor,leiden_cluster,is_doublet',
  );

  // the same model as a folder, the same files through the CLI: the same text, byte for byte
  const model = join(dir, 'model');
  await session.exportModel({ kind: 'path', dir: model });
  const out = join(dir, 'cli.csv');
  const cli = await runCli(['embed', query, '--model', model, '--meta-file', META, '--out', out, '--quiet']);
  assert.equal(cli.code, 0, cli.stderr);
  assert.equal(exported.text, readFileSync(out, 'utf8'));
});

test('a refused projection leaves the last one exportable; a newer one replaces it', async () => {
  const first = await session.embedFile({ kind: 'path', path: query });
  await assert.rejects(
    session.embedFile(
      { kind: 'path', path: query },
      {},
      {
        kind: 'path',
        path: join(FIXTURES, 'bad', 'metadata-duplicate-id.csv'),
      },
    ),
    /metadata-duplicate-id\.csv, line 4, column 1/,
  );
  // the page still shows the first projection's cells: their export still works
  assert.match((await session.exportProjected(first.projectionId)).text, /^cell_id,x,y,z,predicted_label/);

  const second = await session.embedFile({ kind: 'path', path: query }, {}, { kind: 'path', path: META });
  assert.notEqual(second.projectionId, first.projectionId);
  // query.csv is a text table, whose rows the page calls rows (Export projected rows): not "cells"
  await assert.rejects(session.exportProjected(first.projectionId), {
    kind: 'invalid-request',
    message:
      'This projection is no longer held by the engine (another file was projected since, perhaps from another page, or other data was opened): project the file again to export it.',
  });
  assert.match(
    (await session.exportProjected(second.projectionId)).text,
    /,donor,leiden_cluster,is_doublet\n/,
  );
});

test('opening other data forgets the projection', async () => {
  const embedded = await session.embedFile({ kind: 'path', path: query });
  await session.openFile({ kind: 'path', path: join(FORMATS, 'cells.csv') });
  await assert.rejects(session.exportProjected(embedded.projectionId), /no longer held by the engine/);
  await assert.rejects(session.exportProjected(42 as unknown as string), /No projection id given/);
});
