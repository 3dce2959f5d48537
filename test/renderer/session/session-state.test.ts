import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { OpenedSession } from '../../../src/api/annotate.js';
import type { DatasetSummary, RunResult } from '../../../src/api/engine-api.js';
import { INITIAL_STATE, MAX_NOTICES, reduce, type Notice } from '../../../renderer/state.js';
import { RUN_NOTE_TITLE } from '../../../renderer/run-notes.js';
import {
  colouringNeedsInput,
  detachedColumnValues,
  hoverFieldsNeedInput,
  metadataJoinRefusal,
  sessionViewOf,
} from '../../../renderer/session/session-state.js';
import { viewSettingsFor } from '../../../renderer/session/view-settings.js';
import { labelInfo, labelSummaryToFetch } from '../../../renderer/screens/import/import-model.js';

function opened(status: OpenedSession['inputStatus']): OpenedSession {
  return {
    summary: {
      datasetId: 'data-7',
      source: '/d/cells.csv',
      metadata: [{ name: 'label' }],
      suggestedLabel: 'label',
    } as unknown as DatasetSummary,
    result: {
      runId: 'run-8',
      datasetId: 'data-7',
      labelColumn: 'label_edited',
      labels: ['A', 'B'],
    } as unknown as RunResult,
    predictions: { runId: 'run-8', predicted: ['', ''], confidence: new Float32Array(2) },
    editedLabels: {
      column: 'label_edited',
      source: 'label',
      categories: ['A', 'B'],
      codes: Int32Array.of(0, 1),
    },
    selection: Int32Array.of(1),
    view: null,
    input: { kind: 'path', path: '/d/cells.csv', name: 'cells.csv', size: 1, sha256: 'x' },
    inputStatus: status,
    inputMessage: status === 'attached' ? '' : 'The input file /d/cells.csv was not found: …',
    projected: null,
    projectedMessage: '',
  };
}

test('an opened session shows its map and labels on Explore, with the saved selection as the present', () => {
  const before = reduce(INITIAL_STATE, {
    type: 'annotate',
    label: 'Select 3 cells',
    selection: Int32Array.of(0),
  });
  const state = reduce(before, { type: 'session-opened', session: opened('attached') });
  assert.equal(state.screen, 'explore');
  assert.equal(state.result?.runId, 'run-8');
  assert.equal(state.dataset?.datasetId, 'data-7');
  assert.equal(state.labelColumn, 'label', 'the column the edits started from');
  assert.equal(state.resultLost, null);
  assert.deepEqual([...state.annotation.present.selection], [1]);
  assert.deepEqual([...state.annotation.present.editedLabels!.codes], [0, 1]);
  assert.equal(state.annotation.past.length, 0, 'opening is not an undo step');
  assert.equal(state.notices.at(-1)?.level, 'info');
});

test('a missing input: the map shows, the engine-bound actions are off with the sentence, a warning says so', () => {
  const state = reduce(INITIAL_STATE, { type: 'session-opened', session: opened('missing') });
  assert.equal(state.result?.runId, 'run-8');
  assert.match(state.resultLost ?? '', /was not found/);
  assert.equal(state.notices.at(-1)?.level, 'warning');
  assert.match(state.notices.at(-1)?.title ?? '', /missing/);
  // re-attaching keeps the edits made since and clears resultLost
  const edited = reduce(state, { type: 'annotate', label: 'Select 2 cells', selection: Int32Array.of(0, 1) });
  const back = reduce(edited, { type: 'session-opened', session: opened('attached'), reattached: true });
  assert.equal(back.resultLost, null);
  assert.deepEqual([...back.annotation.present.selection], [0, 1]);
  assert.equal(back.annotation.past.length, 1);
  assert.equal(back.notices.at(-1)?.title, 'Input re-attached');
});

// the session's notices were the last four of all: re-attaching the input dropped the run's notes first
test('re-attaching the input keeps the run’s notes past the notices’ cap, as every notice does', () => {
  const runNotes = [
    'Class a has a single cell',
    'Classes B and b differ only in letter case',
    '3 cells have no label',
  ];
  const notices: Notice[] = [
    ...runNotes.map((message, i) => ({
      id: i + 1,
      level: 'warning' as const,
      title: RUN_NOTE_TITLE,
      message,
    })),
    ...['x.csv', 'y.csv', 'z.csv'].map((file, i) => ({
      id: i + 4,
      level: 'info' as const,
      title: 'Saved',
      message: file,
    })),
  ];
  const state = reduce(
    { ...INITIAL_STATE, notices, nextNoticeId: 7 },
    { type: 'session-opened', session: opened('attached'), reattached: true },
  );
  assert.deepEqual(
    state.notices.filter((n) => n.title === RUN_NOTE_TITLE).map((n) => n.message),
    runNotes,
  );
  assert.equal(state.notices.at(-1)?.title, 'Input re-attached');
  assert.equal(state.notices.filter((n) => n.title !== RUN_NOTE_TITLE).length, MAX_NOTICES);
});

test('an opened session puts its saved view settings and class colours into exploreView; re-attaching keeps the shown ones', () => {
  const view = {
    version: 1,
    screen: 'explore',
    controls: {
      'explore-dims': '2',
      'explore-point-size': '9',
      'explore-color-by': 'gene',
      'explore-gene': 'CD79A',
    },
    classColours: { A: '#112233', B: '#445566' },
  };
  const shown = reduce(INITIAL_STATE, {
    type: 'explore-view',
    patch: { pointSize: 5, classColours: { A: '#000000' } },
  });
  const state = reduce(shown, { type: 'session-opened', session: { ...opened('attached'), view } });
  assert.deepEqual(state.exploreView, {
    dims: '2',
    colorBy: 'gene',
    gene: 'CD79A',
    pointSize: 9,
    opacity: 0.8,
    classColours: { A: '#112233', B: '#445566' },
  });
  const edited = reduce(state, { type: 'explore-view', patch: { opacity: 0.5 } });
  const back = reduce(edited, {
    type: 'session-opened',
    session: { ...opened('attached'), view },
    reattached: true,
  });
  assert.equal(back.exploreView, edited.exploreView);
});

test('a session saved without view settings or colours opens with the defaults and a new colour book', () => {
  const shown = reduce(INITIAL_STATE, {
    type: 'explore-view',
    patch: { colorBy: 'meta:x', classColours: { A: '#000000' } },
  });
  const state = reduce(shown, { type: 'session-opened', session: opened('attached') });
  assert.deepEqual(state.exploreView, { ...INITIAL_STATE.exploreView, classColours: {} });
});

test("re-attaching the input clears the earlier files' open failures, not unrelated notices", () => {
  const missing = reduce(INITIAL_STATE, { type: 'session-opened', session: opened('missing') });
  const failedAttach = [
    {
      type: 'busy',
      task: { kind: 'import', message: 'Reading wrong.csv…', fraction: null, cancellable: true },
    },
    { type: 'failed', title: 'Could not attach wrong.csv', error: new Error('wrong.csv: no column label') },
    { type: 'notice', level: 'info', title: 'Saved', message: 'coords.csv saved' },
  ] as const;
  const s = failedAttach.reduce(reduce, missing);
  assert.equal(s.notices.find((n) => n.title === 'Could not attach wrong.csv')?.about, 'open');
  const back = reduce(s, { type: 'session-opened', session: opened('attached'), reattached: true });
  const titles = back.notices.map((n) => n.title);
  assert.ok(!titles.includes('Could not attach wrong.csv'), titles.join(', '));
  assert.ok(titles.includes('Saved'), 'an unrelated notice stays');
  assert.equal(titles.at(-1), 'Input re-attached');
  // the session's "input file is missing" warning is stale once it is re-attached (it stayed beside the news)
  assert.ok(!titles.some((t) => /input file is missing/.test(t)), titles.join(', '));
  // a failure outside a file read (a class count) is no open failure
  const counted = reduce(INITIAL_STATE, {
    type: 'failed',
    title: 'Could not count classes of x',
    error: 'gone',
  });
  assert.equal(counted.notices[0].about, undefined);
});

/**
 * A session opened without its input shows Import's column `column` with the run's class counts `summary`, and
 * the page does not ask the engine to count them (it holds no data: it answered "No data is open" as an error
 * notice); the same session with its input attached is counted by the engine, which holds it.
 */
function assertCountedFromRun(session: OpenedSession, column: string, summary: unknown): void {
  const state = reduce(INITIAL_STATE, { type: 'session-opened', session });
  assert.equal(state.labelColumn, column);
  assert.deepEqual(state.labelSummary, summary);
  const ask = labelSummaryToFetch(state, { labelColumn: null }, { pending: null, failed: null });
  assert.equal(ask.fetch, null);
  const attached = reduce(INITIAL_STATE, {
    type: 'session-opened',
    session: { ...session, inputStatus: 'attached' },
  });
  assert.equal(attached.labelSummary, null);
}

test('a missing input: the class counts come from the run, not from the engine, which holds no data', () => {
  const saved = opened('missing');
  const plain: OpenedSession = {
    ...saved,
    result: { ...saved.result, labelColumn: 'label', labels: ['B', 'A', '', 'B', 'C'] },
    editedLabels: null,
  };
  assertCountedFromRun(plain, 'label', {
    column: 'label',
    classes: [
      { name: 'B', count: 2 },
      { name: 'A', count: 1 },
      { name: 'C', count: 1 },
    ],
    unlabeled: 1,
    tooSmall: ['A', 'C'],
  });
});

test('an attached input without its joined metadata: the notice says so, as a warning', () => {
  const note = "The metadata joined from meta.csv is not joined again: its columns 'donor' are not loaded.";
  const state = reduce(INITIAL_STATE, {
    type: 'session-opened',
    session: { ...opened('attached'), inputMessage: note },
  });
  assert.equal(state.resultLost, null);
  assert.equal(state.notices.at(-1)?.level, 'warning');
  assert.match(
    state.notices.at(-1)?.message ?? '',
    /the data is loaded\. The metadata joined from meta\.csv/,
  );
});

// A walkthrough: a session retrained on edited labels ('label_edited') whose input is missing shows Import's
// column 'label' (the edits' source); the page asked the engine to count it: "Could not count classes … No
// data is open".
test('a missing input after a retrain on edited labels: the counts come from the run, not from the engine', () => {
  const saved = opened('missing');
  assertCountedFromRun({ ...saved, result: { ...saved.result, labels: ['A', 'B', 'B', ''] } }, 'label', {
    column: 'label',
    classes: [
      { name: 'B', count: 2 },
      { name: 'A', count: 1 },
    ],
    unlabeled: 1,
    tooSmall: ['A'],
  });
});

// A walkthrough: on Import, a reopened session without its input offered its other label columns; choosing one
// asked the engine, whose answer was an error notice "Could not count classes of donor: No data is open: open a
// file (or the sample) first" — and choosing the run's column again asked it too.
test('a missing input: another label column is not asked of the engine; the page says the input must be opened again', () => {
  const saved = opened('missing');
  const plain: OpenedSession = {
    ...saved,
    result: { ...saved.result, labelColumn: 'label', labels: ['B', 'A', 'B'] },
    editedLabels: null,
  };
  const state = reduce(INITIAL_STATE, { type: 'session-opened', session: plain });
  const tracker = { pending: null, failed: null };
  const other = reduce(state, { type: 'label-chosen', column: 'donor' });
  assert.equal(other.labelSummary, null);
  assert.equal(labelSummaryToFetch(other, state, tracker).fetch, null, 'the engine holds no data to count');
  const info = labelInfo(other.dataset, 'donor', null, other.inputMissing);
  assert.equal(info.kind, 'needs-input');
  assert.match(
    info.kind === 'needs-input' ? info.text : '',
    /“donor” are counted from the session’s input file, which is not open: open it again with “Open the input file again”/,
  );
  // the run's own column again: counted from the run at once
  const back = reduce(other, { type: 'label-chosen', column: 'label' });
  assert.deepEqual(back.labelSummary, {
    column: 'label',
    classes: [
      { name: 'B', count: 2 },
      { name: 'A', count: 1 },
    ],
    unlabeled: 0,
    tooSmall: ['A'],
  });
  assert.equal(labelSummaryToFetch(back, other, tracker).fetch, null);
  assert.deepEqual(back.notices, state.notices, 'no error notice');
  // with the input attached (or re-attached) the engine counts any column
  const attached = reduce(INITIAL_STATE, {
    type: 'session-opened',
    session: { ...plain, inputStatus: 'attached' },
  });
  const asked = reduce(attached, { type: 'label-chosen', column: 'donor' });
  assert.equal(asked.inputMissing, false);
  assert.deepEqual(labelSummaryToFetch(asked, attached, tracker).fetch, {
    key: 'data-7\u0000donor',
    column: 'donor',
  });
  assert.equal(labelInfo(asked.dataset, 'donor', null, asked.inputMissing).kind, 'counting');
  // another file opened: the engine holds it
  const another = reduce(other, { type: 'dataset-opened', summary: { ...plain.summary, warnings: [] } });
  assert.equal(another.inputMissing, false);
});

// A walkthrough: a reopened session without its input, coloured by a metadata column in Explore (or reopened
// with a view coloured by one), showed "Could not load column donor: No data is open: open a file (or the
// sample) first". The page's columnValues (renderer/app/context.ts) answers with this while inputMissing.
test('without the input, a column is the run’s labels or a plain sentence that the input must be opened again', () => {
  const result = { labelColumn: 'label', labels: ['A', '', 'B'] };
  assert.deepEqual(detachedColumnValues(result, { kind: 'metadata', column: 'label' }), {
    kind: 'text',
    name: 'label',
    values: ['A', '', 'B'],
  });
  assert.throws(
    () => detachedColumnValues(result, { kind: 'metadata', column: 'donor' }),
    /^Error: donor is read from the session’s input file, which is not open: open it again with “Open the input file again” in Explore’s Edit labels panel\.$/,
  );
  assert.throws(
    () => detachedColumnValues(result, { kind: 'gene', gene: 'CD3D' }),
    /CD3D is read from the session’s input file/,
  );
});

// Import's metadata drop while a reopened session lacks its input reached the engine and showed "Could not
// join groups.csv: No data is open: open a file (or the sample) first". import-actions.ts's joinMetadata
// dispatches this refusal instead of uploading the file and asking the engine.
test('a metadata file joined without the session’s input: one warning saying to open the input again', () => {
  const missing = reduce(INITIAL_STATE, { type: 'session-opened', session: opened('missing') });
  const refusal = metadataJoinRefusal(missing, 'groups.csv');
  assert.ok(refusal, 'the engine, which holds no data, is not asked');
  const after = reduce(missing, refusal);
  assert.deepEqual(
    {
      level: after.notices.at(-1)?.level,
      title: after.notices.at(-1)?.title,
      message: after.notices.at(-1)?.message,
    },
    {
      level: 'warning',
      title: 'Could not join groups.csv',
      message:
        'groups.csv is joined to the cells of the session’s input file, which is not open: open it again with “Open the input file again” in Explore’s Edit labels panel, then join groups.csv.',
    },
  );
  assert.equal(after.dataset, missing.dataset, 'the saved summary stays');
  // with the input attached (or another file opened) the file goes to the engine
  const attached = reduce(INITIAL_STATE, { type: 'session-opened', session: opened('attached') });
  assert.equal(metadataJoinRefusal(attached, 'groups.csv'), null);
  assert.equal(metadataJoinRefusal(INITIAL_STATE, 'groups.csv'), null);
});

// A session saved coloured by a metadata column (or a gene), reopened without its input, showed an error
// banner at once: Explore asked the page's columnValues for the column and detachedColumnValues refused.
// Explore draws it by label instead when colouringNeedsInput names it, and the opening adds one info note.
test('a saved colouring the input must give: drawn by label with one info note, kept for re-attaching', () => {
  const coloured = (colorBy: string, gene = '') => ({
    version: 1,
    screen: 'explore',
    controls: { 'explore-color-by': colorBy, 'explore-gene': gene },
  });
  const byDonor = { ...opened('missing'), view: coloured('meta:donor') };
  const state = reduce(INITIAL_STATE, { type: 'session-opened', session: byDonor });
  assert.equal(state.exploreView.colorBy, 'meta:donor', 'kept: re-attaching the input applies it');
  assert.equal(colouringNeedsInput(state, state.exploreView), 'donor');
  assert.deepEqual(
    state.notices.map((n) => [n.level, n.title]),
    [
      ['warning', 'The session’s input file is missing'],
      ['info', 'Coloured by label'],
    ],
    'one calm note, no error',
  );
  assert.equal(
    state.notices[1].message,
    'The map was saved coloured by “donor”, which is read from the session’s input file: it is coloured by its labels until the input is opened again with “Open the input file again” in Explore’s Edit labels panel.',
  );
  // a gene too; the run's label column, the labels and no gene typed need no input, and no note
  const byGene = reduce(INITIAL_STATE, {
    type: 'session-opened',
    session: { ...opened('changed'), view: coloured('gene', 'CD79A') },
  });
  assert.equal(colouringNeedsInput(byGene, byGene.exploreView), 'CD79A');
  assert.equal(byGene.notices.at(-1)?.message.includes('“CD79A”'), true);
  for (const [colorBy, gene] of [
    ['meta:label_edited', ''],
    ['label', ''],
    ['gene', ' '],
  ]) {
    const s = reduce(INITIAL_STATE, {
      type: 'session-opened',
      session: { ...opened('missing'), view: coloured(colorBy, gene) },
    });
    assert.equal(colouringNeedsInput(s, s.exploreView), null, colorBy);
    assert.equal(s.notices.length, 1, `${colorBy}: the missing input's warning only`);
  }
  // re-attached: the input gives the column again; the note, about the opening, goes with the warning
  const back = reduce(state, {
    type: 'session-opened',
    session: { ...opened('attached'), view: coloured('meta:donor') },
    reattached: true,
  });
  assert.equal(back.exploreView.colorBy, 'meta:donor');
  assert.equal(colouringNeedsInput(back, back.exploreView), null);
  assert.deepEqual(
    back.notices.map((n) => n.level),
    ['info'],
    'only the re-attached notice',
  );
  assert.match(back.notices[0].title, /Input re-attached/);
});

// Without the input, a column (or gene) picked in Explore's colour by was refused by the page's columnValues,
// and the map kept its labels — but the pick stayed exploreView's colouring: Save session recorded a
// colouring the map did not show, and re-attaching the input drew it. The reducer refuses such a pick now,
// so Save records the colouring drawn, while a saved colouring the user did not change is still kept for
// re-attaching (and in a resave).
test('without the input, a colour pick the map cannot draw is refused, and Save records the colouring drawn', () => {
  const missing = reduce(INITIAL_STATE, { type: 'session-opened', session: opened('missing') });
  assert.equal(missing.exploreView.colorBy, 'label');
  const notices = missing.notices.length;
  const picked = reduce(missing, { type: 'explore-view', patch: { colorBy: 'meta:donor' } });
  assert.equal(picked.exploreView, missing.exploreView, 'the view keeps the colouring drawn');
  assert.equal(picked.notices.length, notices + 1);
  assert.deepEqual(
    [picked.notices.at(-1)?.level, picked.notices.at(-1)?.title, picked.notices.at(-1)?.about],
    ['warning', 'Could not colour by donor', 'open'],
  );
  assert.equal(
    picked.notices.at(-1)?.message,
    'donor is read from the session’s input file, which is not open: open it again with “Open the input file again” in Explore’s Edit labels panel.',
  );
  assert.equal(viewSettingsFor(picked.exploreView, 'explore').controls['explore-color-by'], 'label');
  // a gene typed likewise; picked twice, one warning with a count
  const gene = reduce(picked, { type: 'explore-view', patch: { colorBy: 'gene', gene: 'CD79A' } });
  const again = reduce(gene, { type: 'explore-view', patch: { colorBy: 'gene', gene: 'CD79A' } });
  assert.equal(again.exploreView, missing.exploreView);
  assert.deepEqual(
    [again.notices.at(-1)?.title, again.notices.at(-1)?.count],
    ['Could not colour by CD79A', 2],
  );
  // what needs no input goes through, and a refused pick's other settings apply
  const gene0 = reduce(again, { type: 'explore-view', patch: { colorBy: 'gene', gene: '' } });
  assert.deepEqual([gene0.exploreView.colorBy, gene0.exploreView.gene], ['gene', '']);
  const sized = reduce(gene0, { type: 'explore-view', patch: { gene: 'MS4A1', pointSize: 7 } });
  assert.deepEqual([sized.exploreView.gene, sized.exploreView.pointSize], ['', 7]);
  const byLabel = reduce(sized, { type: 'explore-view', patch: { colorBy: 'meta:label_edited' } });
  assert.equal(byLabel.exploreView.colorBy, 'meta:label_edited', 'the run’s label column needs no input');
  // re-attached: the warnings go, and the same pick is taken
  const back = reduce(picked, { type: 'session-opened', session: opened('attached'), reattached: true });
  assert.equal(back.exploreView.colorBy, 'label', 'the refused pick does not come back');
  assert.equal(back.notices.filter((n) => n.title.startsWith('Could not colour by')).length, 0);
  const now = reduce(back, { type: 'explore-view', patch: { colorBy: 'meta:donor' } });
  assert.equal(now.exploreView.colorBy, 'meta:donor');
  assert.equal(viewSettingsFor(now.exploreView, 'explore').controls['explore-color-by'], 'meta:donor');
});

// Hover fields picked without the input gave the error banner of a failed load ("No data is open…"), where
// colour picks give a warning: a column other than the run's labels is refused the same way.
test('without the input, hover fields but the run’s label column are refused with the colour pick’s warning', () => {
  const missing = reduce(INITIAL_STATE, { type: 'session-opened', session: opened('missing') });
  const { kept, refusals } = hoverFieldsNeedInput(missing, ['donor', 'label_edited', 'n_genes']);
  assert.deepEqual(kept, ['label_edited']);
  const warned = refusals.reduce(reduce, missing);
  const added = warned.notices.slice(missing.notices.length);
  assert.deepEqual(
    added.map((n) => [n.level, n.title, n.about]),
    [
      ['warning', 'Could not show donor on hover', 'open'],
      ['warning', 'Could not show n_genes on hover', 'open'],
    ],
  );
  assert.equal(
    added[0].message,
    'donor is read from the session’s input file, which is not open: open it again with “Open the input file again” in Explore’s Edit labels panel.',
  );
  assert.ok(!warned.notices.some((n) => n.level === 'error'));
  // re-attached: the warnings are stale and go; every column is kept
  const back = reduce(warned, { type: 'session-opened', session: opened('attached'), reattached: true });
  assert.equal(back.notices.filter((n) => /on hover$/.test(n.title)).length, 0);
  assert.deepEqual(hoverFieldsNeedInput(back, ['donor', 'n_genes']), {
    kept: ['donor', 'n_genes'],
    refusals: [],
  });
});

test('a saved colouring held for re-attaching: kept in a resave, unless the user picks another', () => {
  const view = { version: 1, screen: 'explore', controls: { 'explore-color-by': 'meta:donor' } };
  const held = reduce(INITIAL_STATE, { type: 'session-opened', session: { ...opened('missing'), view } });
  assert.equal(held.exploreView.colorBy, 'meta:donor');
  // a resave keeps it: the session was saved with it, and the input may come back
  assert.equal(viewSettingsFor(held.exploreView, 'explore').controls['explore-color-by'], 'meta:donor');
  // the same colouring or another picked: refused, the held one stays; a view setting leaves it alone
  for (const colorBy of ['meta:donor', 'meta:phase']) {
    const s = reduce(held, { type: 'explore-view', patch: { colorBy } });
    assert.equal(s.exploreView.colorBy, 'meta:donor', colorBy);
    assert.equal(s.notices.at(-1)?.level, 'warning', colorBy);
  }
  const sized = reduce(held, { type: 'explore-view', patch: { pointSize: 9 } });
  assert.deepEqual([sized.exploreView.colorBy, sized.exploreView.pointSize], ['meta:donor', 9]);
  // re-attached: the held colouring comes back, drawn and saved
  const back = reduce(sized, {
    type: 'session-opened',
    session: { ...opened('attached'), view },
    reattached: true,
  });
  assert.equal(back.exploreView.colorBy, 'meta:donor');
  assert.equal(viewSettingsFor(back.exploreView, 'explore').controls['explore-color-by'], 'meta:donor');
  // labels picked without the input: the user changed it, re-attaching keeps the labels
  const labels = reduce(held, { type: 'explore-view', patch: { colorBy: 'label' } });
  const kept = reduce(labels, {
    type: 'session-opened',
    session: { ...opened('attached'), view },
    reattached: true,
  });
  assert.equal(kept.exploreView.colorBy, 'label');
});

/** Projected cells as the engine gives them back from a session (two cells, a joined donor column). */
function projectedCells(): NonNullable<OpenedSession['projected']> {
  return {
    source: 'query.csv',
    format: { kind: 'text', matrix: '', layers: [], obsm: [] },
    ids: ['q1', 'q2'],
    coords: { rows: 2, cols: 2, data: Float32Array.of(0, 1, 2, 3) },
    predicted: ['A', 'B'],
    confidence: Float32Array.of(1, 0.6),
    missingGenes: [],
    warnings: [],
    labels: null,
    notes: [],
    metadataSource: 'meta.csv',
    joinedMetadata: [{ name: 'donor', values: ['d1', 'd2'] }],
    projectionId: 'projection-1',
    file: { kind: 'path', path: '/d/query.csv', name: 'query.csv', size: 9, sha256: 'ab'.repeat(32) },
  };
}

test('a session with projected cells draws them again, coloured as saved; re-attaching keeps the ones shown', () => {
  const projected = projectedCells();
  const view = viewSettingsFor(INITIAL_STATE.exploreView, 'explore', 'donor');
  const state = reduce(INITIAL_STATE, {
    type: 'session-opened',
    session: { ...opened('missing'), projected, view },
  });
  assert.equal(state.projected, projected);
  assert.equal(state.projectedColour, 'donor');
  // a saved colouring by a column the cells lack: the predicted class
  const lacking = reduce(INITIAL_STATE, {
    type: 'session-opened',
    session: {
      ...opened('attached'),
      projected,
      view: viewSettingsFor(INITIAL_STATE.exploreView, 'explore', 'age'),
    },
  });
  assert.equal(lacking.projectedColour, '');
  // re-attaching the input: the map is the same, so are the crosses — and crosses removed since stay removed
  const reattached = reduce(state, {
    type: 'session-opened',
    session: { ...opened('attached'), projected },
    reattached: true,
  });
  assert.equal(reattached.projected, projected);
  assert.equal(reattached.projectedColour, 'donor');
  const removed = reduce(reduce(state, { type: 'projected', result: null }), {
    type: 'session-opened',
    session: { ...opened('attached'), projected },
    reattached: true,
  });
  assert.equal(removed.projected, null);
  // a session without projected cells (or an older one) replaces the crosses shown with none
  const older = reduce(state, { type: 'session-opened', session: opened('attached') });
  assert.equal(older.projected, null);
  assert.equal(older.projectedColour, '');
});

test('a projected file changed on disk: the crosses as saved, and the engine’s note as an info notice', () => {
  const message = 'The projected file /d/query.csv has changed since the session was saved (…): …';
  const state = reduce(INITIAL_STATE, {
    type: 'session-opened',
    session: { ...opened('attached'), projected: projectedCells(), projectedMessage: message },
  });
  // a projected CSV/TSV's rows are rows (maybe a bulk panel's samples), as the note counts them
  const note = state.notices.find((n) => n.title === 'Projected rows as saved');
  assert.equal(note?.level, 'info');
  assert.equal(note?.message, message);
  assert.equal(state.projected?.ids.length, 2);
  const h5ad = { ...projectedCells(), format: { kind: 'h5ad' as const, matrix: 'X', layers: [], obsm: [] } };
  const cells = reduce(INITIAL_STATE, {
    type: 'session-opened',
    session: { ...opened('attached'), projected: h5ad, projectedMessage: message },
  });
  assert.equal(cells.notices.find((n) => n.message === message)?.title, 'Projected cells as saved');
  const none = reduce(INITIAL_STATE, { type: 'session-opened', session: opened('attached') });
  assert.equal(
    none.notices.some((n) => /^Projected (cells|rows) as saved$/.test(n.title)),
    false,
  );
});

test('the marker panel’s “log₂FC of values logged as” choice is saved with the session and chosen again on open', () => {
  const chosen = reduce(reduce(INITIAL_STATE, { type: 'session-opened', session: opened('attached') }), {
    type: 'marker-value-log',
    valueLog: 'log2',
  });
  // what Save session sends, through JSON as the session file stores it
  const view = JSON.parse(JSON.stringify(sessionViewOf(chosen))) as unknown;
  const reopened = reduce(INITIAL_STATE, {
    type: 'session-opened',
    session: { ...opened('attached'), view },
  });
  assert.equal(reopened.markerValueLog, 'log2');
  // a session opened over a choice made on other data: the saved one (none) wins
  const none = reduce(chosen, {
    type: 'session-opened',
    session: { ...opened('attached'), view: sessionViewOf(INITIAL_STATE) },
  });
  assert.equal(none.markerValueLog, null);
  // older files have none; a choice this version does not know is the default, not a refusal
  const older = { version: 1, screen: 'explore', controls: {} };
  for (const saved of [older, { ...older, markerValueLog: 'log7' }, null]) {
    const state = reduce(chosen, { type: 'session-opened', session: { ...opened('attached'), view: saved } });
    assert.equal(state.markerValueLog, null, JSON.stringify(saved));
  }
  // re-attaching the input: the same data, the choice shown stays
  const reattached = reduce(chosen, {
    type: 'session-opened',
    session: opened('attached'),
    reattached: true,
  });
  assert.equal(reattached.markerValueLog, 'log2');
  // another file opened: its values may be logged otherwise
  const other = reduce(chosen, {
    type: 'dataset-opened',
    summary: { ...opened('attached').summary, warnings: [] },
  });
  assert.equal(other.markerValueLog, null);
});

// A session whose input is found but cannot be read where it was saved (a folder there now) was titled as a
// changed file: the notice's title says it cannot be read, above the engine's sentence saying why.
test('an input that cannot be read where it was saved is titled so, not as a changed file', () => {
  const unreadable = {
    ...opened('unreadable'),
    inputMessage: 'The input file /d/cells.csv is a folder, not a file: …',
  };
  const state = reduce(INITIAL_STATE, { type: 'session-opened', session: unreadable });
  assert.deepEqual(
    state.notices.map((n) => [n.level, n.title, n.message]),
    [['warning', 'The session’s input file cannot be read', unreadable.inputMessage]],
  );
});

// Every Cell Ranger sample's folder is called filtered_feature_bc_matrix, the saved input's name: "Session opened:
// filtered_feature_bc_matrix: the map and labels are as saved" said no sample, where the File line names it.
test('a session of a Cell Ranger folder names its input from the sample folder down', () => {
  const path = '/data/s1/outs/filtered_feature_bc_matrix';
  const input = { kind: 'path', path, name: 'filtered_feature_bc_matrix', size: -1, sha256: null } as const;
  const state = reduce(INITIAL_STATE, {
    type: 'session-opened',
    session: { ...opened('attached'), input },
  });
  assert.match(
    state.notices.at(-1)?.message ?? '',
    /^s1\/outs\/filtered_feature_bc_matrix: the map and labels are as saved/,
  );
});
