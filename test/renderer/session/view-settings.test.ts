import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  DEFAULT_EXPLORE_VIEW,
  exploreViewOf,
  viewSettingsFor,
  viewSettingsOf,
} from '../../../renderer/session/view-settings.js';

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

test('viewSettingsOf keeps the class colours that are #rrggbb and drops the rest', () => {
  const v = viewSettingsOf({
    version: 1,
    controls: {},
    classColours: { B: '#1f77b4', T: 'red', NK: 7, Mono: '#FF7F0E' },
  });
  assert.deepEqual(v?.classColours, { B: '#1f77b4', Mono: '#FF7F0E' });
});

test('the state’s view settings survive a save and a reopen', () => {
  const view = {
    dims: '3' as const,
    colorBy: 'meta:sample',
    gene: 'CD3E',
    pointSize: 7,
    opacity: 0.45,
    classColours: { B: '#1f77b4', T: '#ff7f0e' },
  };
  const saved = JSON.parse(JSON.stringify(viewSettingsFor(view, 'explore'))) as unknown;
  assert.deepEqual(exploreViewOf(saved), view);
  // the file format stays version 1, control values by the Explore controls' data-testids
  assert.deepEqual(viewSettingsOf(saved)?.controls, {
    'explore-dims': '3',
    'explore-point-size': '7',
    'explore-opacity': '0.45',
    'explore-gene': 'CD3E',
    'explore-color-by': 'meta:sample',
  });
});

test('an older file (no colours) or garbled values open with the defaults for what is missing', () => {
  assert.deepEqual(
    exploreViewOf({
      version: 1,
      screen: 'explore',
      controls: { 'explore-point-size': '9', 'explore-opacity': 'lots', 'explore-dims': '4' },
    }),
    { ...DEFAULT_EXPLORE_VIEW, pointSize: 9 },
  );
  assert.deepEqual(exploreViewOf(null), DEFAULT_EXPLORE_VIEW);
  assert.deepEqual(
    exploreViewOf({ version: 1, controls: { 'explore-point-size': '1e9' } }),
    DEFAULT_EXPLORE_VIEW,
  );
});

test('the column colouring the projected crosses is kept beside the view; older files and none have no key', () => {
  const saved = JSON.parse(
    JSON.stringify(viewSettingsFor(DEFAULT_EXPLORE_VIEW, 'explore', 'donor')),
  ) as unknown;
  assert.equal(viewSettingsOf(saved)?.projectedColour, 'donor');
  assert.equal(viewSettingsOf(viewSettingsFor(DEFAULT_EXPLORE_VIEW, 'explore', ''))?.projectedColour, '');
  assert.equal('projectedColour' in viewSettingsFor(DEFAULT_EXPLORE_VIEW, 'explore'), false);
  assert.equal(viewSettingsOf({ version: 1, controls: {}, projectedColour: 3 })?.projectedColour, undefined);
});
