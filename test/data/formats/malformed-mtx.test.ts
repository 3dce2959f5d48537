// The MatrixMarket part of the malformed-input corpus (test/fixtures/bad/mtx/): every file or folder fails
// with a DataImportError of a specific kind whose one-line message names the file at fault (the matrix, or
// its barcodes/genes file) and, where the problem has a place, its line and column.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DataImportError, importTable } from '../../../src/data/index.js';
import { packageRoot } from '../../../src/util/paths.js';

const BAD = join(packageRoot(), 'test', 'fixtures', 'bad', 'mtx');

interface Case {
  /** A file or folder under test/fixtures/bad/mtx. */
  source: string;
  kind: string;
  /** The file the message names, when it is not `source` itself. */
  file?: string;
  line?: number;
  column?: number;
  says: RegExp;
}

const CASES: Case[] = [
  {
    source: 'row-out-of-range.mtx',
    kind: 'bad-structure',
    line: 5,
    column: 1,
    says: /row 4 is outside.*declares 3 rows/,
  },
  {
    source: 'column-out-of-range.mtx',
    kind: 'bad-structure',
    line: 4,
    column: 2,
    says: /column 5 is outside.*4 columns/,
  },
  {
    source: 'repeated-entry.mtx',
    kind: 'bad-structure',
    line: 7,
    says: /row 2, column 3 is written twice \(lines 5 and 7\)/,
  },
  {
    source: 'more-entries.mtx',
    kind: 'bad-structure',
    line: 7,
    column: 1,
    says: /more entries than the 3 the header declares \(line 3\)/,
  },
  {
    source: 'fewer-entries.mtx',
    kind: 'bad-structure',
    line: 3,
    says: /declares 5 entries but the file holds 3/,
  },
  // a walkthrough: a matrix.mtx cut short in a line was refused as 'expected "row column value" … got "3 4"'
  {
    source: 'cut-mid-line.mtx',
    kind: 'bad-structure',
    line: 6,
    says: /ends in the middle of an entry \("3 4", no newline after it\), after 2 of the 5 entries the header \(line 3\) declares: it is cut short/,
  },
  { source: 'negative-count.mtx', kind: 'bad-structure', line: 5, column: 3, says: /count -2 is negative/ },
  {
    source: 'fractional-count.mtx',
    kind: 'not-a-number',
    line: 6,
    column: 3,
    says: /"2\.5" is not a whole number/,
  },
  { source: 'text-value.mtx', kind: 'not-a-number', line: 4, column: 3, says: /"high" is not a number/ },
  // a user audit: "1,5" was told to read the file with --decimal comma (the page: its Decimal separator
  // field), which a MatrixMarket file refuses; the format's own rule is said, with no setting (test below)
  {
    source: 'decimal-comma.mtx',
    kind: 'not-a-number',
    line: 4,
    column: 3,
    says: /"1,5" uses a decimal comma, but a MatrixMarket value must be a plain number with a '\.' decimal point \(1\.5\)/,
  },
  {
    source: 'thousands-comma.mtx',
    kind: 'not-a-number',
    line: 5,
    column: 3,
    says: /"1,234" looks like 1234 written with a thousands separator \(or 1\.234 with a decimal comma\), but a MatrixMarket value must be a plain number with a '\.' decimal point/,
  },
  // the corruption test: a real file's "0x10" was read as 16, where a text table refuses hexadecimal
  {
    source: 'hex-value.mtx',
    kind: 'not-a-number',
    line: 4,
    column: 3,
    says: /"0x10" is written in hexadecimal, binary or octal, not as a decimal number/,
  },
  // a user audit: "an entry of a integer MatrixMarket file …"
  {
    source: 'extra-field.mtx',
    kind: 'bad-structure',
    line: 4,
    column: 4,
    says: /each entry of this integer MatrixMarket file holds three numbers \(row, column, value\), but this line has more: "2 3 1 7"/,
  },
  { source: 'too-large-value.mtx', kind: 'not-finite', line: 4, column: 3, says: /not a finite number/ },
  { source: 'symmetric.mtx', kind: 'unsupported-format', line: 1, says: /"symmetric".*"general"/ },
  { source: 'dense-array.mtx', kind: 'unsupported-format', line: 1, says: /only sparse MatrixMarket/ },
  { source: 'no-banner.mtx', kind: 'bad-structure', line: 1, says: /starts with "3 4 2"/ },
  { source: 'short-size-line.mtx', kind: 'bad-structure', line: 3, says: /three whole numbers/ },
  { source: 'truncated.mtx.gz', kind: 'gzip', line: 1209, says: /damaged or cut short here/ },
  {
    source: 'short-barcodes',
    kind: 'bad-structure',
    file: 'short-barcodes/barcodes.tsv',
    line: 4,
    says: /ends after 3 cells, but matrix\.mtx declares 4 cells \(columns, line 3\)/,
  },
  {
    source: 'long-barcodes/matrix.mtx',
    kind: 'bad-structure',
    file: 'long-barcodes/barcodes.tsv',
    line: 5,
    says: /declares 4 cells.*this file has 5 lines/,
  },
  {
    source: 'extra-gene',
    kind: 'bad-structure',
    file: 'extra-gene/genes.tsv',
    line: 4,
    says: /declares 3 genes/,
  },
  {
    source: 'missing-features',
    kind: 'not-found',
    file: 'missing-features/features.tsv.gz',
    says: /missing: the gene names/,
  },
  {
    source: 'missing-barcodes',
    kind: 'not-found',
    file: 'missing-barcodes/barcodes.tsv.gz',
    says: /missing: the cell barcodes/,
  },
  { source: 'no-matrix', kind: 'not-found', says: /no matrix\.mtx\.gz or matrix\.mtx/ },
  { source: 'no-cells.mtx', kind: 'no-data-rows', line: 3, says: /0 × 40: it holds no cells/ },
];

for (const c of CASES) {
  test(`${c.source} → ${c.kind}`, { timeout: 10_000 }, async () => {
    const error = await importTable(join(BAD, c.source)).then(
      () => assert.fail('the import should have failed'),
      (err: unknown) => err,
    );
    assert.ok(error instanceof DataImportError, `expected a DataImportError, got ${String(error)}`);
    assert.equal(error.kind, c.kind, error.message);
    assert.equal(error.file, join(BAD, c.file ?? c.source));
    assert.ok(error.message.startsWith(`${error.file}`), 'the message names the file first');
    assert.doesNotMatch(error.message, /\n/, 'one line');
    assert.equal(error.line, c.line, error.message);
    if (c.line !== undefined) assert.match(error.message, new RegExp(`line ${c.line}\\b`));
    assert.equal(error.column, c.column, error.message);
    assert.match(error.message, c.says);
  });
}

// --decimal (the page's Decimal separator) is refused for a MatrixMarket file (format-options.ts): a value's
// refusal must not offer it, on the command line or on the page
for (const source of ['decimal-comma.mtx', 'thousands-comma.mtx']) {
  test(`${source}: neither side is offered a decimal separator setting`, async () => {
    const error = await importTable(join(BAD, source)).then(
      () => assert.fail('the import should have failed'),
      (err: unknown) => err,
    );
    assert.ok(error instanceof DataImportError, String(error));
    for (const text of [error.message, error.appMessage ?? error.message]) {
      assert.doesNotMatch(text, /--decimal|Decimal separator|read the file with/, text);
      assert.match(text, /save the matrix again/, text);
    }
  });
}
