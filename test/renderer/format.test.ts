import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  formatBytes,
  formatCount,
  formatDuration,
  formatLoss,
  formatMetric,
  formatPercent,
  nameEnds,
  plural,
} from '../../renderer/format.js';

test('durations read naturally at every scale', () => {
  assert.equal(formatDuration(950), '0.9 s');
  assert.equal(formatDuration(12_400), '12 s');
  assert.equal(formatDuration(60_000), '1 min');
  assert.equal(formatDuration(75_000), '1 min 15 s');
  assert.equal(formatDuration(3_725_000), '1 h 2 min');
  assert.equal(formatDuration(7_200_000), '2 h');
});

test('missing, negative or non-finite values show a dash, never NaN', () => {
  for (const f of [formatDuration, formatPercent, formatMetric, formatLoss, formatCount, formatBytes]) {
    assert.equal(f(NaN), '—');
    assert.equal(f(null), '—');
    assert.equal(f(undefined), '—');
    assert.equal(f(Infinity), '—');
  }
  assert.equal(formatDuration(-5), '—');
});

test('percentages, metrics and losses', () => {
  assert.equal(formatPercent(0.8734), '87.3 %');
  assert.equal(formatPercent(1, 0), '100 %');
  assert.equal(formatMetric(0.87341), '0.873');
  assert.equal(formatMetric(-0.1), '-0.100');
  assert.equal(formatLoss(0.123456), '0.1235');
  assert.equal(formatLoss(0), '0.0000');
  assert.equal(formatLoss(0.00001234), '1.23e-5');
  assert.equal(formatLoss(123456), '1.23e+5');
});

test('counts group thousands and plural agrees', () => {
  assert.equal(formatCount(700), '700');
  assert.equal(formatCount(12345), '12\u202f345');
  assert.equal(formatCount(-1234567), '-1\u202f234\u202f567');
  assert.equal(plural(1, 'cell'), '1 cell');
  assert.equal(plural(2, 'cell'), '2 cells');
  assert.equal(plural(3, 'class', 'classes'), '3 classes');
  assert.equal(formatBytes(512), '512 B');
  assert.equal(formatBytes(1536), '1.5 KB');
  assert.equal(formatBytes(5 * 1024 * 1024), '5.0 MB');
});

// A walkthrough: the server's file list wrapped "pbmc68k_reduced_" / "lognorm_with_…" over three lines, broken
// at underscores inside what reads as one name. A name is one line now, cut in the middle, its end kept.
test('nameEnds: a long name is shortened before its last characters and extension, which always show', () => {
  assert.deepEqual(nameEnds('pbmc_small_counts_v2.csv'), { head: 'pbmc_small_count', tail: 's_v2.csv' });
  assert.deepEqual(nameEnds('fashion_mnist_test.csv.gz'), { head: 'fashion_mnist_', tail: 'test.csv.gz' });
  assert.deepEqual(nameEnds('GSE1.sample-A.h5ad'), { head: 'GSE1.samp', tail: 'le-A.h5ad' });
  assert.deepEqual(nameEnds('filtered_feature_bc_matrix/'), {
    head: 'filtered_feature_bc_ma',
    tail: 'trix/',
  });
  assert.deepEqual(nameEnds('run1/'), { head: '', tail: 'run1/' });
  assert.deepEqual(nameEnds('README'), { head: 'RE', tail: 'ADME' });
  assert.deepEqual(nameEnds('.hidden_file'), { head: '.hidden_', tail: 'file' });
  assert.deepEqual(nameEnds(''), { head: '', tail: '' });
  for (const name of ['pbmc68k_reduced_lognorm.csv', 'x', 'a.b.c.d.e.f.tar.gz', 'a.csv'])
    assert.equal(Object.values(nameEnds(name)).join(''), name);
});
