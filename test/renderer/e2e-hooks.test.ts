import { test } from 'node:test';
import assert from 'node:assert/strict';
import { installE2eHooks } from '../../renderer/e2e-hooks.js';
import { INITIAL_STATE } from '../../renderer/state.js';

type HookGlobal = { tripletlensE2eHooks?: boolean; tripletlensE2e?: { getState(): unknown } };

test('the page exposes its dispatch only when a test asked for it before loading', () => {
  const g = globalThis as unknown as HookGlobal;
  const ctx = { dispatch: () => undefined, getState: () => INITIAL_STATE };
  installE2eHooks(ctx);
  assert.equal(g.tripletlensE2e, undefined);
  g.tripletlensE2eHooks = true;
  try {
    installE2eHooks(ctx);
    assert.equal((g as HookGlobal).tripletlensE2e?.getState(), INITIAL_STATE);
  } finally {
    delete g.tripletlensE2eHooks;
    delete g.tripletlensE2e;
  }
});
