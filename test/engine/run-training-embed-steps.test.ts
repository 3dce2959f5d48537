/**
 * The embed stage after training says how far it is: a table of more rows than one slice of the encoder's
 * forward pass (EMBED_CHUNK) is embedded a slice at a time, each said as `onStage('embed', step)` — the CLI's
 * 'embedding every cell: the encoder, n of N cells' — where at 10^5 cells one silent stage line stood for
 * seconds; the map is the one `embed` gives in one go. A table of one slice says its stage only.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { StageStep } from '../../src/api/stage-step.js';
import { EMBED_CHUNK } from '../../src/model/embed-rows.js';
import { runTraining } from '../../src/engine/run-training.js';
import type { PipelineStage, TrainSettings } from '../../src/engine/types.js';
import { blobTable } from './helpers.js';

// a few steps: the embedding, not the training, is under test
// no class evidence: the encoder's input is then the run's input, embedded again below
const FAST: TrainSettings = {
  labelColumn: 'cell_type',
  epochs: 1,
  maxSteps: 3,
  seed: 7,
  stability: false,
  classEvidence: 0,
};

/** The embed stage's steps as given. */
function embedSteps(): { steps: StageStep[]; onStage: (stage: PipelineStage, step?: StageStep) => void } {
  const steps: StageStep[] = [];
  return { steps, onStage: (stage, step) => void (stage === 'embed' && step && steps.push(step)) };
}

test('a table of more rows than one slice is embedded slice by slice, each said as n of N rows', async () => {
  const table = blobTable({ classes: 3, perClass: 1500, genes: 8 });
  const rows = table.ids.length;
  assert.ok(rows > EMBED_CHUNK, 'more rows than one slice');
  const { steps, onStage } = embedSteps();
  const run = await runTraining(table, FAST, { onStage });
  try {
    assert.deepEqual(
      steps.map((s) => [s.name, s.done, s.total]),
      [
        ['encoder', 0, rows],
        ['encoder', EMBED_CHUNK, rows],
      ],
    );
    // the same map as the encoder's one-go embedding
    assert.deepEqual(run.encoder.embed(run.input).data, run.coords.data);
  } finally {
    run.encoder.dispose();
  }
});

test('a table of one slice says its embed stage only', async () => {
  const { steps, onStage } = embedSteps();
  const run = await runTraining(blobTable({ classes: 3, perClass: 30 }), FAST, { onStage });
  run.encoder.dispose();
  assert.deepEqual(steps, []);
});
