import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  formatBytes,
  formatCount,
  formatDuration,
  formatLoss,
  formatMetric,
  formatPercent,
  namePieces,
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

test('namePieces: a file name wraps after _ - space and a dot before the extension, never mid-word', () => {
  assert.deepEqual(namePieces('pbmc_small_counts.csv'), ['pbmc_', 'small_', 'counts.csv']);
  assert.deepEqual(namePieces('fashion_mnist_test.csv.gz'), ['fashion_', 'mnist_', 'test.csv.gz']);
  assert.deepEqual(namePieces('GSE1.sample-A.h5ad'), ['GSE1.', 'sample-', 'A.h5ad']);
  assert.deepEqual(namePieces('run1/'), ['run1/']);
  assert.deepEqual(namePieces('big table.csv'), ['big ', 'table.csv']);
  assert.deepEqual(namePieces('.hidden_file'), ['.hidden_', 'file']);
  assert.deepEqual(namePieces('a__b_'), ['a_', '_', 'b_']);
  assert.deepEqual(namePieces(''), ['']);
  for (const name of ['pbmc68k_reduced_lognorm.csv', 'x', 'a.b.c.d.e.f.tar.gz'])
    assert.equal(namePieces(name).join(''), name);
});
