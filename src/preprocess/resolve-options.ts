/** Fills in defaults and decides the 'auto' switches of `PreprocessOptions` for one matrix. */
import type { ExpressionMatrix } from '../api/matrix.js';
import { checkGivenOptions } from '../api/option-resolve.js';
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

/** pcaIterations, an engine-only option (not in the schema: no face sets it): a whole number ≥ 0. */
function nonNegativeInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0) {
    throw new PreprocessError(
      'bad-option',
      `preprocess option ${name} must be a whole number ≥ 0, got ${value}`,
    );
  }
  return value;
}

/**
 * `options` with the defaults filled in and 'auto' decided for `matrix`. The schema's options are checked by
 * the schema's one definition (`checkGivenOptions`: an OptionError naming the CLI's flag and the page's
 * field), so a value the CLI, the page and the API refuse is refused here too and none they accept is: the
 * engine's own checks were looser (a target sum of 0.5, 10⁹ genes or PCA components, an infinite clip) and
 * worded otherwise ("preprocess option clip must be ≥ 0").
 */
export function resolveOptions(
  matrix: ExpressionMatrix,
  options: PreprocessOptions = {},
): ResolvedPreprocessOptions {
  checkGivenOptions(['preprocess'], options);
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

  const clip = options.clip ?? DEFAULT_CLIP;
  const iterations = options.pcaIterations ?? 'auto';
  if (iterations !== 'auto') nonNegativeInteger('pcaIterations', iterations);

  return {
    normalize: resolvedNormalize,
    targetSum: options.targetSum ?? DEFAULT_TARGET_SUM,
    log1p: resolvedLog,
    topGenes: options.topGenes ?? DEFAULT_TOP_GENES,
    zscore: options.zscore ?? OPTION_SCHEMA.zscore.default,
    clip: clip === 0 ? null : clip,
    pcaComponents: options.pcaComponents ?? DEFAULT_PCA_COMPONENTS,
    pcaIterations: iterations,
    seed: options.seed ?? 0,
    reasons,
  };
}
