import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DatasetSummary } from '../../src/api/engine-api.js';
import { addNotice, MAX_NOTICES, sameNotice } from '../../renderer/notices.js';
import { INITIAL_STATE, reduce, type Action, type AppState, type Notice } from '../../renderer/state.js';

const run = (state: AppState, ...actions: Action[]) => actions.reduce(reduce, state);
const note = (id: number, level: Notice['level'], title: string, message = ''): Notice => ({
  id,
  level,
  title,
  message,
});

test('the same notice raised three times is one banner with a count, moved to the end', () => {
  const refused: Action = {
    type: 'notice',
    level: 'error',
    title: 'Check the settings',
    message: 'Epochs must be between 1 and 10000; got 0',
  };
  const s = run(
    INITIAL_STATE,
    refused,
    { type: 'notice', level: 'info', title: 'Saved', message: 'coords.csv saved' },
    refused,
    refused,
  );
  assert.deepEqual(
    s.notices.map((n) => [n.title, n.count ?? 1]),
    [
      ['Saved', 1],
      ['Check the settings', 3],
    ],
  );
  // one click dismisses the folded notice
  const after = run(s, { type: 'dismiss', id: s.notices[1].id });
  assert.deepEqual(
    after.notices.map((n) => n.title),
    ['Saved'],
  );
});

test('an import note a reader lists twice shows as one banner', () => {
  const summary = {
    datasetId: 'd1',
    source: 'pbmc_10x.h5',
    rows: 3,
    genes: 2,
    geneNames: ['g1', 'g2'],
    idColumn: 'id',
    metadata: [],
    suggestedLabel: null,
    valueKind: 'counts',
    orientation: { applied: 'cells-as-rows', reason: 'given' },
    preview: { header: [], rows: [], totalColumns: 2, delimiter: ',' },
    recommendedPreprocess: {},
    warnings: [
      { code: 'features', message: '3 features other than Gene Expression were left out.' },
      { code: 'features', message: '3 features other than Gene Expression were left out.' },
    ],
    metadataSource: null,
  } as unknown as DatasetSummary;
  const s = run(INITIAL_STATE, { type: 'dataset-opened', summary });
  assert.equal(s.notices.length, 1);
  assert.equal(s.notices[0].title, 'Import note');
});

test('beyond the cap, warnings and infos drop off before an error', () => {
  let notices: Notice[] = [note(1, 'error', 'Training failed')];
  for (let i = 2; i < MAX_NOTICES + 4; i++) notices = addNotice(notices, note(i, 'info', `info ${i}`));
  assert.equal(notices.length, MAX_NOTICES);
  assert.equal(notices[0].title, 'Training failed', 'the error stays');
  assert.equal(notices.at(-1)?.title, `info ${MAX_NOTICES + 3}`, 'the newest is kept');
  // only errors: the oldest error goes
  let errors: Notice[] = [];
  for (let i = 1; i <= MAX_NOTICES + 1; i++) errors = addNotice(errors, note(i, 'error', `e${i}`));
  assert.deepEqual(
    errors.map((n) => n.title),
    Array.from({ length: MAX_NOTICES }, (_, i) => `e${i + 2}`),
  );
});

test('notices differing in level, title or message are not folded', () => {
  const base = note(1, 'warning', 'Import note', 'a');
  const copy: Notice = { ...base, id: 2 };
  assert.ok(sameNotice(base, copy));
  assert.ok(!sameNotice(base, { ...base, level: 'error' }));
  assert.ok(!sameNotice(base, { ...base, title: 'Other' }));
  assert.ok(!sameNotice(base, { ...base, message: 'b' }));
  assert.equal(addNotice([base], note(2, 'warning', 'Import note', 'b')).length, 2);
});
