/**
 * train's one warning when `--max-memory` is below what the run will hold: the flag limits only the import
 * (memory-guard.ts), and a 200 000-cell run given --max-memory 300M used 2 GB without a word. The run is not
 * stopped: no limit is enforced on training, so none is pretended.
 */
import type { ExpressionMatrix } from '../api/matrix.js';
import type { PreprocessOptions } from '../api/preprocess-options.js';
import { formatBytes } from '../data/memory-guard.js';
import type { CliIo } from './io.js';
import { trainingMemoryFloor } from '../engine/training-memory.js';

/**
 * The warning (without "warning: ") when the run's memory floor (engine/training-memory.ts) is over
 * `maxMemoryBytes`; undefined when it is not, or when no --max-memory was given.
 */
export function trainingMemoryWarning(
  matrix: ExpressionMatrix,
  preprocess: PreprocessOptions | undefined,
  maxMemoryBytes: number | undefined,
): string | undefined {
  if (maxMemoryBytes === undefined) return undefined;
  const floor = trainingMemoryFloor(matrix, preprocess);
  if (floor <= maxMemoryBytes) return undefined;
  return `training will hold at least about ${formatBytes(floor)} (the matrix and its preprocessing, before TensorFlow's own), more than --max-memory ${formatBytes(maxMemoryBytes)}, which limits only the import: training goes on, not held to it`;
}

/** Says trainingMemoryWarning's warning on stderr, as a `warning:` line, when there is one. */
export function warnOverMaxMemory(
  matrix: ExpressionMatrix,
  preprocess: PreprocessOptions | undefined,
  maxMemoryBytes: number | undefined,
  io: Pick<CliIo, 'stderr'>,
): void {
  const warning = trainingMemoryWarning(matrix, preprocess, maxMemoryBytes);
  if (warning !== undefined) io.stderr(`warning: ${warning}\n`);
}
