/**
 * The preprocessing switches a run takes (the page's form, the CLI flags and the engine share them).
 * Contract layer: no imports. The resolved options and the fitted recipe stay in src/preprocess/types.ts.
 */

/**
 * Which steps to run; each is optional. The options of the schema (all but pcaIterations and seed) take the
 * values src/api/option-schema.ts allows, which the engine checks by it as the CLI and the page do.
 */
export interface PreprocessOptions {
  /** Library-size normalisation to `targetSum` per cell. Default: 'auto' (on when values look like raw counts). */
  normalize?: boolean | 'auto';
  /** Target total per cell for normalisation. Default 10 000. */
  targetSum?: number;
  /** log1p after normalisation. Default: 'auto' (on when values look like raw counts). */
  log1p?: boolean | 'auto';
  /**
   * Keep the N most variable genes, ranked by the variance of the (normalised, log) values; 0 keeps all.
   * Default 2 000 (a no-op with fewer genes).
   */
  topGenes?: number;
  /**
   * Per-gene z-score (population standard deviation). Default true; a training run on an h5ad embedding
   * (obsm:NAME) leaves it off unless given, as its dimensions' scales are its structure (run-training.ts).
   */
  zscore?: boolean;
  /** Clip z-scores to ±clip; 0 disables clipping. Default 10. */
  clip?: number;
  /** PCA to K components; 0 skips PCA. Default 50 (a no-op with ≤ 50 genes). */
  pcaComponents?: number;
  /**
   * Power (subspace) iterations of the randomised PCA. Default 'auto': 7 when K < 10% of min(cells, genes),
   * else 4 (scikit-learn's rule).
   */
  pcaIterations?: number | 'auto';
  /** Seed for PCA's randomised start. Default 0. */
  seed?: number;
}
