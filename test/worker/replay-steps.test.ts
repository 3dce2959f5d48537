// The crash replay's reopening of a session whose re-attached input cannot be re-attached again: its notice
// gives the engine's refusal and then the session's own input message, which ends with where to choose the input
// again. The refusal ended with the same advice, so the notice gave "Open the input file again" twice.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { OpenedSession } from '../../src/api/annotate.js';
import type { SessionInput } from '../../src/api/annotate.js';
import { unreadableInputMessage } from '../../src/engine/input-access.js';
import { unattachedInputMessage } from '../../src/engine/session-restore.js';
import type { Loaded, WorkerRequest } from '../../src/worker/loaded-calls.js';
import { reopenSteps } from '../../src/worker/replay-steps.js';

const saved: SessionInput = {
  kind: 'path',
  path: '/data/cells.csv',
  name: 'cells.csv',
  size: 10,
  sha256: 'ab',
};
const moved = '/data/moved/cells.csv';

/** A worker that reopens the session without its input and refuses the attach as the engine does. */
const request = (async (method: string) => {
  if (method === 'openSession') {
    return {
      result: { runId: 'run-2' },
      input: saved,
      inputStatus: 'missing',
      inputMessage: unattachedInputMessage(saved, 'missing', null),
    } as unknown as OpenedSession;
  }
  throw new Error(unreadableInputMessage(moved, 'was not found', 'cells.csv'));
}) as unknown as WorkerRequest;

test('a re-attach refused in the replay: the notice says where to choose the input again once', async () => {
  const steps: Loaded[] = [
    {
      method: 'openSession',
      source: { kind: 'path', path: '/data/s.tripletlens' },
      attached: false,
      ids: {},
    },
    { method: 'attachSessionInput', source: { kind: 'path', path: moved }, ids: {} },
  ];
  const detached = await reopenSteps(steps, request, [], () => false);
  assert.ok(detached, 'the session is held without its input');
  const why = detached.why;
  // what is wrong with the path re-attached, by its path, then the session's message with its advice
  assert.ok(why.includes(`could not be re-attached: ${moved} was not found, so it was not compared`), why);
  assert.ok(why.includes('The input file /data/cells.csv was not found: the map and labels'), why);
  assert.equal(why.split('Open the input file again').length - 1, 1, why);
});

test('an input loaded before the crash, a folder at its path now: not said to be gone from where it was', async () => {
  const message = unattachedInputMessage(saved, 'unreadable', null, 'is a folder, not a file');
  const folderThere = (async () => ({
    result: { runId: 'run-3' },
    input: saved,
    inputStatus: 'unreadable',
    inputMessage: message,
  })) as unknown as WorkerRequest;
  const steps: Loaded[] = [
    { method: 'openSession', source: { kind: 'path', path: '/data/s.tripletlens' }, attached: true, ids: {} },
  ];
  const detached = await reopenSteps(steps, folderThere, [], () => false);
  assert.ok(detached);
  assert.equal(detached.why, `its input (cells.csv) could not be opened again: ${message}`);
  assert.ok(message.startsWith('The input file /data/cells.csv is a folder, not a file:'), message);
});
