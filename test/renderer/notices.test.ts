import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DatasetSummary } from '../../src/api/engine-api.js';
import type { EngineEvent } from '../../src/api/engine-api.js';
import { addNotice, isDataNote, MAX_NOTICES, sameNotice } from '../../renderer/notices.js';
import { RUN_NOTE_TITLE } from '../../renderer/run-notes.js';
import { INITIAL_STATE, type Action, type Notice } from '../../renderer/state.js';
import { datasetFixture, runResultFixture } from './fixtures.js';
import { run } from './reduce-steps.js';

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

// A walkthrough: a file with dropped features and repeated ids, trained — the run's notes and a saved export's
// info pushed the import's warnings out of the four banners, so the map was read without them.
test('the import’s and the run’s notes stay past the cap; later outcomes drop off among themselves', () => {
  const importNotes = [
    { code: 'features', message: '1 feature that is not Gene Expression was left out; 30 genes kept.' },
    { code: 'duplicate-ids', message: '2 cell ids were repeated and renamed (first: AAAC-1 at line 3).' },
  ];
  const runNotes = [
    'Class a has a single cell',
    'Classes B and b differ only in letter case',
    '3 cells have no label',
  ];
  const opened = run(INITIAL_STATE, {
    type: 'dataset-opened',
    summary: datasetFixture({ warnings: importNotes }),
  });
  const finished: EngineEvent = {
    type: 'run-finished',
    result: runResultFixture('r1', { report: { warnings: runNotes } }),
  };
  let s = run(opened, { type: 'training-started', runId: 'r1' }, { type: 'engine', event: finished });
  const infos = MAX_NOTICES + 2;
  for (let i = 1; i <= infos; i++)
    s = run(s, { type: 'notice', level: 'info', title: 'Saved', message: `export ${i}` });
  const listed = s.notices.map((n) => [n.title, n.message]);
  assert.ok(importNotes.length + runNotes.length > MAX_NOTICES, 'the notes alone exceed the cap');
  assert.deepEqual(listed.slice(0, importNotes.length + runNotes.length), [
    ...importNotes.map((w) => ['Import note', w.message]),
    ...runNotes.map((w) => [RUN_NOTE_TITLE, w]),
  ]);
  // the other notices keep the cap: the newest MAX_NOTICES of them
  assert.deepEqual(
    listed.slice(importNotes.length + runNotes.length),
    Array.from({ length: MAX_NOTICES }, (_, i) => ['Saved', `export ${infos - MAX_NOTICES + i + 1}`]),
  );
  // dismissed, a note goes (the Import summary lists it then); other data replaces them
  const dismissed = run(s, { type: 'dismiss', id: s.notices[0].id });
  assert.ok(!dismissed.notices.some((n) => n.message === importNotes[0].message));
  const other = run(s, {
    type: 'dataset-opened',
    summary: datasetFixture({ datasetId: 'd2', warnings: [] }),
  });
  assert.deepEqual(other.notices.filter(isDataNote), []);
});

test('data notes do not count toward the cap: an error still drops only past it', () => {
  let notices: Notice[] = [note(1, 'warning', 'Import note', 'genes dropped')];
  for (let i = 2; i <= MAX_NOTICES + 1; i++) notices = addNotice(notices, note(i, 'error', `e${i}`));
  assert.equal(notices.length, MAX_NOTICES + 1, 'the note and MAX_NOTICES errors');
  notices = addNotice(notices, note(99, 'error', 'e99'));
  assert.deepEqual(
    notices.map((n) => n.title),
    ['Import note', ...Array.from({ length: MAX_NOTICES - 1 }, (_, i) => `e${i + 3}`), 'e99'],
  );
});
