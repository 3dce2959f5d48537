/**
 * Marker genes of a selection (EngineApi.markerGenes): which genes tell a group of cells from the rest, or
 * from a second group, by the Wilcoxon rank-sum test — the statistics of scanpy's
 * `rank_genes_groups(method='wilcoxon', tie_correct=True)` and of scipy's
 * `mannwhitneyu(use_continuity=False, method='asymptotic')`. Plain data for both transports; imports nothing
 * outside src/api.
 */
import type { CellRows } from './annotation.js';

/** What the group is compared with: every other cell, or a second set of cells. */
export type MarkerReference = 'rest' | CellRows;

/**
 * How the values as imported were logged, which decides their fold change: log1p in natural log (scanpy's
 * default), in base 2 or in base 10 — undone as scanpy's rank_genes_groups does, log2(expm1(mean · ln base)
 * + 1e-9) of each side — or 'log2': log2 values (microarray intensities), whose log2 fold change is the
 * difference of the group means, as limma gives it.
 */
export const VALUE_LOGS = ['log1p', 'log1p-base2', 'log1p-base10', 'log2'] as const;
export type ValueLog = (typeof VALUE_LOGS)[number];

/** Default number of genes a result lists. */
export const DEFAULT_MARKER_GENES = 100;
/** The most genes one result lists. */
export const MAX_MARKER_GENES = 50_000;

export interface MarkerRequest {
  /** The group's dataset rows (0-based, sorted ascending, no repeats — a CellRows). At least 1 cell. */
  group: CellRows;
  /**
   * What the group is compared with. Default 'rest' (every cell not in the group). Rows of a second group
   * that are also in `group` are left out of the reference (the result says how many).
   */
  reference?: MarkerReference;
  /** How many genes the result lists, best score first. Default {@link DEFAULT_MARKER_GENES}; at most MAX_MARKER_GENES. */
  genes?: number;
  /**
   * Tie-corrected variance of the rank sum (scipy's mannwhitneyu always corrects; scanpy's
   * rank_genes_groups does only with tie_correct=True). Default true. Sparse data ties every zero, so the
   * uncorrected z-scores are much smaller.
   */
  tieCorrect?: boolean;
  /**
   * How the values as imported were logged, for the fold change only (scores and p-values do not depend on
   * it); not used on counts, which the engine log1p's itself in natural log. Default: the file's
   * uns['log1p']['base'] when it has one (`MarkerResult.log1pBase`), else 'log1p' (natural, as scanpy).
   */
  valueLog?: ValueLog;
}

/** One gene of a marker result. */
export interface MarkerGene {
  gene: string;
  /** Wilcoxon rank-sum z-score of the group against the reference (positive: higher in the group). */
  score: number;
  /**
   * log2 fold change as scanpy computes it: log2(expm1(mean group) + 1e-9) − log2(expm1(mean reference) +
   * 1e-9), expm1(mean · ln base) for values log1p'd in another base (`MarkerResult.log1pBase`); mean group −
   * mean reference for log2 values (`MarkerResult.valueLog` 'log2').
   */
  logFoldChange: number;
  /** Two-sided p-value (normal approximation, no continuity correction). */
  pValue: number;
  /** Benjamini–Hochberg adjusted p-value over every gene tested. */
  pAdjusted: number;
  /** Fraction of group cells with a value > 0. */
  fractionGroup: number;
  /** Fraction of reference cells with a value > 0. */
  fractionReference: number;
  /** Mean normalised value in the group. */
  meanGroup: number;
  /** Mean normalised value in the reference. */
  meanReference: number;
}

export interface MarkerResult {
  /** The dataset the rows refer to. */
  datasetId: string;
  /** Cells in the group. */
  groupSize: number;
  /** Cells in the reference (after leaving out those also in the group). */
  referenceSize: number;
  /** 'rest' or 'cells' (a second group). */
  reference: 'rest' | 'cells';
  /** Reference rows left out because they were also in the group. */
  overlapRemoved: number;
  /** Genes tested (every gene the file had). */
  genesTested: number;
  tieCorrect: boolean;
  /**
   * The values the test ranked: 'log1p-normalised' (counts normalised to 10 000 per cell, then log1p) or
   * 'as-imported' (the file's values were already log or otherwise transformed).
   */
  values: 'log1p-normalised' | 'as-imported';
  /**
   * The log base the fold change takes values 'as-imported' to be log1p'd in: an h5ad's
   * uns['log1p']['base'] (`sc.pp.log1p(base=2)`), undone as scanpy's rank_genes_groups does — expm1(mean ·
   * ln base). Absent: natural log (scanpy's default; the engine's own log1p of counts is natural).
   */
  log1pBase?: number;
  /**
   * The request's `valueLog`, when it gave one and the values are as imported: the fold change took them so
   * ('log2': difference of the means; a log1p choice's base is also `log1pBase`). Absent: the default — the
   * file's log1p base, else natural.
   */
  valueLog?: ValueLog;
  /** The best genes, highest score first. */
  genes: MarkerGene[];
  /**
   * `genes` as CSV (header gene,score,logfoldchange,pval,pval_adj,pct_group,pct_reference,mean_group,
   * mean_reference,logfoldchange_log1p_base — 'e', `log1pBase`, or 'none (log2 values)' for `valueLog` 'log2'), escaped by the engine's one CSV writer, for
   * the page's Export.
   */
  csv: string;
}
