/**
 * The desktop app's Project another file and sessions with projected cells, end to end without Electron: the
 * page's own code (ipc-engine over the preload's bridge as contextBridge copies it, the Project section's
 * metadataFor, the File menu's commands) → main's handlers (sender check, path guard, the Project dialog and
 * File ▸ Open Session… through the file opener, native dialogs stood in for) → the real built worker in a
 * fork-based utilityProcess stand-in. Until now these flows were tested only through serve/HTTP. Also a moved
 * Cell Ranger folder input re-attached through the desktop's own dialog (ShellBridge.chooseInput).
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runMenuCommand } from '../../renderer/menu-commands.js';
import { metadataFor } from '../../renderer/screens/project/project-uploads.js';
import type { OpenedSession } from '../../src/api/annotate.js';
import type { EmbedResult, EngineEvent, FileSource, TextExport } from '../../src/api/engine-api.js';
import { EngineError } from '../../src/api/errors.js';
import type { MenuCommand } from '../../src/api/ipc-channels.js';
import { parseSession } from '../../src/engine/session-file.js';
import { packageRoot } from '../../src/util/paths.js';
import type { Action } from '../../renderer/state.js';
import { writeTrainingAndQuery } from '../e2e/project-steps.js';
import { startDesktopStandIn } from './desktop-stand-in.js';

const FORMATS = join(packageRoot(), 'test', 'fixtures', 'formats');
const dir = mkdtempSync(join(tmpdir(), 'tl-desktop-projected-'));
const input = join(dir, 'cells.csv');
const query = join(dir, 'query.csv');
const metadata = join(FORMATS, 'cells_meta.csv');

/** The desktop app's main side (desktop-stand-in.ts) and the page's context for the menu's commands. */
function desktop() {
  const app = startDesktopStandIn(dir);
  const events: EngineEvent[] = [];
  app.page.api.onEvent((e) => events.push(e));
  // the page's context for the menu's commands: its actions and failures recorded
  const actions: Action[] = [];
  const failures: string[] = [];
  const ctx = {
    engine: app.page.api,
    dispatch: (a: Action) => void actions.push(a),
    busy: async <T>(_task: unknown, title: string, call: () => Promise<T>) =>
      call().catch((err: unknown) => void failures.push(`${title}: ${String(err)}`)),
  };
  return { ...app, ...app.page, answers: app.openAnswers, events, actions, failures, ctx };
}

const until = async (what: string, ok: () => boolean, ms = 120_000) => {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

/** Runs the menu command the opener sent last, as the page's shell menu does. */
async function nextCommand(app: ReturnType<typeof desktop>, count: number): Promise<MenuCommand> {
  await until('the menu command', () => app.commands.length > count, 20_000);
  const command = app.commands[count];
  await runMenuCommand(app.ctx, command, () => false);
  return command;
}

let app: ReturnType<typeof desktop>;
let embedded: EmbedResult;
let csv: TextExport;
const sessionFile = join(dir, 'cells.tripletlens');

before(async () => {
  writeTrainingAndQuery(dir);
  app = desktop();
  // File ▸ Open…: the dialog's pick is opened through the page's menu command
  app.answers.push(input);
  app.opener.open();
  assert.deepEqual(await nextCommand(app, 0), { kind: 'open-path', path: input });
  assert.deepEqual(app.failures, []);
  await app.api.startTraining({ labelColumn: 'cell_type', epochs: 2, snapshotEvery: 0 });
  await until('the run', () => app.events.some((e) => e.type === 'run-finished' || e.type === 'run-failed'));
  assert.ok(app.events.some((e) => e.type === 'run-finished'));
});
after(async () => {
  await app.dispose();
  rmSync(dir, { recursive: true, force: true });
});

test('Project another file: the dialogs’ paths, no upload; the metadata file joins; Export projected cells', async () => {
  app.answers.push(metadata, query);
  const metaPath = await app.shell.chooseProjected('metadata');
  assert.equal(metaPath, metadata);
  const queryPath = await app.shell.chooseProjected('file');
  assert.equal(queryPath, query);
  // the Project section's metadata source: the dialog's path as it is (there is no upload in the desktop app)
  const source: FileSource = { kind: 'path', path: query };
  const meta = await metadataFor({ name: 'cells_meta.csv', path: metadata }, source, {
    upload: () => Promise.reject(new Error('the desktop app uploads nothing')),
  });
  assert.deepEqual(meta, { kind: 'path', path: metadata });
  embedded = await app.api.embedFile(source, {}, meta);
  assert.equal(embedded.ids.length, 40);
  assert.equal(embedded.metadataSource, 'cells_meta.csv');
  assert.deepEqual(
    embedded.joinedMetadata.map((c) => c.name),
    ['cell_type', 'donor', 'leiden_cluster', 'is_doublet'],
  );
  assert.ok(embedded.coords.data instanceof Float32Array, 'typed arrays survive main and the bridge');
  assert.ok(embedded.confidence instanceof Float32Array);
  assert.deepEqual(
    { kind: embedded.file.kind, path: embedded.file.path, name: embedded.file.name },
    { kind: 'path', path: query, name: 'query.csv' },
  );
  assert.match(String(embedded.file.sha256), /^[0-9a-f]{64}$/);

  csv = await app.api.exportProjected(embedded.projectionId);
  assert.equal(csv.fileName, 'query.projected.csv');
  const [header, ...rows] = csv.text.trim().split('\n');
  // the joined cell_type is the run's label column: it comes second, as embed writes it
  assert.equal(header, 'cell_id,cell_type,x,y,z,predicted_label,confidence,donor,leiden_cluster,is_doublet');
  assert.equal(rows.length, 40);

  // refusals come back typed, as over HTTP: an id the engine does not hold, a path no dialog gave
  await assert.rejects(app.api.exportProjected('projection-none'), (err: unknown) => {
    assert.ok(err instanceof EngineError, String(err));
    assert.equal(err.kind, 'invalid-request');
    assert.match(err.message, /project/i);
    return true;
  });
  await assert.rejects(app.api.embedFile(source, {}, { kind: 'path', path: join(dir, 'other.csv') }), {
    kind: 'forbidden',
  });
});

test('Save session keeps the projected cells; File ▸ Open Session… gives them back, exported and resaved as saved', async () => {
  assert.ok(embedded, 'the projection test ran first');
  const saved = await app.api.saveSession({
    editedLabels: null,
    selection: new Int32Array(0),
    view: { dims: 2 },
    projected: embedded,
  });
  assert.match(saved.fileName, /\.tripletlens$/);
  assert.ok(saved.bytes instanceof Uint8Array);
  // the page downloads it; Electron's save dialog (will-download) writes it where the user says
  writeFileSync(sessionFile, saved.bytes);
  // no CSV kept: the names it is made again with from the cells, when Export projected cells asks
  assert.deepEqual(parseSession(saved.bytes, 'saved').projected?.csv, {
    idColumn: 'cell_id',
    labelColumn: 'cell_type',
  });

  // a session path no dialog gave is refused before the engine reads it
  await assert.rejects(app.api.openSession({ kind: 'path', path: sessionFile }), { kind: 'forbidden' });

  // File ▸ Open Session…: the dialog's pick is allowed and opened by the page's menu command
  app.answers.push(sessionFile);
  const count = app.commands.length;
  const actionsBefore = app.actions.length;
  app.opener.openSession();
  assert.deepEqual(await nextCommand(app, count), { kind: 'open-session-path', path: sessionFile });
  assert.deepEqual(app.failures, []);
  const opened = app.actions
    .slice(actionsBefore)
    .find((a): a is Extract<Action, { type: 'session-opened' }> => a.type === 'session-opened');
  assert.ok(opened, 'the page got the reopened session');
  const session: OpenedSession = opened.session;
  assert.equal(session.inputStatus, 'attached');
  assert.equal(session.projectedMessage, '');
  const p = session.projected;
  assert.ok(p, 'the projected cells came back');
  assert.deepEqual(p.ids, embedded.ids);
  assert.deepEqual(p.coords, embedded.coords);
  assert.deepEqual(p.joinedMetadata, embedded.joinedMetadata);
  assert.deepEqual(p.file, embedded.file);
  assert.ok(p.confidence instanceof Float32Array);
  assert.notEqual(p.projectionId, embedded.projectionId, 'held again under a new id');

  // Export projected cells gives the saved CSV; the old id is refused, typed
  assert.deepEqual(await app.api.exportProjected(p.projectionId), csv);
  await assert.rejects(app.api.exportProjected(embedded.projectionId), { kind: 'invalid-request' });
  // a resave keeps them, and what their CSV is made from, as first saved
  const again = await app.api.saveSession({ editedLabels: null, selection: new Int32Array(0), projected: p });
  assert.deepEqual(
    parseSession(again.bytes, 'again').projected,
    parseSession(saved.bytes, 'saved').projected,
  );
});

test('a projected file changed since the session was saved: the reopened session says so, once', async () => {
  const text = readFileSync(query, 'utf8');
  const changed = text.replace(/,0\n/, ',1\n');
  assert.notEqual(changed, text);
  writeFileSync(query, changed);
  app.answers.push(sessionFile);
  const count = app.commands.length;
  const actionsBefore = app.actions.length;
  app.opener.openSession();
  await nextCommand(app, count);
  assert.deepEqual(app.failures, []);
  const opened = app.actions
    .slice(actionsBefore)
    .find((a): a is Extract<Action, { type: 'session-opened' }> => a.type === 'session-opened');
  assert.ok(opened?.session.projected, 'the crosses as saved');
  assert.match(opened.session.projectedMessage, /query\.csv has changed since the session was saved/);
});

test('a moved Cell Ranger folder input is re-attached by the path of its own dialog (no bytes, no upload)', async () => {
  const folder = join(dir, 'tenx_v3');
  cpSync(join(FORMATS, 'tenx_v3'), folder, { recursive: true });
  // File ▸ Open 10x folder… and File ▸ Open metadata…, as the menu does them
  app.answers.push(folder);
  let count = app.commands.length;
  app.opener.openFolder();
  assert.deepEqual(await nextCommand(app, count), { kind: 'open-path', path: folder });
  app.answers.push(metadata);
  count = app.commands.length;
  app.opener.openMetadata();
  assert.deepEqual(await nextCommand(app, count), { kind: 'open-metadata-path', path: metadata });
  assert.deepEqual(app.failures, []);
  const finished = app.events.filter((e) => e.type === 'run-finished').length;
  await app.api.startTraining({ labelColumn: 'cell_type', epochs: 1, snapshotEvery: 0 });
  await until('the run', () => app.events.filter((e) => e.type === 'run-finished').length > finished);
  const saved = await app.api.saveSession({ editedLabels: null, selection: new Int32Array(0) });
  const file = join(dir, saved.fileName);
  writeFileSync(file, saved.bytes);
  const moved = join(dir, 'tenx_v3_moved');
  renameSync(folder, moved);

  app.answers.push(file);
  count = app.commands.length;
  const actionsBefore = app.actions.length;
  app.opener.openSession();
  await nextCommand(app, count);
  const reopened = app.actions
    .slice(actionsBefore)
    .find((a): a is Extract<Action, { type: 'session-opened' }> => a.type === 'session-opened');
  assert.equal(reopened?.session.inputStatus, 'missing');
  // a path no dialog gave is refused; the re-attach dialog's folder passes the guard and re-attaches
  await assert.rejects(app.api.attachSessionInput({ kind: 'path', path: moved }), { kind: 'forbidden' });
  app.answers.push(moved);
  assert.equal(await app.shell.chooseInput('folder'), moved);
  const attached = await app.api.attachSessionInput({ kind: 'path', path: moved });
  assert.equal(attached.inputStatus, 'attached');
  assert.match((await app.api.exportCoordinates()).text, /^barcode,/);
});
