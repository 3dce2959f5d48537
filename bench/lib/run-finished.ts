/** The end of a training run, for the benches that drive an engine (in process or through its worker). */
import type { EngineApi } from '../../src/api/engine-api.js';

/** Resolves when the engine's next run finishes; rejects with its error when it fails (listen before starting it). */
export function runFinished(engine: Pick<EngineApi, 'onEvent'>): Promise<void> {
  return new Promise((resolve, reject) => {
    const off = engine.onEvent((event) => {
      if (event.type === 'run-finished') resolve();
      else if (event.type === 'run-failed') reject(new Error(event.error.message));
      else return;
      off();
    });
  });
}

/**
 * Trains one epoch of `steps` steps on the open data's `labelColumn`, then asks for the run's predictions — the
 * memory benches' run, whose map and predictions the engine then holds as after a user's training.
 */
export async function trainAndPredict(
  engine: Pick<EngineApi, 'onEvent' | 'startTraining' | 'runPredictions'>,
  labelColumn: string,
  steps: number,
): Promise<void> {
  const done = runFinished(engine);
  await engine.startTraining({ labelColumn, epochs: 1, stepsPerEpoch: steps, snapshotEvery: 0 });
  await done;
  await engine.runPredictions();
}
