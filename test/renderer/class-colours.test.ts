import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  classesBySize,
  colourInputValue,
  exportedClassColours,
  extendColourBook,
  hexColour,
  recolouredClass,
  renamedColours,
} from '../../renderer/class-colours.js';
import { LOOKS_THE_SAME } from '../../src/api/class-palette.js';
import { labDistance, labOfHex } from '../../src/api/colour-distance.js';
import { categoryColor } from '../../renderer/colors.js';
import { groupColors, groupRows } from '../../renderer/plot-model.js';

test('classes are listed largest first, ties alphabetical, blanks left out (as groupRows orders them)', () => {
  const labels = ['T', 'B', ' T', '', 'NK', 'B', 'T', 'A'];
  assert.deepEqual(classesBySize(labels), ['T', 'B', 'A', 'NK']);
  assert.deepEqual(
    classesBySize(labels),
    groupRows(labels)
      .map((g) => g.name)
      .filter((n) => n !== 'unlabeled'),
  );
});

test('a first book colours as groupColors does; the file’s own colours are kept', () => {
  const labels = ['T', 'T', 'T', 'B', 'B', 'NK'];
  const book = extendColourBook(new Map(), classesBySize(labels));
  assert.deepEqual(new Map(book), groupColors(groupRows(labels)));
  const given = extendColourBook(new Map(), ['T', 'B'], { B: '#123456' });
  assert.equal(given.get('B'), '#123456');
  assert.equal(given.get('T'), categoryColor(0));
});

test('a new class takes a free colour and every other class keeps its own', () => {
  const before = ['T', 'T', 'T', 'T', 'B', 'B', 'NK', 'NK', 'NK'];
  const book = extendColourBook(new Map(), classesBySize(before));
  // two T cells and the B cells relabelled as a new class, now the largest: groupColors alone would shift
  // the colour of every class
  const after = ['T', 'T', 'New', 'New', 'New', 'New', 'NK', 'NK', 'NK'];
  const grown = extendColourBook(book, classesBySize(after));
  assert.equal(grown.get('T'), book.get('T'));
  assert.equal(grown.get('NK'), book.get('NK'));
  assert.equal(grown.get('New'), categoryColor(3));
  assert.notEqual(groupColors(groupRows(after)).get('T'), book.get('T'), 'the shift this avoids');
  assert.equal(extendColourBook(grown, classesBySize(after)), grown, 'nothing new: the same book');
});

test('cluster codes are listed in numeric order, as groupRows orders them, and coloured in that order', () => {
  const labels = ['10', '2', '0', '0', '0', '1', '1', '10', '10', '10'];
  assert.deepEqual(classesBySize(labels), ['0', '1', '2', '10']);
  const book = extendColourBook(new Map(), classesBySize(labels));
  assert.deepEqual(
    [...book.entries()],
    [...groupColors(groupRows(labels))].filter(([n]) => n !== 'unlabeled'),
  );
});

test("with the file's category order, classes are listed (and first coloured) in it, as groupRows orders them", () => {
  const labels = ['T', 'T', 'T', 'B', 'B', 'NK'];
  const order = ['NK', 'B', 'T'];
  assert.deepEqual(classesBySize(labels, order), ['NK', 'B', 'T']);
  const book = extendColourBook(new Map(), classesBySize(labels, order));
  assert.deepEqual([...book.entries()], [...groupColors(groupRows(labels, order))]);
});

test('a renamed class keeps its colour; a rename onto a coloured class, an empty name or no colour changes nothing', () => {
  const book = { '0': '#0072B2', '1': '#E69F00' };
  assert.deepEqual(renamedColours(book, '0', ' T cells '), { ...book, 'T cells': '#0072B2' });
  assert.equal(renamedColours(book, '0', '1'), null, 'a merge into 1 keeps 1’s colour');
  assert.equal(renamedColours(book, '0', '  '), null);
  assert.equal(renamedColours(book, '0', '0'), null);
  assert.equal(renamedColours(book, '7', 'NK'), null, 'no colour to carry yet');
  assert.equal(renamedColours(book, 'constructor', 'x'), null, 'own keys only');
});

// A walkthrough looked for a way to recolour a class (two greys: the file's CD34+ and an unlabeled cell) and
// found none: Edit labels' Colour picker shows the chosen class's colour and sets it.
test('the Colour picker shows a book colour as #rrggbb, and a picked colour recolours only that class', () => {
  assert.equal(colourInputValue('#0072B2'), '#0072b2');
  assert.equal(colourInputValue('#abc'), '#aabbcc');
  assert.equal(colourInputValue('hsl(120, 55%, 50%)'), null);
  assert.equal(colourInputValue(undefined), null);
  const book = { A: '#0072B2', B: '#e69f00' };
  assert.deepEqual(recolouredClass(book, 'A', '#FF0000'), { A: '#ff0000', B: '#e69f00' });
  assert.equal(recolouredClass(book, 'A', '#0072b2'), null, 'the colour it has');
  assert.equal(recolouredClass(book, '', '#ff0000'), null, 'no class chosen');
  assert.equal(recolouredClass(book, 'A', 'red'), null, 'no #rrggbb');
  assert.deepEqual(recolouredClass(book, 'C', '#00ff00'), { ...book, C: '#00ff00' });
});

// A scanpy walkthrough: the AnnData export carries the map's class colours as uns['<label>_colors'], which
// matplotlib reads as hex; the palette's colours past its first ones are CSS hsl() hues it cannot read.
test('the export takes every class colour as #rrggbb: hex kept (lower case), hsl() hues converted', () => {
  assert.equal(hexColour('#0072B2'), '#0072b2');
  assert.equal(hexColour('#abc'), '#aabbcc');
  assert.equal(hexColour('hsl(0, 100%, 50%)'), '#ff0000');
  assert.equal(hexColour('hsl(120, 100%, 25%)'), '#008000');
  assert.equal(hexColour('hsl(240, 55%, 50%)'), '#3939c6');
  assert.equal(hexColour('rebeccapurple'), null);
  const past = categoryColor(40);
  assert.match(past, /^hsl\(/, 'a colour past the palette is an hsl() hue');
  assert.deepEqual(exportedClassColours({ T: '#E69F00', B: past, odd: 'blue', unlabeled: '#b0b0b0' }), {
    T: '#e69f00',
    B: hexColour(past),
  });
  assert.match(String(hexColour(past)), /^#[0-9a-f]{6}$/);
});

// A scanpy walkthrough: an h5ad whose uns['bulk_labels_colors'] is matplotlib's tab10 (scanpy's colours for
// ≤ 10 categories); CD34+ cells labelled 'HSPC' in Edit labels were drawn in Okabe–Ito's blue '#0072B2', on
// the map and in the exported h5ad next to CD14+ Monocyte's '#1f77b4' — the same blue to the eye.
test('a new class takes no colour that looks like one a class has: the file’s tab10, our own lower-case hex', () => {
  const tab10 = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f'];
  const names = tab10.map((_, i) => `type ${i}`);
  const given = Object.fromEntries(names.map((n, i) => [n, tab10[i]]));
  const book = extendColourBook(extendColourBook(new Map(), names, given), ['HSPC']);
  const hspc = labOfHex(hexColour(book.get('HSPC') ?? '') ?? '');
  assert.ok(hspc !== null);
  for (const colour of tab10) {
    const lab = labOfHex(colour);
    assert.ok(lab !== null);
    assert.ok(labDistance(hspc, lab) >= LOOKS_THE_SAME, `HSPC's ${book.get('HSPC')} looks like ${colour}`);
  }
  // the first palette colour, read back from an export in lower case, is the colour itself
  const own = extendColourBook(new Map([['A', categoryColor(0).toLowerCase()]]), ['B']);
  assert.notEqual(own.get('B')?.toLowerCase(), categoryColor(0).toLowerCase());
});

test('a fresh map still takes the palette in order, past its fixed colours too', () => {
  const names = Array.from({ length: 40 }, (_, i) => `c${i}`);
  const book = extendColourBook(new Map(), names);
  assert.deepEqual(
    [...book.values()],
    names.map((_, i) => categoryColor(i)),
  );
});
