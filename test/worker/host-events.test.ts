// The host's bookkeeping of engine ids (HostEvents.idFloor): a restarted worker continues above every id a
// page has seen, so an id that named something the dead worker held never names something else.
import assert from 'node:assert/strict';
import { test } from 'node:test';
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
