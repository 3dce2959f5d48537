/**
 * The engine's events that end its projection (Explore ▸ Project another file), for the upload store to delete
 * a projected upload kept for a crash replay (upload-store.ts) once no replay can need it: a finished run's map
 * replaces the one the cells were on (the engine forgets them), a crash did not bring them back.
 */
import type { EngineApi, EngineEvent } from '../api/engine-api.js';
import type { UploadStore } from './upload-store.js';

/** The projection `event` says the engine no longer holds: its id, null for whichever, undefined for none. */
export function projectionEnded(event: EngineEvent): string | null | undefined {
  switch (event.type) {
    case 'run-finished':
      return null;
    case 'worker-exit':
      return event.lostProjection;
    case 'replay-incomplete':
      return event.projectionId;
    default:
      return undefined;
  }
}

/**
 * Releases the uploads of each projection `engine`'s events end; a deletion that fails goes to `onError`.
 * Returns the function that stops listening.
 */
export function releaseEndedProjections(
  engine: EngineApi,
  uploads: UploadStore,
  onError: (err: unknown) => void,
): () => void {
  return engine.onEvent((event) => {
    const ended = projectionEnded(event);
    if (ended !== undefined) uploads.releaseProjection(ended).catch(onError);
  });
}
