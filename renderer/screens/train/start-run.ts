/**
 * Start training's calls to the engine, in their order: check that the engine still holds the shown data,
 * start the run, tell the page its id — and only then fetch the labels the live map is coloured with. The
 * labels of 10⁵ cells are a reply of megabytes: asked for first, it sat in the engine worker's channel ahead
 * of the start reply while the run's first pass held the worker's event loop, so the page learnt the run's id
 * (and showed any of its stages) only after that pass — 16–55 s of an empty progress line on a laptop.
 */
import type { DatasetSummary, EngineApi, TrainRequest } from '../../../src/api/engine-api.js';
import { heldDataMismatch } from '../../held-data.js';

/** What starting a run needs from the page. */
export interface StartRunDeps {
  engine: Pick<EngineApi, 'getState' | 'startTraining'>;
  /** Called with the new run's id as soon as the engine answers (the page's 'training-started'). */
  started(runId: string): void;
  /** Called after `started`: what can wait until the run is under way (the live map's labels). */
  afterStart?(): void;
}

/** Starts `request` on the data `shown`; rejects (nothing started) when the engine holds other data. */
export async function startRun(
  deps: StartRunDeps,
  shown: Pick<DatasetSummary, 'source' | 'metadataSource'>,
  request: TrainRequest,
): Promise<void> {
  // another page on the same engine may have opened other data since: never train on a file not shown
  const held = await deps.engine.getState();
  const mismatch = heldDataMismatch(shown, held.dataset);
  if (mismatch !== null) throw new Error(mismatch);
  const { runId } = await deps.engine.startTraining(request);
  deps.started(runId);
  deps.afterStart?.();
}
