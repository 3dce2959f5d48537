/**
 * Project another file's Cancel after the read: the status bar's Cancel calls `cancelImport`, which stopped
 * only the file's read — at 10⁵ cells the recipe's passes, the encoder and the labels then ran on for ~20 s and
 * the projection was added anyway. The session aborts the projection's signal too, and its pace (and the last
 * check before the projection is held) ends the projection with this error: nothing added, the engine free.
 */
import { EngineError } from '../api/errors.js';

/**
 * What a projection cancelled after its read answers: said as a cancelled read is ("… cancelled before it
 * finished; nothing was loaded."), naming the file as the user knows it (`shown`).
 */
export function projectionCancelled(shown: string): EngineError {
  return new EngineError({
    kind: 'import',
    message: `${shown}: projection cancelled before it finished; nothing was added to the map.`,
    file: shown,
  });
}

/** Throws `projectionCancelled(shown)` once `signal` is aborted. */
export function throwIfProjectionCancelled(signal: AbortSignal, shown: string): void {
  if (signal.aborted) throw projectionCancelled(shown);
}
