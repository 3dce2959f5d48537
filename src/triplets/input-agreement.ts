/**
 * How well the labels separate in the input space: the leave-one-out kNN-5 accuracy of the labelled rows
 * among their input-space neighbours, read off the neighbour lists the sampler searched anyway (no extra
 * search). The trainer's automatic learning rate uses it (src/train/auto-learning-rate.ts): where classes
 * overlap in the input, a fast learning rate overfits the training labels.
 */

/** Neighbours that vote (the held-out metric's k). */
const VOTERS = 5;

/**
 * The share of labelled `anchors` whose 5 nearest labelled neighbours (from `index`, `k` a row, nearest
 * first, themselves excluded) vote for their own label (most votes; a tie goes to the label of the
 * nearest tied voter). On big tables the anchors are a seeded subset, which still gives an unbiased
 * estimate. Undefined when no anchor has a labelled neighbour.
 */
export function inputAgreement(
  labels: Int32Array,
  anchors: Int32Array,
  k: number,
  index: Int32Array,
): number | undefined {
  let scored = 0;
  let agreed = 0;
  anchors.forEach((row, a) => {
    if (labels[row] < 0) return;
    // the 5 nearest labelled neighbours, nearest first
    const voters: number[] = [];
    for (let j = 0; j < k && voters.length < VOTERS; j++) {
      const l = labels[index[a * k + j]];
      if (l >= 0) voters.push(l);
    }
    if (voters.length === 0) return;
    const count = (l: number) => voters.reduce((n, v) => n + (v === l ? 1 : 0), 0);
    const best = Math.max(...voters.map(count));
    const winner = voters.find((l) => count(l) === best);
    scored++;
    if (winner === labels[row]) agreed++;
  });
  if (scored === 0) return undefined;
  return agreed / scored;
}
