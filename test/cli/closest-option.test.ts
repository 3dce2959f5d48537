import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closestOption } from '../../src/cli/closest-option.js';

const KNOWN = ['epochs', 'label', 'layer', 'learning-rate', 'meta', 'meta-file', 'max-memory'];

test('typos within two edits find their option; longer distances and short names do not', () => {
  assert.equal(closestOption('epoch', KNOWN), 'epochs');
  assert.equal(closestOption('metafile', KNOWN), 'meta-file');
  assert.equal(closestOption('learning_rate', KNOWN), 'learning-rate');
  assert.equal(closestOption('LABEL', KNOWN), 'label');
  assert.equal(closestOption('frobnicate', KNOWN), undefined);
  assert.equal(closestOption('x', KNOWN), undefined, 'one letter is no evidence of a typo');
});
