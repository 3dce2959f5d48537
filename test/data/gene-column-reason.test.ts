// `train pbmc68k.csv --label label --meta MS4A1` was refused with 'Column "label" was read as a gene because
// most of its values are numbers' — a column of text, read as a gene because --meta lists exactly the
// metadata columns and left it out. The refusal says why the column is a gene: detected, left out of --meta,
// or at or after --genes-from; each side in its words.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DataImportError } from '../../src/data/errors.js';
import { importTable } from '../../src/data/import-table.js';
import type { ImportOptions } from '../../src/data/options.js';

const TABLE = ['id,label,batch,G1,G2', 'c1,T,1,1,2', 'c2,B,2,3,4', 'c3,T,1,5,x', 'c4,B,2,7,8', ''].join('\n');

async function refusal(options: ImportOptions): Promise<DataImportError> {
  const bytes = new TextEncoder().encode(TABLE);
  const err = await importTable({ name: 't.csv', bytes }, options).then(
    () => assert.fail('the import should have been refused'),
    (e: unknown) => e,
  );
  assert.ok(err instanceof DataImportError, String(err));
  assert.equal(err.kind, 'not-a-number');
  return err;
}

test('a text value in a gene column says why the column was read as a gene, on each side', async () => {
  const left = await refusal({ metaColumns: ['batch'] });
  assert.match(
    left.message,
    /^t\.csv, line 2, column 2 \("label"\): "T" is not a number\. Column "label" was read as a gene because --meta lists the metadata columns and not this one; if it holds text, add it to --meta, or choose a missing-value policy/,
  );
  assert.match(
    left.appMessage ?? '',
    /because Import settings ▸ Metadata columns lists the metadata columns and not this one; if it holds text, add it to Import settings ▸ Metadata columns, /,
  );
  assert.doesNotMatch(left.message, /most of its values are numbers/);

  const after = await refusal({ genesFrom: 'batch' });
  assert.match(
    after.message,
    /Column "G2" was read as a gene because --genes-from "batch" starts the genes \(that column and every one after it\); if it holds text, name it as metadata \(--meta\), or /,
  );
  assert.match(
    after.appMessage ?? '',
    /because Import settings ▸ Genes start at "batch" starts the genes .*\(Import settings ▸ Metadata columns\)/,
  );

  const detected = await refusal({});
  assert.match(
    detected.message,
    /Column "G2" was read as a gene because most of its values are numbers; if it holds text, name it as metadata \(--meta\), or /,
  );
  for (const err of [left, after, detected]) assert.doesNotMatch(err.appMessage ?? '', /--/);
});
