// The host's bookkeeping of engine ids (HostEvents.idFloor): a restarted worker continues above every id a
// page has seen, so an id that named something the dead worker held never names something else.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EngineEvent } from '../../src/api/engine-api.js';
import type { ReplayOutcome } from '../../src/worker/data-replay.js';
import { HostEvents } from '../../src/worker/host-events.js';

test('ids handed out by calls and events raise the floor', () => {
  const events = new HostEvents();
  events.noteResult('openFile', { datasetId: 'data-3' });
  assert.equal(events.idFloor, 3);
  events.noteResult('startTraining', { runId: 'run-5' });
  assert.equal(events.idFloor, 5);
});

test('a projection’s id raises the floor: a new worker never gives another file the id a page exports by', () => {
  const events = new HostEvents();
  events.noteResult('openFile', { datasetId: 'data-1' });
  events.noteResult('embedFile', { source: 'query.csv', projectionId: 'projection-9' });
  assert.equal(events.idFloor, 9);
});

test('a reopened session’s projected cells raise the floor by the id they are held under', () => {
  const events = new HostEvents();
  events.noteResult('openSession', {
    summary: { datasetId: 'data-2' },
    result: { runId: 'run-3' },
    projected: { source: 'query.csv', projectionId: 'projection-12' },
  });
  assert.equal(events.idFloor, 12);
  events.noteResult('openSession', {
    summary: { datasetId: 'data-13' },
    result: { runId: 'run-14' },
    projected: null,
  });
  assert.equal(events.idFloor, 14);
});

/** The run-discarded events a crash announces, after `setUp`. */
function lostRuns(setUp: (events: HostEvents) => void, reopensSession: boolean): string[] {
  const events = new HostEvents();
  setUp(events);
  const seen: string[] = [];
  events.subscribe((e) => {
    if (e.type === 'run-discarded' && e.cause === 'worker-exit') seen.push(e.runId);
  });
  events.announceExit({ message: 'gone', code: null, signal: 'SIGKILL', reopens: 'x', reopensSession });
  return seen;
}

const openedSession = (events: HostEvents) =>
  events.noteResult('openSession', {
    summary: { datasetId: 'data-2' },
    result: { runId: 'run-3' },
    projected: null,
  });

const finished = (events: HostEvents, runId: string) =>
  events.emit({ type: 'run-finished', result: { runId, datasetId: 'data-2' } } as unknown as EngineEvent);

test('a crash says a reopened session’s map was lost only when the replay does not bring the session back', () => {
  assert.deepEqual(lostRuns(openedSession, true), []);
  assert.deepEqual(lostRuns(openedSession, false), ['run-3']);
  const attached = (events: HostEvents) => {
    openedSession(events);
    events.noteResult('attachSessionInput', { summary: { datasetId: 'data-4' }, result: { runId: 'run-5' } });
  };
  assert.deepEqual(lostRuns(attached, true), []);
});

test('a crash says a map trained after a session was lost, even though the session comes back', () => {
  const retrained = (events: HostEvents) => {
    openedSession(events);
    finished(events, 'run-6');
  };
  assert.deepEqual(lostRuns(retrained, true), ['run-6']);
  assert.deepEqual(
    lostRuns((events) => finished(events, 'run-1'), false),
    ['run-1'],
  );
});

/** Every run-discarded event, after a crash with the session reopened and then `outcome` of its replay. */
function afterReplay(outcome: ReplayOutcome, replayed?: (events: HostEvents) => void) {
  const events = new HostEvents();
  openedSession(events);
  const seen: Extract<EngineEvent, { type: 'run-discarded' }>[] = [];
  events.subscribe((e) => {
    if (e.type === 'run-discarded') seen.push(e);
  });
  events.announceExit({ message: 'gone', code: 3, signal: null, reopens: 's', reopensSession: true });
  replayed?.(events);
  events.noteReplay(outcome);
  return seen;
}

test('a session’s map kept at the crash is said lost after all when its replay fails, naming why', () => {
  const [lost, ...more] = afterReplay({ outcome: 'failed', why: 'Cannot read s.tripletlens' });
  assert.deepEqual(more, []);
  assert.equal(lost.runId, 'run-3');
  assert.equal(lost.cause, 'worker-exit');
  assert.match(lost.message, /session could not be reopened: Cannot read s\.tripletlens\. The map \(run-3\)/);
});

test('a session’s map kept at the crash is said replaced when other data was opened before the replay', () => {
  const [lost, ...more] = afterReplay({ outcome: 'replaced' });
  assert.deepEqual(more, []);
  assert.equal(lost.runId, 'run-3');
  assert.equal(lost.cause, 'data-replaced');
});

test('a session reopened by the replay: nothing is said lost, then or at a later replay', () => {
  const reopened = (events: HostEvents) =>
    events.noteResult('openSession', { summary: { datasetId: 'data-7' }, result: { runId: 'run-8' } });
  assert.deepEqual(afterReplay({ outcome: 'reopened' }, reopened), []);
  const events = new HostEvents();
  const seen: EngineEvent[] = [];
  events.subscribe((e) => seen.push(e));
  events.noteReplay({ outcome: 'failed', why: 'no crash came before' });
  assert.deepEqual(seen, []);
});

test('a retrain’s edited labels are kept for a page reloaded while the worker is too busy to answer', () => {
  const events = new HostEvents();
  const edits = {
    column: 'label_edited',
    source: 'label',
    categories: ['T'],
    codes: new Int32Array([0, -1]),
  };
  events.noteResult('retrainWithLabels', { runId: 'run-2' });
  events.noteCall('retrainWithLabels', [{ editedLabels: edits, epochs: 3 }], { runId: 'run-2' });
  assert.deepEqual(events.mirror.state().activeEditedLabels, edits);
});
