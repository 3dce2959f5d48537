import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closestName } from '../../src/api/closest-name.js';

const KNOWN = ['epochs', 'label', 'layer', 'learning-rate', 'meta', 'meta-file', 'max-memory'];

test('typos within two edits find their option; longer distances and short names do not', () => {
  assert.equal(closestName('epoch', KNOWN), 'epochs');
  assert.equal(closestName('metafile', KNOWN), 'meta-file');
  assert.equal(closestName('learning_rate', KNOWN), 'learning-rate');
  assert.equal(closestName('LABEL', KNOWN), 'label');
  assert.equal(closestName('frobnicate', KNOWN), undefined);
  assert.equal(closestName('x', KNOWN), undefined, 'one letter is no evidence of a typo');
});

test('two neighbouring letters swapped are one edit: a short name swapped still finds its option', () => {
  assert.equal(closestName('dmis', ['dims', 'seed']), 'dims', 'two edits would be half of four letters');
  assert.equal(closestName('trian', ['inspect', 'train', 'embed']), 'train');
  assert.equal(closestName('ab', ['ba']), undefined, 'a swap in two letters is half of them');
});
