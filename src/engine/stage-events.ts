/**
 * A run's stage reports as the engine sends them (`train-stage` events): each stage as it starts, and the steps
 * within a stage whenever the step changes, else at most every `intervalMs` — preprocessing reports every block
 * of rows, hundreds a run, and a page needs a few a second.
 */
import type { StageStep } from '../api/stage-step.js';
import type { PipelineStage } from './types.js';

/** `onStage` for runTraining's hooks, passing on to `send` what is worth an event. `now`: default Date.now. */
export function stageReporter(
  send: (stage: PipelineStage, step?: StageStep) => void,
  intervalMs: number,
  now: () => number = Date.now,
): (stage: PipelineStage, step?: StageStep) => void {
  let last = { stage: '', name: '', at: -Infinity };
  return (stage, step) => {
    const t = now();
    if (step && stage === last.stage && step.name === last.name && t - last.at < intervalMs) return;
    last = { stage, name: step?.name ?? '', at: t };
    send(stage, step);
  };
}
