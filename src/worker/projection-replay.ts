/**
 * The crash replay's last step: the last projected file (Explore ▸ Project another file) projected again onto
 * the reopened session's map, under the id the page holds — or said lost when it cannot be.
 */
import type { Projection, WorkerRequest } from './loaded-calls.js';
import { sentence, type LostProjection } from './replay-outcome.js';
import { sourceLabel } from './worker-exit-facts.js';

/**
 * Projects `projection` again. The data is back whether or not it can: when it cannot (the file is gone), it
 * is returned as lost (its id, and a clause saying why) for the caller to forget — unless the worker died
 * meanwhile (`workerDied`), which fails the replay as any step does.
 */
export async function projectAgain(
  projection: Projection,
  request: WorkerRequest,
  workerDied: () => boolean,
): Promise<LostProjection | undefined> {
  const { source, settings, metadata, ids } = projection;
  try {
    await request('embedFile', [source, settings, metadata], ids);
    return undefined;
  } catch (err) {
    if (workerDied()) throw err;
    const reason = sentence(err instanceof Error ? err.message : String(err));
    return {
      id: ids.projection ?? '',
      why: `the projected ${projection.many} (${sourceLabel(source)}) could not be projected again: ${reason} Project the file again to show and export them.`,
    };
  }
}
