import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { OpenedSession } from '../../../src/api/annotate.js';
import type { FileSource } from '../../../src/api/engine-api.js';
import {
  attachInputFrom,
  attachServerPath,
  openSessionFrom,
  type SessionContext,
} from '../../../renderer/session/session-commands.js';
import type { Action } from '../../../renderer/state.js';

function context(fail: boolean) {
  const actions: Action[] = [];
  const sources: FileSource[] = [];
  const opened = { result: { runId: 'run-3' }, view: { version: 1 } } as unknown as OpenedSession;
  const ctx: SessionContext = {
    engine: {
      openSession: async (_s: FileSource) => {
        if (fail) throw new Error('x.tripletlens cannot be opened as a TripletLens session: it is damaged');
        return opened;
      },
      attachSessionInput: async (s: FileSource) => {
        sources.push(s);
        return opened;
      },
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
  return { ctx, actions, opened, sources };
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

test('under serve a moved input (a 10x folder too) re-attaches by its path under the root, named as the File line names it', async () => {
  const { ctx, actions, opened, sources } = context(false);
  const busy: string[] = [];
  const counted: SessionContext = {
    ...ctx,
    busy: (task, title, call) => {
      busy.push(`${task.message} | ${title}`);
      return ctx.busy(task, title, call);
    },
  };
  assert.equal(await attachServerPath(counted, 'data/run1/filtered_feature_bc_matrix'), true);
  assert.deepEqual(sources, [{ kind: 'path', path: 'data/run1/filtered_feature_bc_matrix' }]);
  assert.deepEqual(busy, [
    'Reading run1/filtered_feature_bc_matrix… | Could not attach run1/filtered_feature_bc_matrix',
  ]);
  assert.deepEqual(actions, [{ type: 'session-opened', session: opened, reattached: true }]);
});
