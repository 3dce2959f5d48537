import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stageReporter } from '../../src/engine/stage-events.js';
import type { StageStep } from '../../src/api/stage-step.js';

test('stages always pass; steps pass when they change and else at most every interval', () => {
  const sent: string[] = [];
  let now = 0;
  const report = stageReporter(
    (stage, step?: StageStep) => sent.push(step ? `${stage}:${step.name}:${step.done}` : stage),
    1000,
    () => now,
  );
  report('preprocess');
  for (let done = 0; done < 10; done++) {
    report('preprocess', { name: 'library-sizes', done, total: 10 });
    now += 300;
  }
  report('preprocess', { name: 'gene-statistics', done: 0, total: 10 });
  report('split');
  report('train', { name: 'neighbours' });
  assert.deepEqual(sent, [
    'preprocess',
    'preprocess:library-sizes:0',
    'preprocess:library-sizes:4',
    'preprocess:library-sizes:8',
    'preprocess:gene-statistics:0',
    'split',
    'train:neighbours:undefined',
  ]);
});
