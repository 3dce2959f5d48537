/**
 * The engine session refuses a bad training request with the schema's OptionError message as an
 * 'invalid-request' (no run id, no run started), the same range the CLI and the form state.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { TrainRequest } from '../../src/api/engine-api.js';
import { EngineError } from '../../src/api/errors.js';
import { EngineSession } from '../../src/engine/session.js';

const session = new EngineSession();
after(() => session.dispose());

test('a bad option is an invalid-request naming the option and its range; no run starts', async () => {
  await session.openFile({ kind: 'sample' });
  const cases: [Partial<TrainRequest>, RegExp][] = [
    [{ batchSize: 1 }, /^batchSize must be an integer from 2 to 100000; got 1$/],
    [{ seed: -1 }, /^seed must be an integer from 0 to 4294967295; got -1$/],
    [{ snapshotEvery: -1 }, /^snapshotEvery must be an integer from 0 to 1000; got -1$/],
    [{ preprocess: { pcaComponents: 2.5 } }, /^pcaComponents must be an integer from 0 to 10000; got 2.5$/],
    [{ loss: 'quadruplet', sampler: 'batch-all' }, /quadruplet loss needs sampled quadruplets/],
  ];
  for (const [options, message] of cases) {
    await assert.rejects(session.startTraining({ labelColumn: 'label', ...options }), (err: unknown) => {
      assert.ok(err instanceof EngineError);
      assert.equal(err.kind, 'invalid-request');
      assert.match(err.message, message);
      return true;
    });
  }
  assert.equal((await session.getState()).activeRunId, null);
});
