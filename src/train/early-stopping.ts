/**
 * When to stop before the last epoch: `patience` epochs in a row without a real improvement of the epoch
 * loss, or with (next to) no active triplet. Pure bookkeeping over the epoch summaries; no tensors.
 * While the loss itself is still being reweighted (the graph term's weight schedule, `graphWeightEnd`), its
 * trend says nothing about convergence, so the first `holdEpochs` epochs never stop the run and patience is
 * counted only from the epoch after them (issue 13: margin-2 digits runs stopped at epoch 11–12 of 30 while
 * the weight was still rising, and only the full schedule won trustworthiness).
 */

/** An epoch must lower the best loss by this fraction to count as an improvement for early stopping. */
export const MIN_RELATIVE_IMPROVEMENT = 0.01;

/**
 * An epoch whose mean share of active triplets is below this learns (next to) nothing: every triplet already
 * satisfies the margin. `patience` such epochs in a row stop the run early, whatever the loss does — on a
 * 30 000-cell table the loss of the few remaining active triplets kept falling by > 1 % an epoch, so the
 * loss rule alone ran all 30 epochs at "0 %" active (issue 10). 1 in 10 000 is far below any epoch of a run
 * that is still learning (the PBMC sample ends its runs at several percent).
 */
export const INACTIVE_FRACTION = 1e-4;

/**
 * Creates the rule for a run of `epochs` epochs; 0 patience never stops early. Epochs 1…`holdEpochs`
 * (default 0: none) neither stop the run nor count towards patience; the loss of the last of them is the
 * best to beat afterwards.
 */
export function earlyStopping(
  patience: number,
  epochs: number,
  holdEpochs = 0,
): (epoch: number, loss: number, activeFraction: number) => string | undefined {
  let best = Infinity;
  let sinceBest = 0;
  let inactiveEpochs = 0;
  /** Called after each epoch; returns why to stop now, or undefined to go on. */
  return (epoch, loss, activeFraction) => {
    if (epoch <= holdEpochs) {
      best = loss;
      return undefined;
    }
    inactiveEpochs = activeFraction < INACTIVE_FRACTION ? inactiveEpochs + 1 : 0;
    if (patience > 0 && inactiveEpochs >= patience && epoch < epochs) {
      return `Stopped early at epoch ${epoch}: no triplet was active for ${patience} epochs (every triplet already met the margin), so further epochs could not change the map`;
    }
    if (loss < best * (1 - MIN_RELATIVE_IMPROVEMENT) || best === Infinity) {
      best = loss;
      sinceBest = 0;
    } else if (patience > 0 && ++sinceBest >= patience && epoch < epochs) {
      return `Stopped early at epoch ${epoch}: the loss has not improved for ${patience} epochs`;
    }
    return undefined;
  };
}
