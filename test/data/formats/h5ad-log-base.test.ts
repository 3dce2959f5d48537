// An h5ad's uns['log1p']['base'] (src/data/formats/h5ad-log-base.ts), read at import into
// ExpressionTable.log1pBase for the marker genes' fold change: scanpy's base=2 is 2, its None (an empty
// dataspace) and a file without uns['log1p'] are natural log (absent), and a base no log has — text — is left
// out with a warning naming the entry. Fixtures by test/fixtures/markers/make_log_base.py (scanpy).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { importTable } from '../../../src/data/index.js';
import { packageRoot } from '../../../src/util/paths.js';

const fixture = (...parts: string[]) => join(packageRoot(), 'test', 'fixtures', ...parts);

test("sc.pp.log1p(base=2)'s uns['log1p']['base'] is read as 2, without a warning", async () => {
  const table = await importTable(fixture('markers', 'log2.h5ad'));
  assert.equal(table.log1pBase, 2);
  assert.deepEqual(
    table.warnings.filter((w) => w.code === 'log1p-base-ignored'),
    [],
  );
});

test("base None (sc.pp.log1p's default) and no uns['log1p'] leave the base natural (absent)", async () => {
  for (const file of [fixture('markers', 'natural.h5ad'), fixture('formats', 'csr.h5ad')]) {
    const table = await importTable(file);
    assert.equal(table.log1pBase, undefined, file);
    assert.equal(
      table.warnings.some((w) => w.code === 'log1p-base-ignored'),
      false,
      file,
    );
  }
});

test('a base that is text is left out with a warning naming uns/log1p/base', async () => {
  const table = await importTable(fixture('markers', 'text-base.h5ad'));
  assert.equal(table.log1pBase, undefined);
  const warning = table.warnings.find((w) => w.code === 'log1p-base-ignored');
  assert.ok(warning, 'a warning says the base was not used');
  assert.match(warning.message, /uns\/log1p\/base was not used \(it is not a number\)/);
  assert.match(warning.message, /natural-log/);
});
