import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RUN_NOTE_TITLE, runNotes } from '../../renderer/run-notes.js';
import { INITIAL_STATE, type Action } from '../../renderer/state.js';
import { datasetFixture, runResultFixture } from './fixtures.js';
import { run, event } from './reduce-steps.js';

const IMPORT_NOTE = '2 cell ids were repeated and renamed';
const CASE_NOTE = "Classes 'Versicolor' (5) and 'versicolor' (45) of label differ only in letter case";
const SINGLE_NOTE = "Class 'z' has a single cell and cannot anchor a triplet";

const finished = (runId: string, warnings: unknown): Action =>
  event({ type: 'run-finished', result: runResultFixture(runId, { report: { warnings } }) });

test("a run's warnings are its notes, less the file's import notes, each once", () => {
  const notes = runNotes({ warnings: [IMPORT_NOTE, CASE_NOTE, SINGLE_NOTE, CASE_NOTE, '  '] }, [
    { message: IMPORT_NOTE },
  ]);
  assert.deepEqual(notes, [CASE_NOTE, SINGLE_NOTE]);
  assert.deepEqual(runNotes({}, []), [], 'a report without warnings (an older run) has none');
  assert.deepEqual(runNotes({ warnings: 'not a list' }, []), []);
  assert.deepEqual(runNotes(undefined, []), [], 'a result without a report');
});

test('a finished run shows its warnings as notices; the import notes already shown are not repeated', () => {
  const opened = run(INITIAL_STATE, {
    type: 'dataset-opened',
    summary: datasetFixture({ warnings: [{ code: 'duplicate-ids', message: IMPORT_NOTE }] }),
  });
  const s = run(
    opened,
    { type: 'training-started', runId: 'r1' },
    finished('r1', [IMPORT_NOTE, CASE_NOTE, SINGLE_NOTE]),
  );
  assert.deepEqual(
    s.notices.map((n) => [n.level, n.title, n.message]),
    [
      ['warning', 'Import note', IMPORT_NOTE],
      ['warning', RUN_NOTE_TITLE, CASE_NOTE],
      ['warning', RUN_NOTE_TITLE, SINGLE_NOTE],
    ],
  );
});

test('a retrain with the same warning shows it once, without a count, whether or not its start was seen', () => {
  const opened = run(INITIAL_STATE, { type: 'dataset-opened', summary: datasetFixture() });
  const first = run(opened, { type: 'training-started', runId: 'r1' }, finished('r1', [CASE_NOTE]));
  // the usual order: the start clears the last run's notes
  const again = run(first, { type: 'training-started', runId: 'r2' }, finished('r2', [CASE_NOTE]));
  // a run so short that its end overtook the start reply: the start is ignored, the end replaces the notes
  const quick = run(first, finished('r3', [CASE_NOTE]), { type: 'training-started', runId: 'r3' });
  for (const s of [again, quick]) {
    assert.deepEqual(
      s.notices.map((n) => [n.message, n.count ?? 1]),
      [[CASE_NOTE, 1]],
    );
  }
  // a retrain without the warning drops it
  const fixed = run(first, finished('r4', []));
  assert.deepEqual(fixed.notices, []);
});
