import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runMenuCommand, undoTarget, type MenuContext } from '../../renderer/menu-commands.js';
import type { Action } from '../../renderer/state.js';
import type { DatasetSummary, FileSource, ImportSettings } from '../../src/api/engine-api.js';

const none = () => false;

/** A context whose engine records the sources it was asked to open. */
function fakeContext(fail = false) {
  const actions: Action[] = [];
  /** The busy lines shown, in order. */
  const busyLines: string[] = [];
  const opened: { method: string; source: FileSource; settings?: ImportSettings }[] = [];
  const summary = { datasetId: 'd1', rows: 3 } as unknown as DatasetSummary;
  const ctx = {
    engine: {
      openFile: async (source: FileSource) => {
        opened.push({ method: 'openFile', source });
        if (fail) throw new Error('x.csv line 2, column 3: not a number');
        return summary;
      },
      openMetadata: async (source: FileSource, settings?: ImportSettings) => {
        opened.push({ method: 'openMetadata', source, ...(settings ? { settings } : {}) });
        return summary;
      },
    },
    dispatch: (a: Action) => actions.push(a),
    async busy<T>(task: { message: string }, title: string, call: () => Promise<T>) {
      busyLines.push(task.message);
      try {
        return await call();
      } catch (error) {
        actions.push({ type: 'failed', title, error });
        return undefined;
      }
    },
  } as unknown as MenuContext;
  return { ctx, actions, opened, summary, busyLines };
}

test('Open… opens the picked path through EngineApi and shows the dataset', async () => {
  const { ctx, actions, opened, summary } = fakeContext();
  await runMenuCommand(ctx, { kind: 'open-path', path: '/data/pbmc.csv' }, none);
  assert.deepEqual(opened, [{ method: 'openFile', source: { kind: 'path', path: '/data/pbmc.csv' } }]);
  assert.deepEqual(actions, [
    { type: 'show-screen', screen: 'import' },
    { type: 'dataset-opened', summary },
  ]);
});

test('a file that fails to open becomes a notice, not a rejection', async () => {
  const { ctx, actions } = fakeContext(true);
  await runMenuCommand(ctx, { kind: 'open-path', path: '/data/x.csv' }, none);
  const failed = actions.find((a) => a.type === 'failed');
  assert.ok(failed && failed.type === 'failed');
  // named as the Import summary names it; the error's own message names the whole path
  assert.equal(failed.title, 'Could not open x.csv');
  assert.ok(!actions.some((a) => a.type === 'dataset-opened'));
});

// Open 10x folder… gives the dialog's whole path: the busy line showed it where the Import summary shows the name,
// then the folder's bare name, filtered_feature_bc_matrix in every sample, where the File line names the sample
test('the busy line names a 10x folder opened by path as the File line names it', async () => {
  const { ctx, busyLines } = fakeContext();
  const path = '/home/me/run1/outs/filtered_feature_bc_matrix/';
  await runMenuCommand(ctx, { kind: 'open-path', path }, none);
  assert.deepEqual(busyLines, ['Reading run1/outs/filtered_feature_bc_matrix…']);
});

test('Open metadata… joins the picked path', async () => {
  const { ctx, actions, opened, summary } = fakeContext();
  await runMenuCommand(ctx, { kind: 'open-metadata-path', path: '/data/meta.tsv' }, none);
  const path = { kind: 'path', path: '/data/meta.tsv' } as const;
  assert.deepEqual(opened, [{ method: 'openMetadata', source: path, settings: {} }]);
  assert.deepEqual(actions, [{ type: 'metadata-joined', summary }]);
});

// The Import screen's Decimal separator reads a metadata file joined to an h5ad, loom or 10x input: the menu's
// join sent no settings, so a tab-separated file's 0,7 was joined as text there.
test('Open metadata… sends the Import screen’s settings for a metadata file', async () => {
  const { ctx, opened } = fakeContext();
  const command = { kind: 'open-metadata-path', path: '/data/meta.tsv' } as const;
  await runMenuCommand(ctx, command, none, undefined, () => ({ decimal: ',' }));
  assert.deepEqual(opened[0].settings, { decimal: ',' });
});

test('exports press the Export screen’s buttons, or explain that there is nothing yet', async () => {
  const { ctx, actions } = fakeContext();
  const pressed: string[] = [];
  await runMenuCommand(ctx, { kind: 'export-coordinates' }, (id) => (pressed.push(id), true));
  await runMenuCommand(ctx, { kind: 'export-figure' }, (id) => (pressed.push(id), true));
  assert.deepEqual(pressed, ['export-csv', 'export-png']);
  assert.equal(actions.length, 0);
  await runMenuCommand(ctx, { kind: 'export-coordinates' }, () => false);
  assert.equal(actions.length, 1);
  assert.ok(actions[0].type === 'notice' && /No coordinates to export yet/.test(actions[0].title));
});

test('Open sample shows Import and presses its button', async () => {
  const { ctx, actions } = fakeContext();
  const pressed: string[] = [];
  await runMenuCommand(ctx, { kind: 'open-sample' }, (id) => (pressed.push(id), true));
  assert.deepEqual(pressed, ['open-sample']);
  assert.deepEqual(actions, [{ type: 'show-screen', screen: 'import' }]);
});

test('Save Session presses the page’s button (or explains); Open Session opens the path; Undo/Redo become actions', async () => {
  const actions: Action[] = [];
  const sessions: FileSource[] = [];
  const opened = { result: { runId: 'run-1' }, view: null };
  const ctx = {
    engine: {
      openSession: async (source: FileSource) => {
        sessions.push(source);
        return opened;
      },
    },
    dispatch: (a: Action) => actions.push(a),
    busy: async <T>(_task: unknown, _title: string, call: () => Promise<T>) => call(),
  } as unknown as MenuContext;
  const pressed: string[] = [];
  await runMenuCommand(ctx, { kind: 'save-session' }, (id) => (pressed.push(id), true));
  assert.deepEqual(pressed, ['session-save']);
  await runMenuCommand(ctx, { kind: 'save-session' }, none);
  assert.equal(actions.at(-1)?.type, 'notice');
  await runMenuCommand(ctx, { kind: 'open-session-path', path: '/s/a.tripletlens' }, none);
  assert.deepEqual(sessions, [{ kind: 'path', path: '/s/a.tripletlens' }]);
  assert.deepEqual(actions.at(-1), { type: 'session-opened', session: opened });
  await runMenuCommand(ctx, { kind: 'undo' }, none);
  await runMenuCommand(ctx, { kind: 'redo' }, none);
  assert.deepEqual(actions.slice(-2), [{ type: 'undo' }, { type: 'redo' }]);
});

test('Edit ▸ Undo/Redo act on a focused text field’s text, else on the annotation history', () => {
  assert.equal(undoTarget({ tagName: 'INPUT', type: 'text' }), 'text');
  assert.equal(undoTarget({ tagName: 'INPUT', type: 'number' }), 'text');
  assert.equal(undoTarget({ tagName: 'TEXTAREA' }), 'text');
  assert.equal(undoTarget({ tagName: 'INPUT', type: 'range' }), 'history');
  assert.equal(undoTarget({ tagName: 'INPUT', type: 'file' }), 'history');
  assert.equal(undoTarget({ tagName: 'BUTTON' }), 'history');
  assert.equal(undoTarget({ tagName: 'BODY' }), 'history');
  assert.equal(undoTarget(null), 'history');
});

test('the menu’s undo/redo in a text field undo its text, not a label edit', async () => {
  const { ctx, actions } = fakeContext();
  const commands: string[] = [];
  let focused: { tagName: string; type?: string } | null = { tagName: 'INPUT', type: 'text' };
  const text = { focused: () => focused, execCommand: (c: 'undo' | 'redo') => commands.push(c) };
  await runMenuCommand(ctx, { kind: 'undo' }, none, text);
  await runMenuCommand(ctx, { kind: 'redo' }, none, text);
  assert.deepEqual(commands, ['undo', 'redo']);
  assert.deepEqual(actions, [], 'the annotation history is left alone');
  focused = { tagName: 'BUTTON' };
  await runMenuCommand(ctx, { kind: 'undo' }, none, text);
  assert.deepEqual(commands, ['undo', 'redo']);
  assert.deepEqual(actions, [{ type: 'undo' }]);
});
