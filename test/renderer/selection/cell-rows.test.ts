import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  combine,
  countByLabel,
  intersect,
  invert,
  rowsWithLabel,
  sameRows,
  subtract,
  toCellRows,
  union,
} from '../../../renderer/selection/cell-rows.js';

const rows = (...r: number[]) => Int32Array.from(r);
const asSet = (a: Int32Array) => new Set(a);

test('toCellRows sorts, drops repeats and anything that is not a row', () => {
  assert.deepEqual(toCellRows([5, 1, 5, -1, 2.5, 9, 10, 0], 10), rows(0, 1, 5, 9));
  assert.deepEqual(toCellRows([], 3), rows());
});

test('union, subtract, intersect and invert on small cases', () => {
  assert.deepEqual(union(rows(1, 3, 5), rows(2, 3, 6)), rows(1, 2, 3, 5, 6));
  assert.deepEqual(subtract(rows(1, 3, 5), rows(2, 3, 6)), rows(1, 5));
  assert.deepEqual(intersect(rows(1, 3, 5), rows(2, 3, 6)), rows(3));
  assert.deepEqual(invert(rows(0, 2), 5), rows(1, 3, 4));
  assert.deepEqual(invert(rows(), 3), rows(0, 1, 2));
  assert.deepEqual(invert(rows(0, 1, 2), 3), rows());
});

test('the set operations agree with Set arithmetic and keep the CellRows form', () => {
  const size = 60;
  const arb = fc
    .array(fc.integer({ min: 0, max: size - 1 }), { maxLength: 40 })
    .map((a) => toCellRows(a, size));
  const sortedUnique = (a: Int32Array) => a.every((v, i) => i === 0 || a[i - 1] < v);
  fc.assert(
    fc.property(arb, arb, (a, b) => {
      const u = union(a, b);
      const s = subtract(a, b);
      const i = intersect(a, b);
      const inv = invert(a, size);
      assert.ok([u, s, i, inv].every(sortedUnique));
      assert.deepEqual(asSet(u), new Set([...a, ...b]));
      assert.deepEqual(asSet(s), new Set([...a].filter((r) => !asSet(b).has(r))));
      assert.deepEqual(asSet(i), new Set([...a].filter((r) => asSet(b).has(r))));
      assert.equal(inv.length + a.length, size);
      assert.deepEqual(intersect(inv, a), rows());
      assert.deepEqual(invert(inv, size), a);
    }),
  );
});

test('combine replaces, adds or subtracts, and never returns the array it was given', () => {
  const current = rows(1, 2, 3);
  const picked = rows(3, 4);
  assert.deepEqual(combine('replace', current, picked), rows(3, 4));
  assert.notEqual(combine('replace', current, picked), picked);
  assert.deepEqual(combine('add', current, picked), rows(1, 2, 3, 4));
  assert.deepEqual(combine('subtract', current, picked), rows(1, 2));
});

test('sameRows compares contents', () => {
  assert.equal(sameRows(rows(1, 2), rows(1, 2)), true);
  assert.equal(sameRows(rows(1, 2), rows(1, 3)), false);
  assert.equal(sameRows(rows(1), rows(1, 3)), false);
});

test('rowsWithLabel finds a class, and "unlabeled" finds the cells without one', () => {
  const labels = ['B', 'T', '', 'B', ' T '];
  assert.deepEqual(rowsWithLabel(labels, 'B'), rows(0, 3));
  assert.deepEqual(rowsWithLabel(labels, 'T'), rows(1, 4));
  assert.deepEqual(rowsWithLabel(labels, 'unlabeled'), rows(2));
  assert.deepEqual(rowsWithLabel(labels, 'NK'), rows());
});

test('countByLabel: largest first, ties alphabetical, unlabeled last', () => {
  const labels = ['B', 'T', '', 'B', 'T', 'NK', '', 'A'];
  assert.deepEqual(countByLabel(rows(0, 1, 2, 3, 4, 5, 6, 7), labels), [
    { label: 'B', count: 2 },
    { label: 'T', count: 2 },
    { label: 'A', count: 1 },
    { label: 'NK', count: 1 },
    { label: 'unlabeled', count: 2 },
  ]);
  assert.deepEqual(countByLabel(rows(5), labels), [{ label: 'NK', count: 1 }]);
  assert.deepEqual(countByLabel(rows(), labels), []);
});

test('countByLabel lists the classes in the legend’s order: the stored categories first, cluster codes by number', () => {
  const labels = ['B', 'T', '', 'B', 'T', 'NK', 'T', 'A'];
  assert.deepEqual(
    countByLabel(rows(0, 1, 2, 3, 4, 5, 6, 7), labels, ['NK', 'B', 'T']).map((c) => c.label),
    ['NK', 'B', 'T', 'A', 'unlabeled'],
  );
  const codes = ['10', '2', '2', '0', '10', '10'];
  assert.deepEqual(
    countByLabel(rows(0, 1, 2, 3, 4, 5), codes).map((c) => c.label),
    ['0', '2', '10'],
  );
});
