// Whether an h5ad's raw/X holds counts, from a bounded sample: the hint of a counts model's scale warning
// names raw/X only when it does (scale-mismatch.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { rawXHoldsCounts } from '../../../src/data/formats/raw-counts.js';
import { packageRoot } from '../../../src/util/paths.js';

const FORMATS = join(packageRoot(), 'test', 'fixtures', 'formats');

test('raw/X of counts is found; raw/X of log values, or none, is not', async () => {
  assert.equal(await rawXHoldsCounts(join(FORMATS, 'raw-counts.h5ad')), true);
  assert.equal(await rawXHoldsCounts(join(FORMATS, 'lognorm.h5ad')), true);
  // its raw/X holds log-normalised values
  assert.equal(await rawXHoldsCounts(join(FORMATS, 'hvg-raw.h5ad')), false);
  // no raw at all
  assert.equal(await rawXHoldsCounts(join(FORMATS, 'csr.h5ad')), false);
});
