/**
 * The preprocessing contract. A fitted recipe holds every statistic it learnt (gene list, means, scales,
 * PCA loadings), is plain JSON, and re-applied to new data reproduces the same transformation.
 */

import type { PreprocessOptions } from '../api/preprocess-options.js';
import type { ClassEvidenceRecipe } from './class-evidence.js';

/** Moved to src/api (the contract layer); re-exported for code written before the move. New code imports from src/api. */
export type { PreprocessOptions };

/** The options after 'auto' and defaults are decided for one matrix. */
export interface ResolvedPreprocessOptions {
  normalize: boolean;
  targetSum: number;
  log1p: boolean;
  topGenes: number;
  zscore: boolean;
  /** null: no clipping. */
  clip: number | null;
  pcaComponents: number;
  pcaIterations: number | 'auto';
  seed: number;
  /** Why 'auto' settings came out as they did (for logs and the report). */
  reasons: string[];
}

/** The PCA part of a recipe. */
export interface PcaRecipe {
  /** Number of components K (the output width). */
  components: number;
  /** Column means of the PCA input (subtracted before projecting), one per gene of `genes`. */
  mean: number[];
  /** Loadings, genes × K row-major: score_k = Σ_g (x_g − mean_g) · loadings[g * K + k]. */
  loadings: number[];
  /** Variance (ddof 1) captured by each component, descending. */
  explainedVariance: number[];
  /** `explainedVariance` divided by the total variance of the PCA input. */
  explainedVarianceRatio: number[];
  seed: number;
  iterations: number;
}

/** A fitted preprocessing: plain JSON (JSON.stringify/parse round-trips it exactly). */
export interface PreprocessRecipe {
  format: 'tripletlens-preprocess';
  version: 1;
  /** Number of genes in the matrix the recipe was fitted on. */
  inputGenes: number;
  /** Number of cells the recipe was fitted on. */
  fittedRows: number;
  /** Library-size normalisation (totals over all genes of the matrix being processed), or null. */
  normalize: { targetSum: number } | null;
  log1p: boolean;
  /** Highly-variable-gene selection that was applied, or null when all genes were kept. */
  topGenes: { requested: number; ranking: 'variance' } | null;
  /** The genes kept, in input order; the columns the later steps see. */
  genes: string[];
  /** Mean of each kept gene after normalisation/log (the fill value for missing genes without z-score). */
  means: number[];
  /**
   * Population standard deviation of each kept gene when z-scoring, else null. 0 marks a constant gene,
   * whose z-score is 0.
   */
  scales: number[] | null;
  /**
   * Population standard deviation of each kept gene when not z-scoring (0 for a constant gene), else absent
   * (`scales` holds them then). Not used to transform: the scale check (engine/centring.ts) needs a yardstick
   * for `means` to tell whether the training input was centred per gene. Absent in recipes saved before it
   * was stored, and dropped for an embedding input (engine/run-training.ts): such a model's centring is not
   * judged.
   */
  spreads?: number[];
  /**
   * The training values' total per cell after expm1 — the target sum they were log-normalised to (scanpy's
   * `normalize_total` + `log1p`) over all their genes —, found when every cell's expm1 sum agreed
   * (`log-total.ts`): `embed --log-normalize` and Project another file ▸ Log-normalise counts scale a new
   * sample's counts to it. null: the training values were checked and share no total (only highly variable
   * genes kept, or not log-normalised). Absent: a recipe that normalised counts itself, one of an embedding
   * input, or one saved before it was recorded (such model folders still load).
   */
  logTotal?: number | null;
  /** Clipping of z-scores, or null. */
  clip: number | null;
  pca: PcaRecipe | null;
  /**
   * The class-evidence step fitted by a training run on its training cells (src/preprocess/class-evidence.ts):
   * its columns follow the PCA's (or the genes'). Absent or null: none (unsupervised recipes, older files).
   */
  classEvidence?: ClassEvidenceRecipe | null;
  /** Width of the output matrix (with the class-evidence columns). */
  outputColumns: number;
  /** Decisions worth a line in a log ('auto' outcomes, capped K…). */
  notes: string[];
}
