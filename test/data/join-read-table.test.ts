// A metadata file joined to a table already read (src/data/join-read-table.ts) is the table importTable reads
// with that metadata file — every format, warnings in the same order — while sharing the read table's matrix
// and leaving the read table as it was. The engine session joins this way so that Import's metadata join holds
// one matrix, not the loaded one and a second read of it (bench/README "Replacing the loaded data").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DataImportError } from '../../src/data/errors.js';
import { importTable } from '../../src/data/index.js';
import { joinToReadTable } from '../../src/data/join-read-table.js';
import type { ImportWarning } from '../../src/data/types.js';
import { packageRoot } from '../../src/util/paths.js';
import { tempDir } from '../cli/helpers.js';

const FIXTURES = join(packageRoot(), 'test', 'fixtures');
const FORMATS = join(FIXTURES, 'formats');
const META = join(FORMATS, 'cells_meta.csv');

for (const file of ['cells.csv', 'csr.h5ad', 'cells.loom', 'tenx-v3.h5', 'tenx_v3']) {
  test(`${file}: joined after the read, as importTable joins it while reading`, async () => {
    const read = await importTable(join(FORMATS, file));
    const before = { metadata: [...read.metadata], warnings: [...read.warnings] };
    const joined = await joinToReadTable(read, META);
    const again = await importTable(join(FORMATS, file), { metaFile: META });
    assert.deepEqual(joined, again);
    assert.ok(joined.metadata.length > read.metadata.length, 'columns joined');
    assert.equal(joined.values, read.values, 'the matrix is shared, not copied');
    assert.deepEqual(
      { metadata: read.metadata, warnings: read.warnings },
      before,
      'the read table is unchanged',
    );
  });
}

test("the empty-cells warning stays after the join's warnings, where importTable puts it", async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const data = join(dir, 'data.csv');
    const meta = join(dir, 'meta.csv');
    await writeFile(data, 'id,A,B\nc1,1,2\nc2,0,0\nc3,3,0\n');
    await writeFile(meta, 'id,donor\nc1,d1\nc2,d2\n');
    const joined = await joinToReadTable(await importTable(data), meta);
    assert.deepEqual(joined, await importTable(data, { metaFile: meta }));
    assert.deepEqual(joined.warnings.map((w) => w.code).slice(-2), ['metadata-join', 'empty-cells']);
  } finally {
    await cleanup();
  }
});

test("an h5ad's decimal separator chosen with the metadata file is noted as importTable notes it", async () => {
  const file = join(FORMATS, 'csr.h5ad');
  const joined = await joinToReadTable(await importTable(file), META, { decimal: ',' });
  assert.deepEqual(joined, await importTable(file, { metaFile: META, decimal: ',' }));
  assert.ok(joined.warnings.some((w) => w.code === 'metadata-decimal-chosen'));
});

test("the join's own warnings are reworded, the read table's kept as they were", async () => {
  const read = await importTable(join(FORMATS, 'csr.h5ad'));
  const marked = (warnings: ImportWarning[]) =>
    warnings.map((w) => ({ ...w, message: `joined: ${w.message}` }));
  const joined = await joinToReadTable(read, META, { wordWarnings: marked });
  const added = joined.warnings.slice(read.warnings.length);
  assert.ok(added.length > 0);
  assert.ok(added.every((w) => w.message.startsWith('joined: ')));
  assert.deepEqual(joined.warnings.slice(0, read.warnings.length), read.warnings);
});

test('a refused join leaves the read table as it was', async () => {
  const read = await importTable(join(FORMATS, 'csr.h5ad'));
  const names = read.metadata.map((m) => m.name);
  const warnings = read.warnings.length;
  await assert.rejects(
    joinToReadTable(read, join(FIXTURES, 'bad', 'metadata-no-match.csv')),
    (err: unknown) => {
      assert.ok(err instanceof DataImportError);
      assert.equal(err.kind, 'metadata-file');
      return true;
    },
  );
  // an expression file given as the metadata file is refused as importTable refuses it
  await assert.rejects(joinToReadTable(read, join(FORMATS, 'dense.h5ad')), /metadata/);
  assert.deepEqual(
    read.metadata.map((m) => m.name),
    names,
  );
  assert.equal(read.warnings.length, warnings);
});
