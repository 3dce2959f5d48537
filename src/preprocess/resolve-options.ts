/** Fills in defaults and decides the 'auto' switches of `PreprocessOptions` for one matrix. */
import type { ExpressionMatrix } from '../api/matrix.js';
import { OPTION_SCHEMA, type OptionKeyIn, type OptionValue } from '../api/option-schema.js';
import { PreprocessError } from './errors.js';
import { looksLikeCounts } from '../data/counts.js';
import type { ResolvedPreprocessOptions } from './types.js';
import type { PreprocessOptions } from '../api/preprocess-options.js';

// the defaults are the option schema's (src/api/option-schema.ts), which --help, the form and the README show
export const DEFAULT_TARGET_SUM: number = OPTION_SCHEMA.targetSum.default;
export const DEFAULT_TOP_GENES: number = OPTION_SCHEMA.topGenes.default;
export const DEFAULT_CLIP: number = OPTION_SCHEMA.clip.default;
export const DEFAULT_PCA_COMPONENTS: number = OPTION_SCHEMA.pcaComponents.default;

// Compile-time check that each schema preprocessing option has PreprocessOptions' type (fails otherwise).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesPreprocess: {
  [K in OptionKeyIn<'preprocess'>]-?: Same<NonNullable<PreprocessOptions[K]>, OptionValue<K>>;
} = {
  normalize: true,
  log1p: true,
  targetSum: true,
  topGenes: true,
  zscore: true,
  clip: true,
  pcaComponents: true,
};
void schemaMatchesPreprocess;

function nonNegativeInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0) {
    throw new PreprocessError(
      'bad-option',
      `preprocess option ${name} must be a whole number ≥ 0, got ${value}`,
    );
  }
  return value;
}

export function resolveOptions(
  matrix: ExpressionMatrix,
  options: PreprocessOptions = {},
): ResolvedPreprocessOptions {
  const reasons: string[] = [];
  let counts: boolean | undefined;
  const isCounts = (): boolean => (counts ??= looksLikeCounts(matrix));

  const normalize = options.normalize ?? 'auto';
  const log1p = options.log1p ?? 'auto';
  const resolvedNormalize = normalize === 'auto' ? isCounts() : normalize;
  const resolvedLog = log1p === 'auto' ? isCounts() : log1p;
  if (normalize === 'auto' || log1p === 'auto') {
    reasons.push(
      isCounts()
        ? 'values look like raw counts (non-negative integers): normalising and log1p'
        : 'values do not look like raw counts: no normalisation or log1p',
    );
  }

  const targetSum = options.targetSum ?? DEFAULT_TARGET_SUM;
  if (!(targetSum > 0) || !Number.isFinite(targetSum)) {
    throw new PreprocessError(
      'bad-option',
      `preprocess option targetSum must be a positive number, got ${targetSum}`,
    );
  }
  const clip = options.clip ?? DEFAULT_CLIP;
  if (Number.isNaN(clip) || clip < 0) {
    throw new PreprocessError('bad-option', `preprocess option clip must be ≥ 0 (0 disables), got ${clip}`);
  }
  const iterations = options.pcaIterations ?? 'auto';
  if (iterations !== 'auto') nonNegativeInteger('pcaIterations', iterations);

  return {
    normalize: resolvedNormalize,
    targetSum,
    log1p: resolvedLog,
    topGenes: nonNegativeInteger('topGenes', options.topGenes ?? DEFAULT_TOP_GENES),
    zscore: options.zscore ?? OPTION_SCHEMA.zscore.default,
    clip: clip === 0 || clip === Infinity ? null : clip,
    pcaComponents: nonNegativeInteger('pcaComponents', options.pcaComponents ?? DEFAULT_PCA_COMPONENTS),
    pcaIterations: iterations,
    seed: options.seed ?? 0,
    reasons,
  };
}
