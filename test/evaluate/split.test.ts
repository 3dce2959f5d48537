import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stratifiedSplit } from '../../src/evaluate/index.js';
import { indexLabels } from '../../src/data/label-index.js';
import { seededRandom } from '../../src/util/random.js';

const labels = [...Array<string>(10).fill('a'), ...Array<string>(5).fill('b'), 'c', '', 'NA'];

test('holds out about the fraction of each class; singletons stay in train; unlabeled apart', () => {
  // 16 labelled rows × 0.2 = 3.2 → 3 held out: a ⌊10 · 0.2⌋ = 2, b ⌊5 · 0.2⌋ = 1, c (1 member) 0.
  const split = stratifiedSplit(labels, 0.2, seededRandom(1));
  assert.deepEqual(split.unlabeled, [16, 17]);
  assert.equal(split.holdout.length, 3);
  assert.equal(split.holdout.filter((r) => labels[r] === 'a').length, 2);
  assert.equal(split.holdout.filter((r) => labels[r] === 'b').length, 1);
  assert.ok(split.train.includes(15), 'the single c stays in train');
  const all = [...split.train, ...split.holdout, ...split.unlabeled].sort((x, y) => x - y);
  assert.deepEqual(
    all,
    labels.map((_, i) => i),
  );
  assert.deepEqual(
    split.train,
    [...split.train].sort((x, y) => x - y),
  );
});

test('largest remainder decides the last hold-out cell; every class keeps a training cell', () => {
  // a × 7, b × 7 at 0.2: ideal 1.4 each, floors 1 + 1, total round(2.8) = 3 → the tie on remainder goes to
  // the first class: a 2, b 1.
  const split = stratifiedSplit(
    [...Array<string>(7).fill('a'), ...Array<string>(7).fill('b')],
    0.2,
    seededRandom(0),
  );
  assert.equal(split.holdout.filter((r) => r < 7).length, 2);
  assert.equal(split.holdout.filter((r) => r >= 7).length, 1);
  // Two members at 0.9: ideal 1.8, but one must stay in train.
  const pair = stratifiedSplit(['x', 'x'], 0.9, seededRandom(0));
  assert.equal(pair.holdout.length, 1);
  assert.equal(pair.train.length, 1);
});

test('seeded: the same generator seed gives the same split, another seed another split', () => {
  const many = Array.from({ length: 200 }, (_, i) => `class${i % 4}`);
  const a = stratifiedSplit(many, 0.25, seededRandom(5));
  const b = stratifiedSplit(many, 0.25, seededRandom(5));
  const c = stratifiedSplit(many, 0.25, seededRandom(6));
  assert.deepEqual(a, b);
  assert.notDeepEqual(a.holdout, c.holdout);
  assert.equal(a.holdout.length, 50);
});

test('class indices (Int32Array, −1 unlabeled) work the same; bad fractions are refused', () => {
  const split = stratifiedSplit(Int32Array.from([0, 0, 0, 0, 0, 1, 1, 1, 1, 1, -1]), 0.4, seededRandom(2));
  assert.deepEqual(split.unlabeled, [10]);
  assert.equal(split.holdout.length, 4);
  assert.throws(() => stratifiedSplit(labels, 1), /holdout fraction must be in \[0, 1\)/);
  assert.throws(() => stratifiedSplit(labels, -0.1), RangeError);
  assert.equal(stratifiedSplit(labels, 0).holdout.length, 0);
});

test('the codes of indexLabels give the same split as the text they index (classes taken by first row)', () => {
  // indexLabels numbers classes in sorted order, the text path by first appearance: a split that visited
  // classes by code would shuffle them in another order and hold out other cells
  const random = seededRandom(3);
  const names = ['zeta', 'alpha', 'mid'];
  const text = Array.from({ length: 60 }, (_, r) => (r % 11 === 0 ? 'NA' : names[Math.floor(random() * 3)]));
  const index = indexLabels(text);
  const firstSeen = [...new Set(text.filter((label) => label !== 'NA'))];
  assert.notDeepEqual(index.classes, firstSeen, 'the two numberings differ, so the test can fail');
  for (const seed of [0, 1, 2, 7]) {
    assert.deepEqual(
      stratifiedSplit(index.indices, 0.25, seededRandom(seed)),
      stratifiedSplit(text, 0.25, seededRandom(seed)),
    );
  }
});

test("the rounding's extra hold-out cell never leaves a class of 2 a single training cell", () => {
  // a bulk panel: 25 ALL, 2 ALL-T, 11 AML at 0.2 → round(7.6) = 8 held out; floors 5 + 0 + 2 = 7, and the
  // largest remainder (ALL-T's 0.4) would take one of ALL-T's two samples, leaving it no triplet positive
  const panel = [
    ...Array<string>(25).fill('ALL'),
    ...Array<string>(2).fill('ALL-T'),
    ...Array<string>(11).fill('AML'),
  ];
  for (const seed of [0, 1, 2]) {
    const split = stratifiedSplit(panel, 0.2, seededRandom(seed));
    assert.equal(split.holdout.filter((r) => panel[r] === 'ALL-T').length, 0, 'both ALL-T samples train');
    assert.equal(split.holdout.length, 8, 'the extra cell goes to the next class by remainder');
    assert.equal(split.holdout.filter((r) => panel[r] === 'AML').length, 3);
  }
});
