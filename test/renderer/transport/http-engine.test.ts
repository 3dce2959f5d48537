import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createHttpEngine } from '../../../renderer/transport/http-engine.js';
import { encodeFrame } from '../../../src/api/wire.js';

/** A fetch that records the methods called and answers each with an empty state. */
function recordingFetch(called: string[]): typeof fetch {
  return (input) => {
    called.push(String(input).replace(/^.*\/api\//, ''));
    const body = encodeFrame({ ok: true, result: { dataset: null, activeRunId: null, lastRun: null } });
    return Promise.resolve(new Response(body, { status: 200 }));
  };
}

/** The event stream's handlers, fired by the test. */
interface FakeStream {
  onopen?: () => void;
  onerror?: () => void;
  onmessage?: (message: { data: unknown }) => void;
}

/** Settles the promises already resolved (a few turns of the microtask queue). */
const settle = () => new Promise((resolve) => setImmediate(resolve));

test('getState is asked once the event stream is open: the events after its reply reach the page', async () => {
  const called: string[] = [];
  const stream: FakeStream = {};
  const engine = createHttpEngine({
    fetch: recordingFetch(called),
    openEvents: () => stream as unknown as EventSource,
  });
  engine.onEvent(() => undefined);
  const state = engine.getState();
  const info = engine.backendInfo().catch(() => undefined);
  await settle();
  assert.deepEqual(called, ['backendInfo'], 'the state waits for the stream; other calls do not');
  stream.onopen?.();
  assert.equal((await state).activeRunId, null);
  assert.deepEqual(called, ['backendInfo', 'getState']);
  await info;
});

test('a stream that fails to open does not hold getState back: its own failure says the server is gone', async () => {
  const called: string[] = [];
  const stream: FakeStream = {};
  const engine = createHttpEngine({
    fetch: recordingFetch(called),
    openEvents: () => stream as unknown as EventSource,
  });
  const errors: string[] = [];
  engine.onEvent((event) => errors.push(event.type));
  const state = engine.getState();
  await settle();
  assert.deepEqual(called, []);
  stream.onerror?.();
  await state;
  assert.deepEqual(called, ['getState']);
  assert.deepEqual(errors, ['error'], 'the lost stream said once');
});

test('without an event stream getState is asked at once', async () => {
  const called: string[] = [];
  const engine = createHttpEngine({ fetch: recordingFetch(called) });
  await engine.getState();
  assert.deepEqual(called, ['getState']);
});
