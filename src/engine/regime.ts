/**
 * The small-data regime (issue 13): tables of tens of samples with classes of 2–5 (bulk tumour panels) are
 * trained with settings measured on such tables (bench/tiny.ts, bench/README.md "Tiny tables"), chosen
 * automatically from the size of the training split; and a held-out estimate on too few cells is flagged.
 */
import type { TrainOptions } from '../train/index.js';
import { fillUnset } from './fill-unset.js';
import { SMALL_MAX_TRAIN_CELLS } from '../api/regime-words.js';
import { rowWords, type RowWords } from '../api/file-format.js';

/** 'auto' picks 'small' at up to SMALL_MAX_TRAIN_CELLS training cells and 'standard' above. */
export type Regime = 'standard' | 'small';
export const REGIMES = ['auto', 'standard', 'small'] as const;

/** Most labelled training cells for which 'auto' chooses the small-data regime (in api/, which words it). */
export { SMALL_MAX_TRAIN_CELLS };

/**
 * What the small regime changes (a setting the user gave explicitly always wins). Measured on golub and
 * tissue subsamples of 4–5 cells a class over seeds 0–7 (bench/README.md, "Tiny tables"): a smaller network
 * ([32, 32]: golub 0.81 against PCA-3D's 0.95), more steps per epoch, fewer epochs, no early stopping and
 * more neighbour triplets all did worse than the standard network, so the regime keeps it and turns
 * the neighbour-graph term off (its 15-neighbour graph spans most of a table of tens of samples, and with
 * 5 neighbours it lowered golub's kNN-5 to 0.92). The learning rate is the trainer's automatic one, whose
 * tables of up to 100 rows get their own rate (src/train/auto-learning-rate.ts). The class evidence stays
 * on, as on larger tables: it was off while training cells got cross-fitted evidence (five folds of a cell or
 * two a class: tissue, 4 a class, 0.771 → 0.667); from one model fitted on the genes it raised the three tiny
 * tables' mean held-out kNN-5 over seeds 0–15 from 0.953 / 0.839 / 0.771 to 1.000 / 0.893 / 0.813
 * (bench/README.md, "class evidence from the genes, without cross-fitting").
 */
export const SMALL_REGIME: Partial<TrainOptions> = {
  graphWeight: 0,
};

/** The regime a run uses: the requested one, or by size when 'auto'. */
export function chooseRegime(requested: (typeof REGIMES)[number], trainCells: number): Regime {
  if (requested !== 'auto') return requested;
  return trainCells <= SMALL_MAX_TRAIN_CELLS ? 'small' : 'standard';
}

/** The regime's trainer options over `resolved`, keeping every option the user set in `given`. */
export function regimeOptions<T extends object>(regime: Regime, resolved: T, given: object): T {
  if (regime === 'standard') return resolved;
  return fillUnset(SMALL_REGIME, resolved, given).options;
}

/** Fewest hold-out cells, and fewest per class, for a held-out accuracy to carry meaning. */
export const MIN_HOLDOUT_CELLS = 5;
export const MIN_HOLDOUT_PER_CLASS = 2;

/**
 * The note beside the held-out metrics of a run with `holdout` 0: they are n/a because no cell was held out
 * (a walkthrough: the summary read "held-out kNN-5 accuracy n/a" without saying why). `words`: what the
 * table's rows are called (`rowWords`); default cells.
 */
export function noHoldoutNote(words: RowWords = rowWords(undefined)): string {
  return `no hold-out (holdout 0): every labelled ${words.one} trained the map, so no ${words.one} is left to measure it on`;
}

/** noHoldoutNote in cells' words. */
export const NO_HOLDOUT_NOTE = noHoldoutNote();

/**
 * The note beside the held-out metrics of a run whose hold-out fraction `holdout` (> 0) held out no cell, or
 * undefined when some cell was held out. `cellsPerClass`: labelled cells of each class. The split holds out
 * round(labelled × holdout) cells and keeps every class's last cell in training — a class of 2's both below a
 * hold-out of 0.5 (src/evaluate/stratified-split.ts) —, so a bulk panel's classes of one or two samples, or a
 * small fraction of few cells, leave none to measure the map on (a
 * walkthrough: the summary read a bare "n/a"). `words`: what the table's rows are called (`rowWords`: a text
 * table's are rows); default cells.
 */
export function emptyHoldoutNote(
  holdout: number,
  cellsPerClass: readonly number[],
  holdoutPerClass: readonly number[],
  words: RowWords = rowWords(undefined),
): string | undefined {
  if (holdoutPerClass.some((n) => n > 0)) return undefined;
  const { one, many } = words;
  const labelled = cellsPerClass.reduce((s, n) => s + n, 0);
  const percent = `${+(holdout * 100).toFixed(2)}%`;
  const singles = cellsPerClass.every((n) => n <= 1);
  // classes of at most 2 below a hold-out of 0.5: the rounding never takes a pair's second training cell
  const pairs = !singles && Math.round(labelled * holdout) > 0;
  const why = singles
    ? `every class has a single labelled ${one}, and a class's last ${one} always trains`
    : pairs
      ? `every class has at most 2 labelled ${many}, and a class of 2 keeps both in training below a hold-out of 0.5 (one ${one} alone has no triplet positive)`
      : `${percent} of ${labelled} labelled ${labelled === 1 ? one : many} rounds to 0 ${many}`;
  const advice = singles
    ? `use a label column whose classes have at least 2 ${many}`
    : pairs
      ? `a class needs 3 labelled ${many} to lend one to the hold-out and still train on a pair`
      : `raise the hold-out or label more ${many}`;
  return `no ${one} held out (holdout ${holdout}): ${why}, so no ${one} is left to measure the map on; ${advice}`;
}

/** Classes a hold-out note names by name; more are counted. */
const THIN_CLASSES_NAMED = 3;

/**
 * A note to show beside the held-out metrics when the hold-out is too small to mean much, or undefined.
 * `holdoutPerClass`: hold-out cells of each class; `words` as in emptyHoldoutNote; `classNames` (in the same
 * order; default none) names the thin classes with their hold-out counts — a walkthrough on a panel with a
 * 2-sample class read "1 of 7 classes with fewer than 2 held-out rows" and could not tell which.
 */
export function holdoutNote(
  holdoutPerClass: readonly number[],
  words: RowWords = rowWords(undefined),
  classNames: readonly string[] = [],
): string | undefined {
  const { one, many } = words;
  const total = holdoutPerClass.reduce((s, n) => s + n, 0);
  if (total === 0) return undefined;
  const thin = holdoutPerClass.filter((n) => n < MIN_HOLDOUT_PER_CLASS).length;
  if (total >= MIN_HOLDOUT_CELLS && thin === 0) return undefined;
  const parts = [
    ...(total < MIN_HOLDOUT_CELLS ? [`only ${total} held-out ${total === 1 ? one : many}`] : []),
    ...(thin > 0
      ? [
          `${thin} of ${holdoutPerClass.length} classes with fewer than ${MIN_HOLDOUT_PER_CLASS} held-out ${many}` +
            thinClassList(holdoutPerClass, classNames),
        ]
      : []),
  ];
  return (
    `too small a hold-out for a reliable estimate (${parts.join('; ')}): one ${one} moves the accuracy by ` +
    `${(1 / total).toFixed(2)}; compare several seeds or use all ${many}`
  );
}

/**
 * ": placenta 0, ALL-T 1" — the thin classes by name with their hold-out counts, or '' without names; those
 * with the fewest first (stable), so the classes the hold-out does not measure at all are the ones named.
 */
function thinClassList(holdoutPerClass: readonly number[], classNames: readonly string[]): string {
  if (classNames.length !== holdoutPerClass.length) return '';
  const thin = holdoutPerClass
    .map((n, c) => ({ n, name: classNames[c] }))
    .filter(({ n }) => n < MIN_HOLDOUT_PER_CLASS)
    .sort((a, b) => a.n - b.n);
  const named = thin.slice(0, THIN_CLASSES_NAMED).map(({ n, name }) => `${name} ${n}`);
  return `: ${named.join(', ')}${thin.length > THIN_CLASSES_NAMED ? ', …' : ''}`;
}
