// A layer or embedding the file lacks was refused in words shared by both sides — 'there is no matrix
// "count" in this file', 'the input "obsm:X_pac" is not in this file' — where the CLI names its flags
// (--layer count, --input obsm:X_pac); the page, whose Matrix field lists the file's own, keeps them.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { importTable } from '../../src/data/import-table.js';
import { DataImportError, MissingEmbeddingError } from '../../src/data/errors.js';
import type { ImportOptions } from '../../src/data/options.js';
import { packageRoot } from '../../src/util/paths.js';

const FORMATS = join(packageRoot(), 'test', 'fixtures', 'formats');

async function refusal(file: string, options: ImportOptions): Promise<DataImportError> {
  const err = await importTable(join(FORMATS, file), options).then(
    () => assert.fail('the import should have been refused'),
    (e: unknown) => e,
  );
  assert.ok(err instanceof DataImportError, String(err));
  assert.equal(err.kind, 'no-such-matrix');
  return err;
}

test("a missing layer or embedding: the CLI's flag in message, the page's words in appMessage", async () => {
  const cases: [string, ImportOptions, RegExp, RegExp][] = [
    [
      'lognorm.h5ad',
      { layer: 'count' },
      /, dataset \/layers\/count: --layer count names no matrix of this file; it has: X, layers\/counts, raw\/X\. Did you mean "counts"\?$/,
      /: there is no matrix "count" in this file; it has: X, layers\/counts, raw\/X\. Did you mean "counts"\?$/,
    ],
    [
      'cells.loom',
      { layer: 'splice' },
      /: --layer splice names no matrix of this loom file; it has: .*Did you mean "spliced"\?$/,
      /: there is no matrix "splice" in this loom file; it has: .*Did you mean "spliced"\?$/,
    ],
    [
      'csr.h5ad',
      { input: 'obsm:X_pac' },
      /, dataset \/obsm\/X_pac: --input obsm:X_pac names no embedding of this file; it offers obsm:X_pca, obsm:X_umap \(or genes\)\. Did you mean "obsm:X_pca"\?$/,
      /: the input "obsm:X_pac" is not in this file; it offers obsm:X_pca, obsm:X_umap \(or genes\)\. Did you mean "obsm:X_pca"\?$/,
    ],
  ];
  for (const [file, options, cli, app] of cases) {
    const err = await refusal(file, options);
    assert.match(err.message, cli);
    assert.match(err.appMessage ?? '', app);
    assert.doesNotMatch(err.appMessage ?? '', /--/);
  }
});

test('a missing embedding says which one and what the file offers, for a refusal in its own words', async () => {
  const err = await refusal('csr.h5ad', { input: 'obsm:X_pac' });
  assert.ok(err instanceof MissingEmbeddingError);
  assert.equal(err.embedding, 'X_pac');
  assert.deepEqual([...err.offered].sort(), ['X_pca', 'X_umap']);
});
