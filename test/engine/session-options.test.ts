/**
 * The engine session refuses a bad training request with the schema's OptionError message as an
 * 'invalid-request' (no run id, no run started), the same range the CLI and the form state — in the page's
 * words: the session is the page's engine, so an option is named by the Train screen's label, not its flag
 * nor its API name.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { join } from 'node:path';
import type { ImportSettings, TrainRequest } from '../../src/api/engine-api.js';
import { EngineError } from '../../src/api/errors.js';
import { EngineSession } from '../../src/engine/session.js';
import { packageRoot } from '../../src/util/paths.js';

const session = new EngineSession();
after(() => session.dispose());

test('a bad option is an invalid-request naming the page’s setting and its range; no run starts', async () => {
  await session.openFile({ kind: 'sample' });
  const cases: [Partial<TrainRequest>, RegExp][] = [
    [{ batchSize: 1 }, /^Batch size must be an integer from 2 to 100000; got 1$/],
    [{ seed: -1 }, /^Seed must be an integer from 0 to 4294967295; got -1$/],
    [{ snapshotEvery: -1 }, /^Update map every must be an integer from 0 to 1000; got -1$/],
    // the hold-out as the page shows it, a percentage
    [{ holdout: 0.95 }, /^Hold-out % must be a number from 0 to 90; got 95$/],
    [{ preprocess: { pcaComponents: 2.5 } }, /^PCA components must be an integer from 0 to 10000; got 2.5$/],
    [
      { loss: 'quadruplet', sampler: 'batch-all' },
      /quadruplet loss needs sampled quadruplets; set Triplet sampling to random/,
    ],
  ];
  for (const [options, message] of cases) {
    await assert.rejects(session.startTraining({ labelColumn: 'label', ...options }), (err: unknown) => {
      assert.ok(err instanceof EngineError);
      assert.equal(err.kind, 'invalid-request');
      assert.match(err.message, message);
      assert.doesNotMatch(err.message, /--|batchSize|pcaComponents|snapshotEvery/);
      return true;
    });
  }
  assert.equal((await session.getState()).activeRunId, null);
});

// The page reaches the importer through the session: an import setting a format cannot honour is refused in
// the page's words (Import settings ▸ Delimiter), not the CLI's (--delimiter), which the page has no field for.
test('an import setting the file cannot honour is refused naming the page’s setting, not the flag', async () => {
  const h5ad = join(packageRoot(), 'test', 'fixtures', 'formats', 'csr.h5ad');
  const cases: [ImportSettings, RegExp][] = [
    [{ delimiter: ';' }, /csr\.h5ad: Import settings ▸ Delimiter does not apply to an AnnData \.h5ad file/],
    [{ missing: 'zero' }, /: Import settings ▸ Missing values \(read as 0\) does not apply/],
    [{ orientation: 'genes-as-rows' }, /: Orientation: genes are rows \(transpose\) does not apply/],
  ];
  for (const [settings, message] of cases) {
    await assert.rejects(session.openFile({ kind: 'path', path: h5ad }, settings), (err: unknown) => {
      assert.ok(err instanceof EngineError);
      assert.equal(err.kind, 'invalid-request');
      assert.match(err.message, message);
      assert.doesNotMatch(err.message, /--[a-z]/);
      return true;
    });
  }
});

// A bad value of a text table's gene column: the page is told its Import settings field, not --missing.
test('a missing expression value is refused naming Import settings ▸ Missing values, not the flag', async () => {
  const csv = join(packageRoot(), 'test', 'fixtures', 'bad', 'missing-empty.csv');
  await assert.rejects(session.openFile({ kind: 'path', path: csv }), (err: unknown) => {
    assert.ok(err instanceof EngineError);
    assert.match(
      err.message,
      /missing-empty\.csv, line 3, column 4 .*\(Import settings ▸ Missing values: read as 0, leave the cell out or use the gene’s mean\)\.$/,
    );
    assert.doesNotMatch(err.message, /--missing|the app:/);
    return true;
  });
});
