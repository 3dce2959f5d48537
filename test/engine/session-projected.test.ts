// Projected cells in `.tripletlens` sessions (src/engine/session-projected.ts, session-file.ts): Save session
// keeps the cells of Project another file the page shows — coordinates, ids, predictions, the joined metadata
// columns, the file's name and fingerprint —; reopening gives them back without the projected file, whether
// the input is attached or not; a projected file changed on disk is said in one note (never projected again);
// a session saved without them (or before they were kept) opens without any; a bad request is refused.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { projectionRef } from '../../src/api/annotate.js';
import type { EmbedResult } from '../../src/api/engine-api.js';
import { isEngineError } from '../../src/api/errors.js';
import { parseSession, sessionBytes } from '../../src/engine/session-file.js';
import { projectedFileNote, projectedRequestProblem } from '../../src/engine/session-projected.js';
import { EngineSession } from '../../src/engine/session.js';
import { packageRoot } from '../../src/util/paths.js';
import { readZip, writeZip } from '../../src/util/zip-archive.js';
import { outcome } from './session-outcome.js';

const FORMATS = join(packageRoot(), 'test', 'fixtures', 'formats');
const session = new EngineSession();
const dir = mkdtempSync(join(tmpdir(), 'tl-session-projected-'));
const input = join(dir, 'cells.csv');
const query = join(dir, 'query.csv');
let embedded: EmbedResult;

after(() => {
  session.dispose();
  rmSync(dir, { recursive: true, force: true });
});

before(async () => {
  const rows = readFileSync(join(FORMATS, 'cells.csv'), 'utf8').trim().split('\n');
  writeFileSync(input, `${rows.join('\n')}\n`);
  const first = rows[0].split(',').indexOf('GENE00');
  writeFileSync(
    query,
    rows.map((r) => ((f) => [f[0], ...f.slice(first)].join(','))(r.split(','))).join('\n'),
  );
  await session.openFile({ kind: 'path', path: input });
  const done = outcome(session);
  await session.startTraining({ labelColumn: 'cell_type', epochs: 2, snapshotEvery: 0 });
  await done;
  embedded = await session.embedFile(
    { kind: 'path', path: query },
    {},
    { kind: 'path', path: join(FORMATS, 'cells_meta.csv') },
  );
});

/** A new engine that opens `bytes` as a session (closed when `use` ends). */
async function reopen<T>(
  bytes: Uint8Array,
  use: (s: EngineSession, o: Awaited<ReturnType<EngineSession['openSession']>>) => Promise<T> | T,
): Promise<T> {
  const fresh = new EngineSession();
  try {
    return await use(fresh, await fresh.openSession({ kind: 'upload', name: 'p.tripletlens', bytes }));
  } finally {
    fresh.dispose();
  }
}

test('the projected file is recorded as a session input is: its path, name, size and SHA-256', () => {
  assert.equal(embedded.file.kind, 'path');
  assert.equal(embedded.file.path, query);
  assert.equal(embedded.file.name, 'query.csv');
  assert.equal(embedded.file.size, readFileSync(query).length);
  assert.match(String(embedded.file.sha256), /^[0-9a-f]{64}$/);
});

test('Save session keeps the projected cells; reopening gives them back as projected, without the file', async () => {
  const saved = await session.saveSession({
    editedLabels: null,
    selection: new Int32Array(0),
    projected: embedded,
  });
  const csv = await session.exportProjected(embedded.projectionId);
  await reopen(saved.bytes, async (fresh, opened) => {
    assert.equal(opened.inputStatus, 'attached');
    assert.equal(opened.projectedMessage, '');
    const p = opened.projected;
    assert.ok(p, 'the projected cells came back');
    assert.deepEqual(p.ids, embedded.ids);
    assert.deepEqual(p.coords, embedded.coords);
    assert.deepEqual(p.predicted, embedded.predicted);
    assert.deepEqual(p.confidence, embedded.confidence);
    assert.deepEqual(p.joinedMetadata, embedded.joinedMetadata);
    assert.equal(p.metadataSource, 'cells_meta.csv');
    assert.deepEqual(p.file, embedded.file);
    // the reopened engine holds them under its own id: Export projected cells gives the CSV as saved
    assert.equal(typeof p.projectionId, 'string');
    assert.deepEqual(await fresh.exportProjected(p.projectionId), csv);
    assert.deepEqual({ ...p, projectionId: '' }, { ...embedded, projectionId: '' });
  });
  // the input gone too: the map and the crosses still come back
  const moved = JSON.parse(
    new TextDecoder().decode(readZip(saved.bytes).get('tripletlens-session.json')),
  ) as { input: { path: string } };
  moved.input.path = join(dir, 'gone.csv');
  const files = readZip(saved.bytes);
  files.set('tripletlens-session.json', new TextEncoder().encode(JSON.stringify(moved)));
  const detached = writeZip([...files].map(([name, data]) => ({ name, data })));
  await reopen(detached, async (fresh, opened) => {
    assert.equal(opened.inputStatus, 'missing');
    assert.deepEqual(opened.projected?.ids, embedded.ids);
    // a resave without the input keeps what the page sends back, and drops what it no longer shows
    const again = await fresh.saveSession({
      editedLabels: null,
      selection: new Int32Array(0),
      projected: opened.projected,
    });
    assert.deepEqual(parseSession(again.bytes, 'again').projected?.ids, embedded.ids);
    // no CSV kept: the names it is made again with, and the same text exported from the resave
    assert.deepEqual(parseSession(again.bytes, 'again').projected?.csv, {
      idColumn: 'cell_id',
      labelColumn: 'cell_type',
    });
    await reopen(again.bytes, async (third, reopened) =>
      assert.deepEqual(await third.exportProjected(reopened.projected?.projectionId ?? ''), csv),
    );
    const without = await fresh.saveSession({ editedLabels: null, selection: new Int32Array(0) });
    assert.equal(parseSession(without.bytes, 'without').projected, undefined);
    // the input re-attached: the page keeps the crosses it shows, and the engine still exports and saves them
    const attached = await fresh.attachSessionInput({ kind: 'path', path: input });
    assert.equal(attached.inputStatus, 'attached');
    const id = opened.projected?.projectionId ?? '';
    assert.deepEqual(await fresh.exportProjected(id), csv);
    const resaved = await fresh.saveSession({
      editedLabels: null,
      selection: new Int32Array(0),
      projected: opened.projected,
    });
    assert.deepEqual(parseSession(resaved.bytes, 'resaved').projected?.csv, {
      idColumn: 'cell_id',
      labelColumn: 'cell_type',
    });
  });
});

test('a session without projected cells — or saved before they were kept — opens with none', async () => {
  const saved = await session.saveSession({ editedLabels: null, selection: new Int32Array(0) });
  const files = readZip(saved.bytes);
  assert.deepEqual(
    [...files.keys()].filter((n) => n.startsWith('projected/')),
    [],
  );
  const manifest = JSON.parse(new TextDecoder().decode(files.get('tripletlens-session.json'))) as object;
  assert.equal('projected' in manifest, false, 'no projected key: as an older session file');
  await reopen(saved.bytes, (_, opened) => {
    assert.equal(opened.inputStatus, 'attached');
    assert.equal(opened.projected, null);
    assert.equal(opened.projectedMessage, '');
  });
});

test('a projected file changed on disk since: the crosses as saved, and one note saying so', async () => {
  const saved = await session.saveSession({
    editedLabels: null,
    selection: new Int32Array(0),
    projected: embedded,
  });
  const before = readFileSync(query, 'utf8');
  writeFileSync(query, before.replace(/\n.*$/, '\n'));
  try {
    await reopen(saved.bytes, (_, opened) => {
      assert.deepEqual(opened.projected?.coords, embedded.coords, 'not projected again');
      assert.equal(
        opened.projectedMessage,
        `The projected file ${query} has changed since the session was saved (its content differs (SHA-256)): its 40 rows are shown as ✕ as they were projected then — project it again (Project another file) to place it as it is now.`,
      );
    });
  } finally {
    writeFileSync(query, before);
  }
  // the file gone: nothing to say (the crosses never needed it)
  rmSync(query);
  try {
    await reopen(saved.bytes, (_, opened) => {
      assert.equal(opened.projectedMessage, '');
      assert.equal(opened.projected?.ids.length, 40);
    });
  } finally {
    writeFileSync(query, before);
  }
});

test('projected cells that do not fit the map are refused; a damaged session part is named', async () => {
  const cols = embedded.coords.cols;
  assert.equal(projectedRequestProblem(embedded, cols), null);
  assert.equal(
    projectedRequestProblem({ ...embedded, predicted: embedded.predicted.slice(1) }, cols),
    'have no predicted label each',
  );
  assert.match(
    String(projectedRequestProblem(embedded, cols + 1)),
    /^do not have \d-D coordinates for each of their 40 rows$/,
  );
  // a single-cell file's are cells, as are those of a request that names no kind
  const h5ad = { ...embedded, format: { ...embedded.format, kind: 'h5ad' as const } };
  assert.match(String(projectedRequestProblem(h5ad, cols + 1)), /for each of their 40 cells$/);
  assert.equal(projectedRequestProblem({ format: { kind: 'text' } }, cols), 'have no row ids');
  assert.equal(projectedRequestProblem(null, cols), 'have no cell ids');
  await assert.rejects(
    session.saveSession({
      editedLabels: null,
      selection: new Int32Array(0),
      projected: { ...embedded, joinedMetadata: [{ name: 'donor', values: ['x'] }] },
    }),
    (err: unknown) =>
      isEngineError(err) &&
      // query.csv's rows are rows, as the page's Remove projected rows button says them
      /Cannot save the projected rows: they have a joined metadata column \(donor\) that does not match them/.test(
        (err as unknown as Error).message,
      ),
  );
  // cells the engine no longer holds (another projection since, a restarted engine): their CSV is gone
  await assert.rejects(
    session.saveSession({
      editedLabels: null,
      selection: new Int32Array(0),
      projected: { ...embedded, projectionId: 'projection-stale' },
    }),
    (err: unknown) =>
      isEngineError(err) &&
      /Cannot save the projected rows: the engine no longer holds them .*project the file again, or remove the projected rows, and save again/.test(
        (err as unknown as Error).message,
      ),
  );
  const saved = await session.saveSession({
    editedLabels: null,
    selection: new Int32Array(0),
    projected: embedded,
  });
  const files = readZip(saved.bytes);
  files.set('projected/coords.f32', new Uint8Array(8));
  assert.throws(
    () => parseSession(writeZip([...files].map(([name, data]) => ({ name, data }))), 's.tripletlens'),
    /s\.tripletlens cannot be opened as a TripletLens session: it is damaged \(the projected cells \(projected\/coords\.f32\) are missing or cut short\)/,
  );
  // the bytes written for projected cells read back as written (sessionBytes ↔ parseSession)
  const back = parseSession(saved.bytes, 's');
  assert.deepEqual(parseSession(sessionBytes(back), 's').projected, back.projected);
});

test('Save session by the projection id: the engine writes the cells it holds, as the page was given them', async () => {
  const byId = await session.saveSession({
    editedLabels: null,
    selection: new Int32Array(0),
    projected: { projectionId: embedded.projectionId },
  });
  const whole = await session.saveSession({
    editedLabels: null,
    selection: new Int32Array(0),
    projected: embedded,
  });
  const kept = parseSession(byId.bytes, 'by-id').projected;
  assert.ok(kept, 'the projected cells are saved');
  assert.deepEqual(kept, parseSession(whole.bytes, 'whole').projected, 'the same as sent whole');
  assert.deepEqual(kept.joinedMetadata, embedded.joinedMetadata);
  assert.deepEqual(
    kept.csv,
    { idColumn: 'cell_id', labelColumn: 'cell_type' },
    'the names its CSV is made again with, not the CSV',
  );
  // a reopened session's cells, held under the reopened engine's id, are saved by it alike
  await reopen(byId.bytes, async (fresh, opened) => {
    const id = opened.projected?.projectionId ?? '';
    const again = await fresh.saveSession({
      editedLabels: null,
      selection: new Int32Array(0),
      projected: { projectionId: id },
    });
    assert.deepEqual(parseSession(again.bytes, 'again').projected, kept);
  });
  // an id the engine no longer holds, or none, is refused as whole cells are
  for (const [projected, why] of [
    [{ projectionId: 'projection-stale' }, /the engine no longer holds them .*project the file again/],
    [{ projectionId: 7 }, /they have no projection id/],
  ] as const) {
    await assert.rejects(
      session.saveSession({
        editedLabels: null,
        selection: new Int32Array(0),
        projected: projected as unknown as { projectionId: string },
      }),
      (err: unknown) =>
        isEngineError(err) &&
        /^Cannot save the projected cells: /.test((err as unknown as Error).message) &&
        why.test((err as unknown as Error).message),
    );
  }
  // the page's ref names its file's kind (projectionRef): query.csv's rows are rows, also once the engine
  // has let them go — they were 'cells', as no held projection said the file's kind
  assert.equal(embedded.format.kind, 'text');
  await assert.rejects(
    session.saveSession({
      editedLabels: null,
      selection: new Int32Array(0),
      projected: { ...projectionRef(embedded), projectionId: 'projection-stale' },
    }),
    (err: unknown) =>
      isEngineError(err) &&
      /^Cannot save the projected rows: the engine no longer holds them .*or remove the projected rows, and save again\.$/.test(
        (err as unknown as Error).message,
      ),
  );
});

test('the sentences about projected cells group a count of 1 000 or more', async () => {
  const ids = Array.from({ length: 1200 }, (_, i) => `q${i}`);
  const coords = { data: new Float32Array(1200 * 2), rows: 1200, cols: 2 };
  assert.equal(
    projectedRequestProblem({ ids, coords }, 3),
    'do not have 3-D coordinates for each of their 1\u202f200 cells',
  );
  const path = join(dir, 'many.csv');
  writeFileSync(path, 'id,GENE00\nq0,1\n');
  const file = { name: 'many.csv', path, kind: 'path' as const, sha256: '0'.repeat(64), size: 1 };
  assert.match(
    await projectedFileNote({ file, ids }, join(dir, 'sample.csv')),
    /: its 1\u202f200 cells are shown as ✕/,
  );
});

test("the note counts the crosses in the projected file's own words: a CSV/TSV's rows, an h5ad's cells", async () => {
  const path = join(dir, 'panel.csv');
  writeFileSync(path, 'id,GENE00\nq0,1\n');
  const file = { name: 'panel.csv', path, kind: 'path' as const, sha256: '0'.repeat(64), size: 1 };
  const ids = Array.from({ length: 1200 }, (_, i) => `q${i}`);
  const samplePath = join(dir, 'sample.csv');
  const note = (kind: 'text' | 'h5ad', n: number) =>
    projectedFileNote({ file, ids: ids.slice(0, n), format: { kind } }, samplePath);
  // a bulk panel's samples are rows of a text table, as the rest of the page calls them
  assert.match(await note('text', 1200), /: its 1\u202f200 rows are shown as ✕ as they were projected then/);
  assert.match(await note('text', 1), /: its row is shown as ✕ as it/);
  assert.match(await note('h5ad', 1200), /: its 1\u202f200 cells are shown as ✕/);
  assert.match(await note('h5ad', 1), /: its cell is shown as ✕/);
});

test('a folder where the projected file was is no changed file: no note (it was never compared)', async () => {
  const path = join(dir, 'now-a-folder.csv');
  mkdirSync(path);
  const file = { name: 'now-a-folder.csv', path, kind: 'path' as const, sha256: '0'.repeat(64), size: 1 };
  assert.equal(await projectedFileNote({ file, ids: ['q0'] }, join(dir, 'sample.csv')), '');
});
