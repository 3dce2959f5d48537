import { test } from 'node:test';
import assert from 'node:assert/strict';
import { imageLikeTable } from '../../bench/lib/image-like.js';
import { knnAccuracy } from '../../src/evaluate/index.js';
import { selectRows } from '../../src/data/select-rows.js';
import type { DenseMatrix } from '../../src/api/matrix.js';

const spec = { rows: 200, side: 10, classes: 4, directions: 30, seed: 5 };

function dense(values: unknown): DenseMatrix {
  assert.ok(values && typeof values === 'object' && 'data' in values, 'a dense matrix');
  return values as DenseMatrix;
}

test('image-like table: the requested shape, balanced labels, integer intensities 0–255', () => {
  const table = imageLikeTable(spec);
  const x = dense(table.values);
  assert.equal(x.rows, 200);
  assert.equal(x.cols, 100);
  assert.equal(x.data.length, 200 * 100);
  assert.equal(table.ids.length, 200);
  assert.equal(table.genes.length, 100);
  const labels = table.metadata.find((m) => m.name === 'label')?.values;
  assert.ok(labels);
  const counts = new Map<string, number>();
  for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  assert.deepEqual([...counts.entries()].sort(), [
    ['class0', 50],
    ['class1', 50],
    ['class2', 50],
    ['class3', 50],
  ]);
  assert.ok(x.data.every((v) => Number.isInteger(v) && v >= 0 && v <= 255));
  // image-like, not constant: intensities spread over the range
  const distinct = new Set(x.data).size;
  assert.ok(distinct > 100, `only ${distinct} distinct intensities`);
});

test('image-like table: the same seed gives the same bytes, another seed another table', () => {
  const a = dense(imageLikeTable(spec).values).data;
  const b = dense(imageLikeTable(spec).values).data;
  const c = dense(imageLikeTable({ ...spec, seed: 6 }).values).data;
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
});

test('image-like table: the classes carry signal (kNN in the pixels beats chance by far)', () => {
  const table = imageLikeTable({ ...spec, rows: 400 });
  const x = dense(table.values);
  const labels = table.metadata[0].values;
  const train = Array.from({ length: 300 }, (_, i) => i);
  const test_ = Array.from({ length: 100 }, (_, i) => 300 + i);
  const accuracy = knnAccuracy(
    selectRows(x, train),
    train.map((r) => labels[r]),
    selectRows(x, test_),
    test_.map((r) => labels[r]),
    5,
  );
  assert.ok(accuracy > 0.5, `kNN-5 accuracy ${accuracy} (chance 0.25)`);
});
