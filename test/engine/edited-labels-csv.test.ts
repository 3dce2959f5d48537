import assert from 'node:assert/strict';
import { test } from 'node:test';
import { editedLabelsCsv } from '../../src/engine/edited-labels-csv.js';

test('edited labels CSV: id, original and edited label per cell, escaped like every TripletLens CSV', () => {
  const csv = editedLabelsCsv('barcode', ['c1', 'c,2', '=c3'], ['T', '', 'B'], {
    column: 'label_edited',
    source: 'cell type',
    categories: ['T', '=SUM(A1)'],
    codes: Int32Array.of(1, 0, -1),
  });
  assert.equal(csv, `barcode,cell type,label_edited\nc1,T,'=SUM(A1)\n"c,2",,T\n'=c3,B,\n`);
});

test('a source column named like the edited one is renamed, and a length mismatch is refused', () => {
  const csv = editedLabelsCsv('id', ['a'], ['x'], {
    column: 'label_edited',
    source: 'label_edited',
    categories: ['y'],
    codes: Int32Array.of(0),
  });
  assert.equal(csv.split('\n')[0], 'id,label_edited_original,label_edited');
  assert.throws(
    () =>
      editedLabelsCsv('id', ['a', 'b'], ['x', 'y'], {
        column: 'e',
        source: 's',
        categories: [],
        codes: Int32Array.of(-1),
      }),
    /cover 1 cells but the data has 2/,
  );
  const ids = Array.from({ length: 1200 }, (_, i) => `c${i}`);
  assert.throws(
    () =>
      editedLabelsCsv('id', ids, ids, {
        column: 'e',
        source: 's',
        categories: [],
        codes: new Int32Array(1199).fill(-1),
      }),
    /cover 1\u202f199 cells but the data has 1\u202f200/,
  );
});
