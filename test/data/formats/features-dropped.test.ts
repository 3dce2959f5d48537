// The features of a Cell Ranger file that are not gene expression: one sentence for the folder and the .h5.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { join } from 'node:path';
import { importTable } from '../../../src/data/index.js';
import { featuresDroppedWarning } from '../../../src/data/formats/features-dropped.js';
import { packageRoot } from '../../../src/util/paths.js';

const FORMATS = join(packageRoot(), 'test', 'fixtures', 'formats');

test('featuresDroppedWarning: one feature, several types, large counts grouped', () => {
  assert.equal(
    featuresDroppedWarning(new Map([['Antibody Capture', 1]]), 30).message,
    '1 feature that is not Gene Expression was left out (Antibody Capture: 1); 30 genes kept.',
  );
  assert.equal(
    featuresDroppedWarning(
      new Map([
        ['Antibody Capture', 17],
        ['CRISPR Guide Capture', 1200],
      ]),
      33538,
    ).message,
    '1\u202f217 features that are not Gene Expression were left out (Antibody Capture: 17, CRISPR Guide Capture: 1\u202f200); 33\u202f538 genes kept.',
  );
});

// A walkthrough: the folder said "1 feature(s) that are not Gene Expression were left out (Antibody Capture: 1)",
// the .h5 '2 features that are not "Gene Expression" were left out (2 Antibody Capture).'
test('a Cell Ranger .h5 and folder say it in the same words', async () => {
  const pattern =
    /^\d+ features? that (is|are) not Gene Expression (was|were) left out \(Antibody Capture: \d+\); 30 genes kept\.$/;
  for (const file of ['tenx-v3.h5', 'tenx_v3']) {
    const table = await importTable(join(FORMATS, file));
    const warning = table.warnings.find((w) => w.code === 'features-dropped');
    assert.match(warning?.message ?? '', pattern, file);
  }
});
