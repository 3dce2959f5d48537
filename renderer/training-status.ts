/**
 * The status bar's words for a training run: which epoch of how many, and the time left as the engine
 * estimates it from the measured step times ("training: epoch 2 of 30 · about 2 min left"). Pure, so the
 * wording is unit-tested.
 */
import { remainingWords } from '../src/api/remaining-time.js';
import type { TrainingView } from './state.js';

export function trainingStatusText(t: TrainingView): string {
  if (t.status === 'stopping') return 'stopping training…';
  if (!t.epochs) return `training: ${t.stage}`;
  return `training: epoch ${t.epoch} of ${t.epochs} · ${remainingWords(t)}`;
}
