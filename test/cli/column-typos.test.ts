// A user walkthrough: `--label bulk_label` was answered "Did you mean 'bulk_labels'?", but a column, layer or
// embedding mistyped in the other import options (--id ID for a header's "id", --meta lovain, --layer count,
// --input obsm:X_pac) was refused with a list — cut at 12 columns of a 769-column header, so the one meant was
// often not even shown. Each refusal now names the nearest one when it is a typo away.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { packageRoot } from '../../src/util/paths.js';
import { runCli } from './helpers.js';

const FORMATS = join(packageRoot(), 'test', 'fixtures', 'formats');

test('a mistyped column, layer or embedding of an import option names the nearest one (exit 2)', async () => {
  const cases: [string[], RegExp][] = [
    [
      ['cells.csv', '--id', 'Cell_ID'],
      /names a column "Cell_ID" that is not in the header\. Did you mean "cell_id"\? Columns:/,
    ],
    [
      ['cells.csv', '--meta', 'cell_type,donr'],
      /names a column "donr" that is not in the header\. Did you mean "donor"\?/,
    ],
    [
      ['cells.csv', '--genes-from', 'CD79'],
      /names a column "CD79" that is not in the header\. Did you mean "CD79A"\?/,
    ],
    [
      ['lognorm.h5ad', '--meta', 'leidn'],
      /--meta "leidn" is not a metadata column .* Did you mean "leiden"\?$/m,
    ],
    [
      ['lognorm.h5ad', '--layer', 'count'],
      /--layer count names no matrix of this file; it has: X, layers\/counts, raw\/X\. Did you mean "counts"\?$/m,
    ],
    [
      ['csr.h5ad', '--input', 'obsm:X_pac'],
      /--input obsm:X_pac names no embedding of this file; it offers obsm:X_pca, obsm:X_umap \(or genes\)\. Did you mean "obsm:X_pca"\?$/m,
    ],
    [
      ['cells.loom', '--layer', 'splice'],
      /--layer splice names no matrix of this loom file; .* Did you mean "spliced"\?$/m,
    ],
  ];
  for (const [[file, ...options], expected] of cases) {
    const r = await runCli(['inspect', join(FORMATS, file), ...options]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, expected, `${file} ${options.join(' ')}`);
  }
  // nothing near: no guess
  const far = await runCli(['inspect', join(FORMATS, 'cells.csv'), '--id', 'barcode']);
  assert.equal(far.code, 2);
  assert.doesNotMatch(far.stderr, /Did you mean/);
});
