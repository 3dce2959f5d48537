/**
 * The training objective as one switch (issue 13): `objective` 'triplet' is the plain triplet map, and
 * 'neighbourhoods' turns on the terms that keep input-space neighbourhoods with the settings measured best for
 * them (bench/README.md, "Neighbour-graph term"; docs/objective.md), chosen from the size of the training split
 * as the regime is. 'graph', 'order' and 'order-wide' force one of the three recipes. A setting the user gave
 * explicitly always wins over the recipe, and the recipe wins over the small regime's.
 */
import type { OPTION_SCHEMA } from '../api/option-schema.js';
import type { TrainOptions } from '../train/index.js';
import { resolveStepBudget } from '../train/step-budget.js';
import type { Regime } from './regime.js';
import { fillUnset } from './fill-unset.js';

/** The option's values (the schema lists them). */
export type Objective = (typeof OPTION_SCHEMA.objective.choices)[number];

/** The recipe a run used: 'graph', 'order' or 'order-wide', or null for the plain triplet map. */
export type ObjectiveRecipe = 'graph' | 'order' | 'order-wide' | null;

type RecipeOptions = Partial<TrainOptions> & { classEvidence?: number };

/**
 * The graph recipe: parametric UMAP's graph term on a schedule (weight 1 → 250 after a 200-step warm-up),
 * margin 4, light order and class-ratio terms, ivis's classifier on the map, and a 12-epoch polish at a small
 * step without the graph term; no class evidence (beside these terms it cost pbmc68k and digits
 * trustworthiness). pbmc68k seeds 0–7: held-out kNN-5 0.786–0.843 (mean 0.818), silhouette 0.544–0.590,
 * trustworthiness 0.918–0.925; tissue seeds 0–2: 1.000 / 0.857–0.887 / 0.951–0.953. The class-ratio weight 3
 * (was 2), the classifier and the longer, slower polish raised pbmc68k's silhouette from 0.489–0.519 (below its
 * bar of 0.528 on every seed) at the same mean kNN-5 and 0.003 less trustworthiness.
 */
export const GRAPH_RECIPE: Readonly<RecipeOptions> = {
  graphWeight: 1,
  graphWeightEnd: 250,
  graphWarmupSteps: 200,
  graphTargetWeight: 0,
  margin: 4,
  epochs: 50,
  orderWeight: 3,
  classRatioWeight: 3,
  classifierWeight: 3,
  polishEpochs: 12,
  polishLearningRate: 0.0003,
  polishNeighbourShare: 0,
  classEvidence: 0,
};

/**
 * The order recipe: a strong within-class order term, the class-ratio term and ivis's classifier, margin 3,
 * 120 epochs without early stopping, no graph term and no class evidence. Seed 0: fashion-MNIST 0.862 / 0.481 /
 * 0.969 (kNN-5 and trustworthiness met, silhouette not), golub 1.000 / 0.872 / 0.855, digits 0.961 / 0.685 /
 * 0.959, tissue 1.000 / 0.731 / 0.966, pbmc68k 0.743 / 0.549 / 0.912.
 */
export const ORDER_RECIPE: Readonly<RecipeOptions> = {
  orderWeight: 15,
  classRatioWeight: 6,
  classifierWeight: 3,
  margin: 3,
  epochs: 120,
  patience: 0,
  classEvidence: 0,
};

/**
 * The order recipe on a wider network for longer: 3 × 256 SELU layers, `orderWeight` 18, 480 epochs, at most
 * 32 000 steps (fashion-MNIST's 480 epochs of 8 000 training cells are 30 240; a larger table stops at the cap,
 * so the cost stays near fashion-MNIST's: 32–35 CPU minutes on wasm). fashion-MNIST seeds 0 / 1: 0.868 / 0.577 /
 * 0.968 and 0.866 / 0.578 / 0.971, digits seeds 0 / 1 / 2: 0.964 / 0.651 / 0.971, 0.969 / 0.659 / 0.971 and
 * 0.967 / 0.657 / 0.971 — all three bars of each. On smaller tables it lost held-out cells: golub 0.875, tissue
 * 0.974 / 0.761 / 0.954 (seed 0), pbmc68k 0.800 / 0.793 / 0.786 (seeds 0–2; silhouette 0.66, trust 0.93).
 */
export const ORDER_WIDE_RECIPE: Readonly<RecipeOptions> = {
  ...ORDER_RECIPE,
  preset: [256, 256, 256],
  orderWeight: 18,
  epochs: 480,
  maxSteps: 32_000,
};

/**
 * The wide recipe's class-ratio weight on a table whose epochs its step budget cuts (at the default batch of
 * 128, above about 8 500 training rows; fashion-MNIST's 8 000 run all 480 epochs). The class-ratio term is what
 * draws each class together, and it acts a little on every step a cell is in: cut to 74 of its 480 epochs,
 * image_like_70000 (56 000 training rows) kept kNN-5 and trustworthiness but not the plain map's silhouette.
 * Seed 0, native, held-out kNN-5 / silhouette / trustworthiness at class-ratio weight 6 (the recipe's), 12, 18
 * and 24: 0.977 / 0.766 / 0.886, 0.977 / 0.828 / 0.886, 0.976 / 0.852 / 0.883, 0.974 / 0.864 / 0.868 (bars
 * 0.937 / 0.837 / 0.863): 18 meets all three with the widest margins. Not measured between 8 000 and 56 000
 * training rows; fashion-MNIST (not cut) with 12 gave 0.861 / 0.625 / 0.968 against 0.864 / 0.580 / 0.968.
 */
export const ORDER_WIDE_CUT_CLASS_RATIO_WEIGHT = 18;

/** Whether a run with these options reaches its step budget before its last epoch (the trainer's count). */
export function epochsCutByBudget(
  options: Pick<TrainOptions, 'epochs' | 'maxSteps' | 'batchSize' | 'stepsPerEpoch' | 'patience'>,
  trainRows: number,
): boolean {
  const { epochs = 1, batchSize = 1, maxSteps, stepsPerEpoch, patience } = options;
  // the sampler's epoch: every training row (labelled and unlabelled anchors) once a batch
  const perEpoch = stepsPerEpoch ?? Math.max(1, Math.ceil(trainRows / batchSize));
  return resolveStepBudget(maxSteps, trainRows, epochs, perEpoch, patience).maxSteps < epochs * perEpoch;
}

/**
 * Fewest training cells for which 'neighbourhoods' takes the wide order recipe. Measured on either side only:
 * pbmc68k (560 training cells) keeps more held-out cells with the graph recipe (seeds 0–2: 0.786 / 0.821 /
 * 0.807 against 0.800 / 0.793 / 0.786 with the wide one) at a third to a half of its CPU; digits (1 438)
 * meets its three bars on seeds 0–2 with the wide recipe and misses trustworthiness with the graph recipe
 * (0.958 / 0.954 / 0.953 against umap-learn's − 0.01: 0.961 / 0.964 / 0.959). Tissue (151) and golub lost
 * held-out cells with it.
 */
export const ORDER_MIN_TRAIN_CELLS = 1_000;

/** The recipe a run uses: the forced one, or by the split's size and regime for 'neighbourhoods'. */
export function chooseObjectiveRecipe(
  objective: Objective,
  trainCells: number,
  regime: Regime,
): ObjectiveRecipe {
  if (objective === 'triplet') return null;
  if (objective !== 'neighbourhoods') return objective;
  // the small regime turns the graph term off (its graph spans most of a table of tens of cells); the order
  // recipe met golub's three bars (38 samples), where the wide one lost a held-out sample
  if (regime === 'small') return 'order';
  return trainCells >= ORDER_MIN_TRAIN_CELLS ? 'order-wide' : 'graph';
}

const RECIPES: Readonly<Record<Exclude<ObjectiveRecipe, null>, Readonly<RecipeOptions>>> = {
  graph: GRAPH_RECIPE,
  order: ORDER_RECIPE,
  'order-wide': ORDER_WIDE_RECIPE,
};

/** The recipe's options. */
export function recipeOptions(recipe: ObjectiveRecipe): Readonly<RecipeOptions> {
  return recipe === null ? {} : RECIPES[recipe];
}

/**
 * `resolved` with the recipe's options in place of every option the user did not set in `given`, and the
 * options that count as chosen from now on (the user's and the recipe's), for the regime to keep. The wide
 * recipe takes ORDER_WIDE_CUT_CLASS_RATIO_WEIGHT when its epochs do not fit its step budget on `trainRows`
 * training rows (with the user's epochs, batch size and budget, where given).
 */
export function objectiveOptions<T extends object>(
  recipe: ObjectiveRecipe,
  resolved: T,
  given: object,
  trainRows = 0,
): { options: T; chosen: Record<string, unknown> } {
  const filled = fillUnset(recipeOptions(recipe), resolved, given);
  if (recipe !== 'order-wide' || !epochsCutByBudget(filled.options as Partial<TrainOptions>, trainRows))
    return filled;
  return fillUnset(
    { ...ORDER_WIDE_RECIPE, classRatioWeight: ORDER_WIDE_CUT_CLASS_RATIO_WEIGHT },
    resolved,
    given,
  );
}
