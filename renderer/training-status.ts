/**
 * The status bar's words for a training run: which epoch of how many, and the time left as the engine
 * estimates it from the measured step times ("training: epoch 2 of 30 · about 2 min left"); before the first
 * step the stage and its step as the Train screen says them ("training: preprocess: PCA, pass 3 of 9"), and
 * after the steps the step of a stage that says one ("training: metrics: kNN accuracy in the input space, 4 096
 * of 15 000 cells": the metrics took ~38 s at 10⁵ cells under a still "finishing"). Pure, so the wording is
 * unit-tested. `words`: what the table's rows are called (`rowWords`), default cells.
 */
import { remainingWords } from '../src/api/remaining-time.js';
import { rowWords, type RowWords } from '../src/api/file-format.js';
import { stageStepText } from '../src/api/stage-step.js';
import type { TrainingView } from './state.js';

/** The stages after the training steps (the engine's PipelineStage names). */
const AFTER_STEPS: ReadonlySet<string> = new Set(['embed', 'metrics', 'report']);

/**
 * What a stopping run still does once its training steps have ended, as " metrics: kNN accuracy in the input
 * space, 4 096 of 15 000 cells" ('' before): the metrics of a run stopped in its epochs take minutes at 10⁵
 * cells, under a Stop the Train screen offers as Skip metrics — the words say what it would cut short, and
 * that the run has not hung. After Skip metrics, that the metrics not yet computed are being skipped.
 */
export function stoppingStep(t: TrainingView, words: RowWords = rowWords(undefined)): string {
  if (t.status !== 'stopping' || !AFTER_STEPS.has(t.stage)) return '';
  if (t.stage === 'metrics' && t.skippingMetrics) return ' metrics: skipping those not yet computed';
  return ` ${t.stage}${t.stageStep ? `: ${stageStepText(t.stageStep, words)}` : ''}`;
}

export function trainingStatusText(t: TrainingView, words: RowWords = rowWords(undefined)): string {
  if (t.status === 'stopping') return `stopping training…${stoppingStep(t, words)}`;
  const step = t.stageStep ? `: ${stageStepText(t.stageStep, words)}` : '';
  if (!t.epochs || (step && AFTER_STEPS.has(t.stage))) return `training: ${t.stage}${step}`;
  return `training: epoch ${t.epoch} of ${t.epochs} · ${remainingWords(t)}`;
}
