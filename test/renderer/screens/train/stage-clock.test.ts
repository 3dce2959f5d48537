import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createStageClock } from '../../../../renderer/screens/train/stage-clock.js';
import type { TrainingView } from '../../../../renderer/state.js';

const view = (stage: string, status: TrainingView['status'] = 'running', runId = 'r1') =>
  ({ runId, stage, status }) as TrainingView;

test('the stage clock restarts with each stage or run and ticks only while a run is active', () => {
  let now = 1_000;
  let timer: (() => void) | null = null;
  let stops = 0;
  const ticks: string[] = [];
  const clock = createStageClock(
    (t) => ticks.push(`${t.stage}@${clock.ms()}`),
    () => now,
    (run) => {
      timer = run;
      return () => {
        timer = null;
        stops++;
      };
    },
  );
  clock.see(view('preprocess'));
  now += 40_000;
  timer!();
  assert.deepEqual(ticks, ['preprocess@40000']);
  // the same stage again (another event of it) keeps the clock
  clock.see(view('preprocess'));
  assert.equal(clock.ms(), 40_000);
  clock.see(view('train'));
  assert.equal(clock.ms(), 0);
  now += 5_000;
  timer!();
  assert.deepEqual(ticks, ['preprocess@40000', 'train@5000']);
  clock.see(view('completed', 'finished'));
  assert.equal(timer, null);
  assert.equal(stops, 1);
  // a new run starts it again, from its own start
  clock.see(view('starting', 'running', 'r2'));
  assert.notEqual(timer, null);
  assert.equal(clock.ms(), 0);
  // the training stage's own progress events move the page: no tick while it lasts
  clock.see(view('training', 'running', 'r2'));
  assert.equal(timer, null);
  clock.see(view('metrics', 'running', 'r2'));
  assert.notEqual(timer, null);
});
