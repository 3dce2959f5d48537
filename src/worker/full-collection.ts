/**
 * A full garbage collection for the engine worker, which the session runs after letting go of the open data's
 * marker rank index and its run's preprocessed input and before a read that may replace the data
 * (EngineSessionOptions.collectGarbage). V8 frees an ArrayBuffer's memory only when it collects it, and it did
 * not always do so before the new read had allocated its matrix: the read's peak then held two tables plus the
 * dropped index and input (at 2·10⁵ cells × 2 000 genes, 10 % stored, 0.2 GB more; bench/README "Replacing the
 * loaded data"). One collection costs far less than the read that follows it.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** V8's full collection, or undefined where it cannot be reached (then the session goes without). */
export function fullCollection(): (() => void) | undefined {
  try {
    // exposes `gc` to contexts made from now on; the worker's own global is left as it is
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    return typeof gc === 'function' ? () => void (gc as () => void)() : undefined;
  } catch {
    return undefined;
  }
}
