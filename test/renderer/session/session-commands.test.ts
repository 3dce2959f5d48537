import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { OpenedSession } from '../../../src/api/annotate.js';
import type { FileSource } from '../../../src/api/engine-api.js';
import {
  attachInputFrom,
  openSessionFrom,
  type SessionContext,
} from '../../../renderer/session/session-commands.js';
import type { Action } from '../../../renderer/state.js';

function context(fail: boolean) {
  const actions: Action[] = [];
  const opened = { result: { runId: 'run-3' }, view: { version: 1 } } as unknown as OpenedSession;
  const ctx: SessionContext = {
    engine: {
      openSession: async (_s: FileSource) => {
        if (fail) throw new Error('x.tripletlens cannot be opened as a TripletLens session: it is damaged');
        return opened;
      },
      attachSessionInput: async () => opened,
    },
    dispatch: (a) => actions.push(a),
    async busy(_task, title, call) {
      try {
        return await call();
      } catch (error) {
        actions.push({ type: 'failed', title, error });
        return undefined;
      }
    },
  };
  return { ctx, actions, opened };
}

test('opening a session dispatches it, its view settings with it', async () => {
  const { ctx, actions, opened } = context(false);
  assert.equal(await openSessionFrom(ctx, { kind: 'path', path: '/x.tripletlens' }, 'x.tripletlens'), true);
  assert.deepEqual(actions, [{ type: 'session-opened', session: opened }]);
  assert.equal(await attachInputFrom(ctx, { kind: 'path', path: '/x.csv' }, 'x.csv'), true);
  assert.deepEqual(actions.at(-1), { type: 'session-opened', session: opened, reattached: true });
});

test('a bad session file becomes one notice, not a rejection', async () => {
  const { ctx, actions } = context(true);
  assert.equal(await openSessionFrom(ctx, { kind: 'path', path: '/x.tripletlens' }, 'x.tripletlens'), false);
  assert.equal(actions.length, 1);
  assert.equal(actions[0].type, 'failed');
});
