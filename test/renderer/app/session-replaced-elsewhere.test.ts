// Two tabs of one `tripletlens serve`; tab A shows a session reopened without its input. Another window then
// opened other data or another session: the engine let go of that map ('run-discarded'), but tab A still offered
// Save session (which would save what the engine holds now, under A's edits) and Re-attach. Or another window
// re-attached the input: tab A kept saying the input was missing and offered a Re-attach the engine refused.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EngineEvent, EngineState, RunStoppedBy } from '../../../src/api/engine-api.js';
import { adoptEngineState, adoptReplacedData } from '../../../renderer/app/app-model.js';
import { followsOpenedElsewhere, OPENED_ELSEWHERE_TITLE } from '../../../renderer/app/opened-elsewhere.js';
import { labelEditView } from '../../../renderer/annotation/label-edit-model.js';
import { INITIAL_STATE, type AppState } from '../../../renderer/state.js';
import { datasetFixture, heldSessionWithoutInput, runResultFixture } from '../fixtures.js';
import { run, event } from '../reduce-steps.js';

const opened = (datasetId: string, by: RunStoppedBy): EngineEvent => ({ type: 'data-opened', datasetId, by });
const byIris: RunStoppedBy = { action: 'open', name: 'iris.csv' };
const byAttach: RunStoppedBy = { action: 'attach', name: 'cells.csv' };

/** Tab A: cells.tripletlens reopened without its input (as from getState), cell 1 selected. */
function showingSession(): AppState {
  return run(INITIAL_STATE, ...adoptEngineState(heldSessionWithoutInput(), INITIAL_STATE));
}

const discarded: EngineEvent = {
  type: 'run-discarded',
  runId: 'run-9',
  cause: 'data-replaced',
  message:
    "The reopened session's map (cells.csv) is no longer held by the engine because iris.csv was opened.",
};

test('its map let go for another window’s data: marked replaced — no Save session, no Re-attach — with a notice', () => {
  const before = showingSession();
  assert.equal(
    labelEditView(before, null, 0.8).mapHeld,
    true,
    'Save session offered while the engine holds it',
  );
  const s = run(before, event(discarded), event(opened('data-10', byIris)));
  assert.equal(s.mapReplaced, true);
  assert.equal(s.result?.runId, 'run-9', 'the map stays on screen');
  assert.equal(labelEditView(s, null, 0.8).mapHeld, false, 'Save session and Export edited labels disabled');
  assert.equal(s.resultLost, discarded.message);
  assert.deepEqual(
    s.notices.map((n) => [n.level, n.title, n.message]),
    [
      ['warning', 'The session’s map was replaced', discarded.message],
      ['info', OPENED_ELSEWHERE_TITLE, 'Another window opened iris.csv.'],
    ],
  );
  // nor does a later re-attach in another window (of that window's session) bring this map back
  assert.equal(followsOpenedElsewhere(opened('data-11', byAttach), s), false);
});

test('its input re-attached in another window: the page shows it attached, keeping its selection', () => {
  const before = showingSession();
  const told = run(before, event(opened('data-10', byAttach)));
  assert.equal(followsOpenedElsewhere(opened('data-10', byAttach), before), true);
  const attached = datasetFixture({ datasetId: 'data-10', source: '/d/moved/cells.csv' });
  const held: EngineState = {
    dataset: attached,
    activeRunId: null,
    lastRun: runResultFixture('run-10', { datasetId: 'data-10' }),
  };
  const s = run(told, ...adoptReplacedData(held, told, byAttach));
  assert.equal(s.inputMissing, false);
  assert.equal(s.resultLost, null);
  assert.equal(s.result?.runId, 'run-10', 'the run the engine holds: exports and Save session name it');
  assert.equal(s.dataset?.datasetId, 'data-10');
  assert.deepEqual([...s.annotation.present.selection], [1]);
  assert.equal(s.screen, before.screen);
  assert.deepEqual(
    s.notices.map((n) => [n.level, n.title, n.message]),
    [['info', OPENED_ELSEWHERE_TITLE, 'Another window re-attached cells.csv.']],
  );
  assert.deepEqual(adoptReplacedData(held, s, byAttach), [], 'nothing more to take over');
});

// The re-attaching window is warned that a joined metadata file's columns did not come back (its reply's
// inputMessage); this page, following it, said only "Another window re-attached cells.csv." — the engine's note
// comes on data-opened's `by` (getState does not carry it) and is said here in the same words.
test('its input re-attached in another window without a joined file’s columns: the engine’s note is said too', () => {
  const note = 'The metadata joined from meta.csv is not joined again: its columns “donor” are not loaded.';
  const byNoted: RunStoppedBy = { ...byAttach, note };
  const before = showingSession();
  const told = run(before, event(opened('data-10', byNoted)));
  const held: EngineState = {
    dataset: datasetFixture({ datasetId: 'data-10', source: '/d/moved/cells.csv' }),
    activeRunId: null,
    lastRun: runResultFixture('run-10', { datasetId: 'data-10' }),
  };
  const s = run(told, ...adoptReplacedData(held, told, byNoted));
  assert.equal(s.inputMissing, false);
  assert.deepEqual(
    s.notices.map((n) => [n.level, n.title, n.message]),
    [
      ['info', OPENED_ELSEWHERE_TITLE, 'Another window re-attached cells.csv.'],
      ['warning', 'Input re-attached', note],
    ],
  );
});
