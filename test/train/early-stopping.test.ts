// The early-stopping rule on hand-made epoch summaries: patience on the loss, on inactive epochs, and the
// hold while the graph weight's schedule still reweights the loss (issue 13).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { earlyStopping } from '../../src/train/early-stopping.js';

/** The first epoch (1-based) at which the rule stops for these losses, or undefined. */
function stopEpoch(
  rule: ReturnType<typeof earlyStopping>,
  losses: number[],
  active = 0.5,
): { epoch: number; message: string } | undefined {
  for (let i = 0; i < losses.length; i++) {
    const message = rule(i + 1, losses[i], active);
    if (message !== undefined) return { epoch: i + 1, message };
  }
  return undefined;
}

const flat = Array.from({ length: 30 }, () => 1);

test('without a hold a flat loss stops after `patience` epochs, and 0 patience never stops', () => {
  assert.equal(stopEpoch(earlyStopping(3, 30), flat)?.epoch, 4);
  assert.equal(stopEpoch(earlyStopping(0, 30), flat), undefined);
  assert.equal(stopEpoch(earlyStopping(0, 30, 10), flat), undefined);
});

test('held epochs neither stop the run nor count towards patience; counting starts after them', () => {
  const stop = stopEpoch(earlyStopping(3, 30, 10), flat);
  assert.equal(stop?.epoch, 13, 'epochs 11, 12, 13 without improvement');
  assert.match(stop?.message ?? '', /not improved for 3 epochs/);
  assert.equal(stopEpoch(earlyStopping(3, 30, 30), flat), undefined, 'a hold over the whole run');
});

test('inactive epochs inside the hold do not count either', () => {
  const falling = Array.from({ length: 30 }, (_, i) => 100 / (i + 1));
  assert.equal(stopEpoch(earlyStopping(3, 30), falling, 0)?.epoch, 3, 'no hold: the inactive rule');
  const stop = stopEpoch(earlyStopping(3, 30, 10), falling, 0);
  assert.equal(stop?.epoch, 13);
  assert.match(stop?.message ?? '', /no triplet was active for 3 epochs/);
});

test('after the hold the loss to beat is the last held epoch’s, not a lower one from before it', () => {
  // the loss fell to 1 early, then the rising graph weight raised it to 5; from there it falls again
  const losses = [3, 1, 2, 3, 4, 5, 4, 3, 2.5, 2, 1.8, 1.6];
  assert.equal(stopEpoch(earlyStopping(3, 12), losses)?.epoch, 5, 'without a hold: stopped on the rise');
  assert.equal(stopEpoch(earlyStopping(3, 12, 6), losses), undefined, 'with it: still improving on 5');
});
