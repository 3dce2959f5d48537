import { test } from 'node:test';
import assert from 'node:assert/strict';
import { orientationHint } from '../../src/data/orientation.js';
import type { ExpressionTable } from '../../src/data/types.js';

const GENES = ['CD3E', 'CD79A', 'MS4A1', 'NKG7', 'LYZ'];
const BARCODES = ['AAAGCCTGGCTAAC-1', 'AAATTCGATGCACA-1', 'AACACGTGGTCTTT-1'];

function table(ids: string[], genes: string[]): ExpressionTable {
  return {
    source: 'x.tsv',
    idColumn: 'id',
    ids,
    genes,
    values: {
      format: 'dense',
      rows: ids.length,
      cols: genes.length,
      data: new Float32Array(ids.length * genes.length),
    },
    metadata: [],
    warnings: [],
    missingValues: 0,
  };
}

test('read as it is: gene-like row ids and barcode columns suggest --transpose; barcodes × genes is quiet', () => {
  assert.match(orientationHint(table(GENES, BARCODES), false) ?? '', /import it with --transpose/);
  assert.equal(orientationHint(table(BARCODES, GENES), false), undefined);
});

test('after --transpose: cells × genes is quiet, and gene-like cell ids say the file had cells as rows already', () => {
  // a GEO table turned round correctly: barcodes are the cells, the gene symbols the genes
  assert.equal(orientationHint(table(BARCODES, GENES), true), undefined);
  // a cells × genes file turned round by mistake: its gene symbols became the cell ids
  const back = orientationHint(table(GENES, BARCODES), true) ?? '';
  assert.match(back, /try without --transpose/);
  // only a text table turns round, which may be a bulk panel of samples: its column names, not "cell ids"
  assert.match(back, /its column names look like genes .*may already have cells or samples as rows;/);
  assert.doesNotMatch(back, /cell ids/);
});

// A GEO count table has thousands of gene rows: the hint said "there are 20000 rows × 6 numeric columns".
test('the hint groups the digits of its counts as the Import summary does', () => {
  const genes = Array.from({ length: 1500 }, (_, g) => `GENE${g}`);
  assert.match(orientationHint(table(genes, BARCODES), false) ?? '', / 1\u202f500 rows × 3 numeric columns:/);
});

// A walkthrough: the Import summary told a GEO table's user to "import it with --transpose", a flag the page lacks.
test("in the app's words the hint names the Orientation setting, never a flag", () => {
  const turn = orientationHint(table(GENES, BARCODES), false, 'app') ?? '';
  assert.match(turn, /choose Import settings ▸ Orientation: genes are rows \(transpose\)\.$/);
  const back = orientationHint(table(GENES, BARCODES), true, 'app') ?? '';
  assert.match(back, /choose Import settings ▸ Orientation: cells are rows\.$/);
  assert.doesNotMatch(turn + back, /--/);
});
