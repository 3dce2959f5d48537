/**
 * The trainer's options. Their names, types, defaults, ranges and help live in the option schema
 * (src/api/option-schema.ts, scope 'trainer'); this module types them for the trainer and resolves them
 * through the schema's one resolver, so the trainer, engine, CLI and page accept exactly the same values.
 */
import { resolveOptions, type ResolvedOptions } from '../api/option-resolve.js';
import { OPTION_SCHEMA, type OptionValue, type OptionValues } from '../api/option-schema.js';
import type { DenseMatrix } from '../api/matrix.js';
import type { DistanceKind } from '../losses/distance-kinds.js';
import type { DenseGradientMode } from '../model/dense-gradient.js';
import type { EncoderPreset } from '../model/encoder-architecture.js';
import type { SamplerKind } from '../triplets/sampler-kinds.js';

export type LossKind = OptionValue<'loss'>;
export const LOSS_KINDS: readonly LossKind[] = OPTION_SCHEMA.loss.choices;
/** What happens to unlabeled rows: 'knn' trains them via input-space neighbours, 'exclude' leaves them out. */
export const UNLABELED_MODES = OPTION_SCHEMA.unlabeled.choices;

/** Every trainer option of the schema (see OPTION_SCHEMA for each one's default, range and meaning). */
export interface TrainOptions extends OptionValues<'trainer'> {
  /** Class names by index, used in warnings. Default "class <index>". */
  classNames?: readonly string[];
  /** What warnings call a row ('row'/'rows' for a text table's, which may be samples). Default cells. */
  rowWords?: { one: string; many: string };
  /**
   * The training rows (in x's order) in the space whose neighbours the sampler and the graph term search,
   * when that is not the encoder's input itself: the engine appends the class evidence to the input, and
   * "input-space neighbours" stay the expression's. Default: x.
   */
  neighbourSpace?: DenseMatrix;
  /**
   * Per input column, the standard deviation of Gaussian noise added to every training batch's rows (0: none;
   * the engine sets it on the class-evidence columns, `evidenceNoise`). Default: no noise.
   */
  inputNoise?: Float32Array;
}

/** The options with every default filled in (stepsPerEpoch stays unset unless given: the sampler's count). */
export type ResolvedTrainOptions = ResolvedOptions<'trainer'> &
  Pick<TrainOptions, 'classNames' | 'rowWords' | 'neighbourSpace' | 'inputNoise'>;

/** Default weight of the neighbour-graph (UMAP cross-entropy) term; see OPTION_SCHEMA.graphWeight. */
export const GRAPH_WEIGHT_DEFAULT = OPTION_SCHEMA.graphWeight.default;

// Compile-time check that the schema's choices are exactly the trainer's kinds (fails to typecheck otherwise).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesTrainer: [
  Same<OptionValue<'sampler'>, SamplerKind>,
  Same<OptionValue<'distance'>, DistanceKind>,
  Same<OptionValue<'preset'>, EncoderPreset>,
  Same<OptionValue<'denseGradient'>, 'auto' | DenseGradientMode>,
] = [true, true, true, true];
void schemaMatchesTrainer;

/** Fills in defaults and checks every option; a bad value is an OptionError naming it and its valid range. */
export function resolveTrainOptions(options: TrainOptions = {}): ResolvedTrainOptions {
  const { classNames, rowWords, neighbourSpace, inputNoise, ...given } = options;
  const resolved: ResolvedTrainOptions = resolveOptions(['trainer'], given);
  if (classNames) resolved.classNames = classNames;
  if (rowWords) resolved.rowWords = rowWords;
  if (neighbourSpace) resolved.neighbourSpace = neighbourSpace;
  if (inputNoise) resolved.inputNoise = inputNoise;
  return resolved;
}
