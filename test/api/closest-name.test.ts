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

test('two neighbouring letters swapped are one edit: a short name swapped still finds its option', () => {
  assert.equal(closestOption('dmis', ['dims', 'seed']), 'dims', 'two edits would be half of four letters');
  assert.equal(closestOption('trian', ['inspect', 'train', 'embed']), 'train');
  assert.equal(closestOption('ab', ['ba']), undefined, 'a swap in two letters is half of them');
});
