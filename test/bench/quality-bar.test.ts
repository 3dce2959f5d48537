import assert from 'node:assert/strict';
import { test } from 'node:test';
import { barMargin, meetsBar, qualityBar } from '../../bench/lib/quality-bar.js';

test('the bar is the larger side: input − 0.02 or PCA-3D + 0.05', () => {
  assert.ok(Math.abs(qualityBar({ input: 0.9, pca: 0.8 }) - 0.88) < 1e-12);
  assert.ok(Math.abs(qualityBar({ input: 0.8, pca: 0.8 }) - 0.85) < 1e-12);
});

test('a lead of exactly seven of 140 held-out cells over PCA-3D meets the bar, six do not', () => {
  // 115/140 − 108/140 is 0.0499… in doubles: the plain comparison would refuse what the bar allows
  const pca = 108 / 140;
  assert.equal(115 / 140 >= pca + 0.05, false);
  assert.equal(meetsBar({ knn: 115 / 140, input: 108 / 140, pca }), true);
  assert.equal(meetsBar({ knn: 114 / 140, input: 108 / 140, pca }), false);
});

test('the margin is the smaller side, negative on a miss', () => {
  // knn 0.80, input 0.83 (side 0.81: −0.01), PCA 0.70 (side 0.75: +0.05)
  assert.ok(Math.abs(barMargin({ knn: 0.8, input: 0.83, pca: 0.7 }) + 0.01) < 1e-12);
  assert.equal(meetsBar({ knn: 0.8, input: 0.83, pca: 0.7 }), false);
  assert.equal(meetsBar({ knn: 0.81, input: 0.83, pca: 0.7 }), true);
});
