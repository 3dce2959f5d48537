import assert from 'node:assert/strict';
import { test } from 'node:test';
import { viewSettingsOf } from '../../../renderer/session/view-settings.js';

test('viewSettingsOf keeps the known controls of version 1 and refuses anything else', () => {
  assert.deepEqual(
    viewSettingsOf({
      version: 1,
      screen: 'explore',
      controls: { 'explore-dims': '2', 'explore-opacity': '0.5', other: 'x', 'explore-gene': 3 },
    }),
    { version: 1, screen: 'explore', controls: { 'explore-dims': '2', 'explore-opacity': '0.5' } },
  );
  assert.equal(viewSettingsOf(null), null);
  assert.equal(viewSettingsOf({ version: 2, controls: {} }), null);
  assert.equal(viewSettingsOf({ version: 1 }), null);
  assert.equal(viewSettingsOf({ version: 1, controls: {} })?.screen, 'explore');
});
