import { test } from 'node:test';
import assert from 'node:assert/strict';
import { durationRatio, timeToQuality, type QualityPoint } from '../../bench/lib/time-to-quality.js';

/** A synthetic held-out kNN curve: one checkpoint per epoch, 1 s and 1.5 CPU-s apart. */
const curve = (knns: number[]): QualityPoint[] =>
  knns.map((knn, i) => ({ epoch: i + 1, wallMs: 1000 * (i + 1), cpuMs: 1500 * (i + 1), knn }));

test('time-to-quality: the first checkpoint within 0.01 below the final value', () => {
  const c = curve([0.5, 0.7, 0.83, 0.845, 0.86, 0.85]);
  assert.equal(timeToQuality(c, 0.85)?.epoch, 4, '0.845 ≥ 0.85 − 0.01; 0.83 is not');
  assert.equal(timeToQuality(c, 0.85)?.wallMs, 4000);
  assert.equal(timeToQuality(c, 0.85)?.cpuMs, 6000);
});

test('time-to-quality: exactly 0.01 below counts despite binary fractions; a dip later does not move it', () => {
  const c = curve([0.6, 0.84, 0.7, 0.85]);
  assert.equal(timeToQuality(c, 0.85)?.epoch, 2);
});

test('time-to-quality: a checkpoint above the final value has reached it', () => {
  assert.equal(timeToQuality(curve([0.5, 0.9, 0.85]), 0.85)?.epoch, 2);
});

test('time-to-quality: a custom tolerance, and nothing when no checkpoint reaches the final value', () => {
  const c = curve([0.5, 0.7, 0.8]);
  assert.equal(timeToQuality(c, 0.85), undefined);
  assert.equal(timeToQuality(c, 0.85, 0.05)?.epoch, 3);
  assert.equal(timeToQuality([], 0.85), undefined);
  assert.equal(timeToQuality(c, NaN), undefined);
  assert.equal(timeToQuality(curve([NaN, 0.85]), 0.85)?.epoch, 2, 'a NaN checkpoint never counts');
});

test('durationRatio: a ratio, or null when a side is missing or zero', () => {
  assert.equal(durationRatio(3000, 1500), 2);
  assert.equal(durationRatio(undefined, 1500), null);
  assert.equal(durationRatio(3000, undefined), null);
  assert.equal(durationRatio(3000, 0), null);
});
