/**
 * The Wilcoxon rank-sum statistic of one gene from its non-zero values only: zeros (usually most of a
 * single-cell gene) are one block of tied ranks whose size is known from the group sizes, so only the stored
 * values are sorted. Ranks are 1-based and ties get their average rank, as scipy's `rankdata`.
 */
import { twoSidedP } from './normal-tail.js';

/** The rank sum of group A and the ties' Σ(t³ − t), over A ∪ B. */
export interface RankSum {
  /** Sum of the ranks of A's cells among A ∪ B. */
  rankSumA: number;
  /** Σ over groups of tied values of t³ − t (the tie correction's numerator). */
  ties: number;
}

/**
 * Rank sum of A from A's and B's non-zero values, each sorted ascending (NaN-free), and the number of zeros
 * in each group. Negative values rank below the zeros, positive ones above.
 */
export function rankSum(a: Float32Array, b: Float32Array, zerosA: number, zerosB: number): RankSum {
  let i = 0;
  let j = 0;
  let below = 0; // values ranked so far
  let rankSumA = 0;
  let ties = 0;
  let zerosDone = zerosA + zerosB === 0;
  const block = (inA: number, inB: number): void => {
    const t = inA + inB;
    // ranks below + 1 … below + t, average below + (t + 1) / 2
    rankSumA += inA * (below + (t + 1) / 2);
    if (t > 1) ties += t * t * t - t;
    below += t;
  };
  while (i < a.length || j < b.length) {
    const v = i < a.length && (j >= b.length || a[i] <= b[j]) ? a[i] : b[j];
    if (!zerosDone && v > 0) {
      block(zerosA, zerosB);
      zerosDone = true;
    }
    let inA = 0;
    let inB = 0;
    while (i < a.length && a[i] === v) {
      i++;
      inA++;
    }
    while (j < b.length && b[j] === v) {
      j++;
      inB++;
    }
    block(inA, inB);
  }
  if (!zerosDone) block(zerosA, zerosB);
  return { rankSumA, ties };
}

/** z-score and two-sided p-value of a rank sum. */
export interface RankTest {
  z: number;
  p: number;
}

/**
 * The normal approximation without continuity correction: z = (R_A − n_A(n + 1)/2) / σ with
 * σ² = n_A n_B (n + 1)/12 · (1 − Σ(t³ − t)/(n³ − n)) when `tieCorrect` (scipy's mannwhitneyu, scanpy's
 * tie_correct=True), else without the bracket (scanpy's default). A gene whose values are all tied (σ = 0)
 * gets z = 0 and p = 1, as scanpy replaces its NaN.
 */
export function rankTest(sum: RankSum, nA: number, nB: number, tieCorrect: boolean): RankTest {
  const n = nA + nB;
  const correction = tieCorrect ? 1 - sum.ties / (n * n * n - n) : 1;
  const variance = ((nA * nB * (n + 1)) / 12) * correction;
  if (!(variance > 0)) return { z: 0, p: 1 };
  const z = (sum.rankSumA - (nA * (n + 1)) / 2) / Math.sqrt(variance);
  return { z, p: twoSidedP(z) };
}
