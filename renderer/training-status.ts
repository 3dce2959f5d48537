/**
 * The status bar's words for a training run: which epoch of how many, and the time left as the engine
 * estimates it from the measured step times ("training: epoch 2 of 30 · about 2 min left"); before the first
 * step the stage and its step as the Train screen says them ("training: preprocess: PCA, pass 3 of 9"). Pure, so
 * the wording is unit-tested. `words`: what the table's rows are called (`rowWords`), default cells.
 */
import { remainingWords } from '../src/api/remaining-time.js';
import { rowWords, type RowWords } from '../src/api/file-format.js';
import { stageStepText } from '../src/api/stage-step.js';
import type { TrainingView } from './state.js';

export function trainingStatusText(t: TrainingView, words: RowWords = rowWords(undefined)): string {
  if (t.status === 'stopping') return 'stopping training…';
  if (!t.epochs) return `training: ${t.stage}${t.stageStep ? `: ${stageStepText(t.stageStep, words)}` : ''}`;
  return `training: epoch ${t.epoch} of ${t.epochs} · ${remainingWords(t)}`;
}
