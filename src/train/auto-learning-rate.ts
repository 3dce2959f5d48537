/**
 * The automatic learning rate (issue 15 goal 1 on the small tables): a fast rate where it is safe, the
 * usual one elsewhere. Measured over seeds 0–7 (bench/README.md, "Small tables: the learning rate"): at
 * 0.005 instead of 0.001 sklearn_digits reaches its final held-out kNN-5 in about a third of the epochs and
 * ends higher, tissue_gene_expression in about half; pbmc68k_reduced_lognorm, whose classes overlap in the
 * input (leave-one-out kNN-5 of its input ≈ 0.8), overfits its training labels at any rate above 0.001 and
 * ends lower. So the fast rate is used only on small tables whose labels separate in the input; bigger
 * tables (more steps an epoch, and the step budget above 50 000 rows) keep 0.001 as measured before.
 * Tables of up to 100 rows (the small regime's, golub_leukemia's 30 training cells) take a step an epoch,
 * and there 0.005 cost golub's seed 5 a hold-out cell; 0.003 kept every seed's final kNN-5 (seeds 0–7) and
 * reached it in about half the epochs (mean 6.25 → 3.5; bench/README.md, "Tiny tables: the warm-up and
 * the learning rate"). The tiny tables whose classes overlap in the input (tissue subsamples of 4–5 cells a
 * class: agreement 0.3–0.8) keep the base rate.
 */

/** The learning rate of tables that are big or whose classes overlap in the input. */
export const BASE_LEARNING_RATE = 0.001;

/** The learning rate of small tables whose classes separate in the input. */
export const FAST_LEARNING_RATE = 0.005;

/** The learning rate of tables of up to TINY_MAX_ROWS rows whose classes separate in the input. */
export const TINY_FAST_LEARNING_RATE = 0.003;

/** Most training rows that get the tiny tables' rate (the engine's small regime's bound, 100 cells). */
export const TINY_MAX_ROWS = 100;

/** Most training rows that get the fast rate. */
export const FAST_MAX_ROWS = 5000;

/** Least leave-one-out kNN-5 accuracy of the input (the sampler's inputAgreement) that gets the fast rate. */
export const SEPARABLE_AGREEMENT = 0.9;

/**
 * The learning rate for `rows` training rows whose labels agree with their input-space neighbours at
 * `agreement` (undefined: not known, e.g. no neighbour search, so the base rate).
 */
export function autoLearningRate(rows: number, agreement: number | undefined): number {
  const separable = agreement !== undefined && agreement >= SEPARABLE_AGREEMENT;
  if (!separable || rows > FAST_MAX_ROWS) return BASE_LEARNING_RATE;
  return rows <= TINY_MAX_ROWS ? TINY_FAST_LEARNING_RATE : FAST_LEARNING_RATE;
}
