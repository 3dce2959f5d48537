/**
 * How a run ended, in the user's words: shared by `tripletlens train`'s summary and the app's finished-run line
 * (renderer/screens/explore-model.ts `stoppedText`), so neither prints the code ('early-stopping').
 */
import type { StoppedReason } from './progress.js';

/** Each way a run ends, said in a phrase. */
export const STOPPED_WORDS: Record<StoppedReason, string> = {
  completed: 'all epochs completed',
  'early-stopping': 'stopped early (loss no longer improving)',
  budget: 'stopped at the step budget',
  plateau: 'stopped when the validation score stopped improving',
  stopped: 'stopped by you',
  nan: 'stopped: loss became NaN',
};

/** True for the stops whose engine sentence says which rule fired (early stopping, budget, plateau). */
export function saysWhy(reason: StoppedReason): boolean {
  return reason === 'early-stopping' || reason === 'budget' || reason === 'plateau';
}

/**
 * Why a run stopped, in a phrase: the engine's own sentence when it says which rule fired ("stopped early at
 * epoch 25: the loss has not improved for 5 epochs", its first letter lower-cased to run on), else the reason's
 * words; an unknown reason (a report from a newer version) as it is.
 */
export function stoppedPhrase(reason: StoppedReason, message?: string): string {
  if (saysWhy(reason) && message) return message.charAt(0).toLowerCase() + message.slice(1);
  return (STOPPED_WORDS as Record<string, string | undefined>)[reason] ?? reason;
}
