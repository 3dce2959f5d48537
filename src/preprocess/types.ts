/**
 * The preprocessing contract. A fitted recipe holds every statistic it learnt (gene list, means, scales,
 * PCA loadings), is plain JSON, and re-applied to new data reproduces the same transformation.
 */

/** Which steps to run; each is optional. */
export interface PreprocessOptions {
  /** Library-size normalisation to `targetSum` per cell. Default: 'auto' (on when values look like raw counts). */
  normalize?: boolean | 'auto';
  /** Target total per cell for normalisation. Default 10 000. */
  targetSum?: number;
  /** log1p after normalisation. Default: 'auto' (on when values look like raw counts). */
  log1p?: boolean | 'auto';
  /** Keep the N most variable genes; 0 keeps all. Default 2 000 (a no-op with fewer genes). */
  topGenes?: number;
  /** Per-gene z-score. Default true. */
  zscore?: boolean;
  /** Clip z-scores to ±clip. Default 10. */
  clip?: number;
  /** PCA to K components; 0 skips PCA. Default 50 (a no-op with ≤ 50 genes). */
  pcaComponents?: number;
  /** Seed for PCA's randomised start. Default 0. */
  seed?: number;
}
