import assert from 'node:assert/strict';
import { test } from 'node:test';
import { STOPPED_WORDS, saysWhy, stoppedPhrase } from '../../src/api/stopped-words.js';

// A walkthrough: `tripletlens train` ended "25 epochs, 25 steps (early-stopping)", the code for the reason.
test('stoppedPhrase: the engine sentence when it says which rule fired, else the words of the reason', () => {
  const message = 'Stopped early at epoch 25: the loss has not improved for 5 epochs';
  assert.equal(
    stoppedPhrase('early-stopping', message),
    'stopped early at epoch 25: the loss has not improved for 5 epochs',
  );
  assert.equal(stoppedPhrase('early-stopping'), 'stopped early (loss no longer improving)');
  assert.equal(stoppedPhrase('completed', 'ignored'), 'all epochs completed');
  assert.equal(stoppedPhrase('stopped', 'Stopped on request at epoch 3, step 9'), 'stopped by you');
  assert.ok(saysWhy('plateau') && !saysWhy('nan'));
  for (const words of Object.values(STOPPED_WORDS)) assert.doesNotMatch(words, /-stopping|^[A-Z]/);
});
