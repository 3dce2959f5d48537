// `train iris.csv --decimal comma` (its numbers written 5.1) was told "no numeric (gene) columns were found
// … check the delimiter and the decimal separator (--delimiter, --decimal)": a table read with ',' whose
// numbers use '.' now names a value, its place and the setting to give, in each side's words.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DataImportError } from '../../src/data/errors.js';
import { importTable } from '../../src/data/import-table.js';

test("a table of '.' numbers read with ',' names a value, its line and column, and --decimal dot", async () => {
  const text = ['id,label,G1,G2', 'c1,T,5.1,3.0', 'c2,B,4.9,2.5', ''].join('\n');
  const err = await importTable(
    { name: 't.csv', bytes: new TextEncoder().encode(text) },
    { decimal: ',' },
  ).then(
    () => assert.fail('the import should have been refused'),
    (e: unknown) => e,
  );
  assert.ok(err instanceof DataImportError, String(err));
  assert.equal(err.kind, 'no-gene-columns');
  assert.match(
    err.message,
    /^t\.csv, line 2, column 3 \("G1"\): no numeric \(gene\) columns were found\. .*values such as "5\.1" \(column "G1"\) use a decimal point, but the file was read with ',' as the decimal separator: read it with '\.' \(--decimal dot\), or leave --decimal out to have it detected\.$/,
  );
  assert.match(
    err.appMessage ?? '',
    /read it with '\.' \(Import settings ▸ Decimal separator: dot \(1\.25\)\), or choose auto\.$/,
  );
  assert.doesNotMatch(err.appMessage ?? '', /--/);
});
