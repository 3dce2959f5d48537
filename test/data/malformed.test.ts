// Every file in test/fixtures/bad/ must fail with a specific DataImportError kind whose message names the
// file and, where the problem has a place, the line (and column); none may crash, hang or return a table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { DataImportError, importTable, type ImportOptions } from '../../src/data/index.js';
import { packageRoot } from '../../src/util/paths.js';

const BAD = join(packageRoot(), 'test', 'fixtures', 'bad');

interface Case {
  file: string;
  kind: string;
  line?: number;
  column?: number;
  options?: ImportOptions;
  /** A phrase the message must contain (the explanation a biologist needs). */
  says?: RegExp;
  /** A phrase the page's message (`appMessage`) must contain: its settings, where `says` has the CLI's flags. */
  appSays?: RegExp;
}

const CASES: Case[] = [
  { file: 'empty.csv', kind: 'empty-file', says: /empty/ },
  { file: 'blank-lines.csv', kind: 'empty-file', says: /blank lines/ },
  { file: 'empty-content.csv.gz', kind: 'empty-file' },
  { file: 'header-only.csv', kind: 'no-data-rows', line: 2, says: /no data rows/ },
  { file: 'header-only.tsv.gz', kind: 'no-data-rows', line: 2 },
  { file: 'ragged-short.csv', kind: 'ragged-row', line: 3, column: 4, says: /4 fields but the header has 5/ },
  { file: 'ragged-long.csv', kind: 'ragged-row', line: 4, column: 6, says: /7 fields but the header has 5/ },
  { file: 'empty-id.csv', kind: 'empty-id', line: 3, column: 1, says: /no id/ },
  // the browser shows this message too: the page is told its setting, the CLI its flag, neither the other's
  {
    file: 'missing-empty.csv',
    kind: 'missing-value',
    line: 3,
    column: 4,
    says: /GENE_B.*\(--missing zero, drop-row or column-mean\)\.$/,
    appSays:
      /GENE_B.*\(Import settings ▸ Missing values: read as 0, leave the cell out or use the gene’s mean\)\.$/,
  },
  { file: 'missing-na.csv', kind: 'missing-value', line: 4, column: 5, says: /"NA"/ },
  { file: 'missing-nan.tsv', kind: 'missing-value', line: 2, column: 3, says: /"NaN"/ },
  {
    file: 'all-rows-missing.csv',
    kind: 'no-rows-left',
    line: 2,
    options: { missing: 'drop-row' },
    says: /left nothing/,
  },
  {
    file: 'text-in-gene-late.csv',
    kind: 'not-a-number',
    line: 232,
    column: 3,
    says: /"high" is not a number/,
  },
  {
    file: 'good.csv',
    kind: 'not-a-number',
    line: 2,
    column: 2,
    options: { metaColumns: [] },
    // the metadata columns were listed (none): the column is a gene for that, not for its numbers
    says: /"T" is not a number.*because --meta lists the metadata columns and not this one; if it holds text, add it to --meta, or choose a missing-value policy \(--missing zero/,
    appSays:
      /"T" is not a number.*because Import settings ▸ Metadata columns lists the metadata columns and not this one; if it holds text, add it to Import settings ▸ Metadata columns, or choose a missing-value policy \(Import settings ▸ Missing values: read as 0/,
  },
  // a user audit: the message only said to "check the delimiter and the decimal separator"
  // read with '.' decimals (detection reads this ';' file with ',': decimal.test.ts), named at the first value
  {
    file: 'decimal-comma.csv',
    kind: 'no-gene-columns',
    line: 2,
    column: 3,
    options: { decimal: '.' },
    says: /values such as "1,5" \(column "GENE_A"\) use a decimal comma: read the file with ',' as the decimal separator \(--decimal comma\)/,
    appSays: /use a decimal comma: .*\(Import settings ▸ Decimal separator: comma \(1,25\)\)/,
  },
  {
    file: 'decimal-comma.csv',
    kind: 'not-a-number',
    line: 2,
    column: 3,
    options: { genesFrom: 'GENE_A', decimal: '.' },
    says: /"1,5" uses a decimal comma: .*--decimal comma/,
    appSays: /"1,5" uses a decimal comma: .*Import settings ▸ Decimal separator: comma \(1,25\)/,
  },
  { file: 'infinity.csv', kind: 'not-finite', line: 3, column: 3, says: /finite/ },
  // Issue 10: one bad token in a gene column is an error at its cell; it no longer turns the column, and
  // every gene column before it, into metadata.
  {
    file: 'inf-in-gene.csv',
    kind: 'not-finite',
    line: 4,
    column: 4,
    says: /"Inf" is an infinity.*\(--missing zero, drop-row or column-mean\)/,
    appSays: /"Inf" is an infinity.*\(Import settings ▸ Missing values: read as 0/,
  },
  {
    file: 'text-in-gene-early.csv',
    kind: 'not-a-number',
    line: 3,
    column: 4,
    says: /"abc" is not a number.*"G1" was read as a gene because most of its values are numbers/,
  },
  {
    file: 'decimal-comma-quoted.csv',
    kind: 'not-a-number',
    line: 5,
    column: 5,
    says: /"1,5" uses a decimal comma/,
  },
  {
    file: 'float32-overflow.csv',
    kind: 'not-finite',
    line: 6,
    column: 6,
    says: /"1e39" is too large for a 32-bit float/,
  },
  {
    file: 'hex-number.csv',
    kind: 'not-a-number',
    line: 2,
    column: 3,
    says: /"0x1F" is written in hexadecimal/,
  },
  { file: 'utf16le-bom.csv', kind: 'utf16', says: /UTF-16/ },
  { file: 'utf16be-nobom.csv', kind: 'utf16', says: /UTF-16/ },
  { file: 'binary.dat', kind: 'binary', says: /binary/ },
  { file: 'workbook.xlsx', kind: 'binary', says: /Excel/ },
  { file: 'matrix.h5ad', kind: 'bad-structure', says: /not a readable HDF5 file/ },
  { file: 'latin1.csv', kind: 'encoding', line: 4, says: /UTF-8/ },
  { file: 'truncated.csv.gz', kind: 'gzip', says: /damaged or cut short/ },
  { file: 'corrupt.csv.gz', kind: 'gzip', says: /damaged or cut short/ },
  // a user audit: the message was empty ("double-gzip.csv.gz: ")
  {
    file: 'double-gzip.csv.gz',
    kind: 'binary',
    says: /gzip-compressed twice \(a \.gz inside a \.gz\)\. Decompress it once \(gunzip double-gzip\.csv\.gz\)/,
  },
  // a user audit: "line 3" only, of a line of many fields
  { file: 'unclosed-quote.csv', kind: 'bad-quotes', line: 3, column: 2, says: /never closed/ },
  { file: 'stray-quote.csv', kind: 'bad-quotes', line: 3, column: 2, says: /quoted field/ },
  { file: 'one-column.txt', kind: 'one-column', line: 1, says: /commas, tabs or semicolons/ },
  { file: 'no-header.csv', kind: 'no-header', line: 1, says: /header line/ },
  // a user audit: "only one column was found" and "no numeric (gene) columns" for files whose header follows
  // a comment line
  {
    file: 'comment-line.csv',
    kind: 'no-header',
    line: 1,
    says: /starts with "#": it looks like a comment line/,
  },
  {
    file: 'comment-above-header.tsv',
    kind: 'no-header',
    line: 1,
    says: /has 2 field\(s\) but line 2 has 1, and it starts with "#".*remove the comment lines/,
  },
  {
    file: 'all-text.csv',
    kind: 'no-gene-columns',
    line: 1,
    says: /check the delimiter and the decimal separator \(--delimiter, --decimal\)\.$/,
    appSays:
      /check the delimiter and the decimal separator \(Import settings ▸ Delimiter and Decimal separator\)\.$/,
  },
  { file: 'good.csv', kind: 'unknown-column', line: 1, options: { idColumn: 'barcode' }, says: /"barcode"/ },
  {
    file: 'good.csv',
    kind: 'duplicate-id',
    line: 4,
    column: 1,
    options: { metaFile: join(BAD, 'metadata-duplicate-id.csv') },
    says: /metadata-duplicate-id\.csv.*"c1" already appeared on line 2/,
  },
  {
    file: 'good.csv',
    kind: 'metadata-file',
    column: 1,
    options: { metaFile: join(BAD, 'metadata-no-match.csv') },
    says: /none of its ids/,
  },
  { file: 'does-not-exist.csv', kind: 'not-found', says: /no such file/ },
];

for (const c of CASES) {
  const label = `${c.file}${c.options ? ` ${JSON.stringify(c.options).replace(BAD, '…')}` : ''} → ${c.kind}`;
  test(label, { timeout: 10_000 }, async () => {
    const path = join(BAD, c.file);
    const error = await importTable(path, c.options).then(
      () => assert.fail('the import should have failed'),
      (err: unknown) => err,
    );
    assert.ok(error instanceof DataImportError, `expected a DataImportError, got ${String(error)}`);
    assert.equal(error.kind, c.kind, error.message);
    assert.ok(error.message.includes(error.file), 'the message names the file');
    if (c.line !== undefined) {
      assert.equal(error.line, c.line, error.message);
      assert.match(error.message, new RegExp(`line ${c.line}\\b`));
    }
    if (c.column !== undefined) {
      assert.equal(error.column, c.column, error.message);
      assert.match(error.message, new RegExp(`column ${c.column}\\b`));
    }
    if (c.says) assert.match(error.message, c.says);
    // each side's words only: the CLI is not told the page's settings, nor the page the CLI's flags
    assert.doesNotMatch(error.message, /the app:|Import settings/);
    if (c.appSays) assert.match(error.appMessage ?? '', c.appSays);
    if (error.appMessage !== undefined) assert.doesNotMatch(error.appMessage, /(^|[\s(])--[a-z]/);
  });
}

test(
  'the same bad bytes given in memory fail the same way, named by the upload name',
  { timeout: 10_000 },
  async () => {
    const bytes = new Uint8Array(readFileSync(join(BAD, 'missing-na.csv')));
    await assert.rejects(importTable({ name: 'upload.csv', bytes }), (err: unknown) => {
      assert.ok(err instanceof DataImportError);
      assert.equal(err.kind, 'missing-value');
      assert.match(err.message, /^upload\.csv, line 4, column 5 \("GENE_C"\)/);
      return true;
    });
  },
);

test('the corpus holds at least 25 malformed files', () => {
  const files = new Set(
    CASES.map((c) => c.file).filter((f) => f !== 'good.csv' && f !== 'does-not-exist.csv'),
  );
  assert.ok(files.size >= 25, `only ${files.size} malformed files`);
});
