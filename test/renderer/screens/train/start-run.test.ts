import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DatasetSummary, EngineState, TrainRequest } from '../../../../src/api/engine-api.js';
import { startRun } from '../../../../renderer/screens/train/start-run.js';

const shown = { source: '/data/atlas.h5ad', metadataSource: null } as Pick<
  DatasetSummary,
  'source' | 'metadataSource'
>;
const request: TrainRequest = { labelColumn: 'cell_type' };

/** An engine that records the calls made of it, holding `held` (the shown data by default). */
function recordingEngine(calls: string[], held: typeof shown | null = shown) {
  return {
    getState: async () => {
      calls.push('getState');
      return { dataset: held, activeRunId: null, lastRun: null } as unknown as EngineState;
    },
    startTraining: async () => {
      calls.push('startTraining');
      return { runId: 'run-7' };
    },
  };
}

test('the live map’s labels are asked for only after the run has started and the page has its id', async () => {
  const calls: string[] = [];
  await startRun(
    {
      engine: recordingEngine(calls),
      started: (runId) => calls.push(`started ${runId}`),
      afterStart: () => calls.push('live labels'),
    },
    shown,
    request,
  );
  assert.deepEqual(calls, ['getState', 'startTraining', 'started run-7', 'live labels']);
});

test('a page whose data the engine no longer holds starts nothing and asks for nothing', async () => {
  const calls: string[] = [];
  const other = { source: '/data/other.csv', metadataSource: null } as typeof shown;
  await assert.rejects(
    startRun(
      {
        engine: recordingEngine(calls, other),
        started: () => calls.push('started'),
        afterStart: () => calls.push('live labels'),
      },
      shown,
      request,
    ),
    /no longer loaded/,
  );
  assert.deepEqual(calls, ['getState']);
});
