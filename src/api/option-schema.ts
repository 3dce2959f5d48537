/**
 * The one option schema: every training and preprocessing option with its name, CLI flag, type, default,
 * range or choices, label and help text. Everything else is derived from it — the option types (below and
 * src/train/options.ts, src/engine/types.ts, TrainRequest), the resolver (src/api/option-resolve.ts), the CLI
 * parser and `train --help` (src/cli/train-args.ts, src/cli/train-help.ts), the page's fields
 * (renderer/train-fields.ts) and the README's option table (scripts/options-table.ts, checked by
 * `npm run lint`). Imports nothing: the page, the CLI's `--help` and the engine all load it.
 *
 * Scopes: 'trainer' options reach the encoder's trainer (src/train), 'run' options the engine's run around it
 * (split, regime, stability), 'request' options only the page's EngineApi request, and 'preprocess' options
 * the preprocessing (a default of 'auto' there is decided per matrix).
 */

export type OptionScope = 'trainer' | 'run' | 'request' | 'preprocess';

interface SpecBase {
  scope: OptionScope;
  /** The command-line flag without `--` (for a boolean, the one that turns it on); null: not on the CLI. */
  flag: string | null;
  /** The flag's value placeholder in `--help` (`--dims N`); derived from the type when absent. */
  metavar?: string;
  /** A short name for a form field or a table. */
  label: string;
  /** One line: what the option does (shown by `--help`, under the form field and in the README). */
  help: string;
  /** The default as a sentence fragment, when the value alone would not say it (e.g. computed defaults). */
  defaultText?: string;
}

/** A number within inclusive bounds (max may be Infinity), optionally whole numbers only. */
export interface NumberSpec extends SpecBase {
  kind: 'number';
  min: number;
  max: number;
  integer: boolean;
  /** null: computed by the engine when unset (see defaultText). */
  default: number | null;
  /** The default with a cosine or angular distance (the margin: those distances are at most 2). */
  directionalDefault?: number;
}

/** One of a fixed list of words. */
export interface ChoiceSpec extends SpecBase {
  kind: 'choice';
  choices: readonly string[];
  default: string;
}

/** On or off; `offFlag` is the CLI flag that turns a default-on option off (`--no-zscore`). */
export interface BooleanSpec extends SpecBase {
  kind: 'boolean';
  default: boolean;
  offFlag?: string;
}

/** On, off, or 'auto' (decided from the data); `flag` turns it on and `offFlag` off. */
export interface AutoBooleanSpec extends SpecBase {
  kind: 'auto-boolean';
  default: 'auto';
  offFlag: string;
}

/** A named network shape, or explicit hidden layer sizes (CLI: `256,128`). */
export interface LayersSpec extends SpecBase {
  kind: 'layers';
  choices: readonly string[];
  default: string;
  /** Bounds of each hidden layer size. */
  minSize: number;
  maxSize: number;
}

export type OptionSpec = NumberSpec | ChoiceSpec | BooleanSpec | AutoBooleanSpec | LayersSpec;

/** Cosine and angular distances are at most 2, so their margin default is smaller (see margin below). */
export const DIRECTIONAL_DISTANCES = ['cosine', 'angular'] as const;

/** Every option, in the order `--help`, the README table and the form list them. */
export const OPTION_SCHEMA = {
  dims: {
    scope: 'trainer',
    kind: 'number',
    flag: 'dims',
    label: 'Map dimensions',
    help: 'Output dimensions: 3 separates more classes, 2 is easier to print (the map shows 2 or 3).',
    min: 1,
    max: 10,
    integer: true,
    default: 3,
  },
  epochs: {
    scope: 'trainer',
    kind: 'number',
    flag: 'epochs',
    label: 'Epochs',
    help: 'Passes over the labelled cells, at most: training stops earlier when the loss stops improving.',
    min: 1,
    max: 1e6,
    integer: true,
    default: 30,
  },
  // 'auto' (unset) keeps small tables exactly as before: up to 50 000 training rows the budget is all the
  // epochs, so it never binds; above, it grows with √rows (bench/README.md "Training budget").
  maxSteps: {
    scope: 'trainer',
    kind: 'number',
    flag: 'max-steps',
    label: 'Step budget',
    help: 'Most training steps. Above 50 000 training rows training also stops when a validation kNN score stops improving (not with patience 0); 0: no budget, no validation stop (epochs only).',
    min: 0,
    max: 1e9,
    integer: true,
    default: null,
    defaultText:
      'auto: every epoch up to 50 000 training rows; above, epochs × steps per epoch × √(50 000 ÷ rows)',
  },
  batchSize: {
    scope: 'trainer',
    kind: 'number',
    flag: 'batch-size',
    label: 'Batch size',
    help: 'Triplets (random, balanced) or labelled cells (mining samplers) per step; larger is smoother.',
    min: 2,
    max: 1e5,
    integer: true,
    default: 128,
  },
  learningRate: {
    scope: 'trainer',
    kind: 'number',
    flag: 'learning-rate',
    label: 'Learning rate',
    help: 'Adam step size; lower it if the loss jumps around or becomes NaN.',
    min: 1e-9,
    max: 10,
    integer: false,
    default: null,
    defaultText:
      'auto: 0.003 up to 100 and 0.005 up to 5 000 training cells whose classes separate in the input (leave-one-out kNN-5 of the input ≥ 0.9), else 0.001',
  },
  patience: {
    scope: 'trainer',
    kind: 'number',
    flag: 'patience',
    label: 'Early-stop patience',
    help: 'Stop after this many epochs without the loss improving by 1%; 0 never stops early (nor does the validation check of tables above 50 000 training rows).',
    min: 0,
    max: 1e6,
    integer: true,
    default: 5,
  },
  margin: {
    scope: 'trainer',
    kind: 'number',
    flag: 'margin',
    label: 'Margin',
    help: 'How much farther a different-class cell must be than a same-class one (triplet/contrastive margin).',
    min: 0,
    max: 1e6,
    integer: false,
    default: 1,
    directionalDefault: 0.2,
    defaultText: '1; 0.2 for cosine and angular',
  },
  // Seeds are whole numbers from 0 to 2³²−1: the generator (src/util/random.ts) keeps 32 bits, so a larger
  // seed would silently repeat a smaller one's run.
  seed: {
    scope: 'trainer',
    kind: 'number',
    flag: 'seed',
    label: 'Seed',
    help: 'One seed for the split (unless splitSeed is set), sampling and initialisation: the same seed and settings give the same map.',
    min: 0,
    max: 2 ** 32 - 1,
    integer: true,
    default: 0,
  },
  // Issue 13: one run's held-out kNN-5 moves by ±0.02 with the training seed alone on pbmc68k's 140 held-out
  // cells, so judging a recipe (or a structure) needs training seeds compared on the same held-out cells —
  // as `stability` does; bench/seed-grid.ts runs that grid.
  splitSeed: {
    scope: 'run',
    kind: 'number',
    flag: 'split-seed',
    label: 'Split seed',
    help: 'Seed of the hold-out split alone: fix it to compare training seeds on the same held-out cells.',
    defaultText: 'the seed',
    min: 0,
    max: 2 ** 32 - 1,
    integer: true,
    default: null,
  },
  holdout: {
    scope: 'run',
    kind: 'number',
    flag: 'holdout',
    metavar: 'F',
    label: 'Hold-out fraction',
    help: 'Fraction of each labelled class kept out of training to measure accuracy honestly.',
    min: 0,
    max: 0.9,
    integer: false,
    default: 0.2,
  },
  sampler: {
    scope: 'trainer',
    kind: 'choice',
    flag: 'sampler',
    label: 'Triplet sampling',
    help: 'How triplets are picked: semi-hard uses negatives just beyond the positive, which usually learns best.',
    choices: ['random', 'balanced', 'semi-hard', 'hard', 'batch-all'],
    default: 'semi-hard',
  },
  loss: {
    scope: 'trainer',
    kind: 'choice',
    flag: 'loss',
    label: 'Loss',
    help: 'triplet = max(d(A,P) − d(A,N) + margin, 0): same-class cells closer than other-class ones.',
    choices: ['triplet', 'pn', 'contrastive', 'quadruplet'],
    default: 'triplet',
  },
  distance: {
    scope: 'trainer',
    kind: 'choice',
    flag: 'distance',
    label: 'Distance',
    help: 'How distance is measured in the map; euclidean matches what you see.',
    choices: ['euclidean', 'squared', 'cosine', 'angular'],
    default: 'euclidean',
  },
  preset: {
    scope: 'trainer',
    kind: 'layers',
    flag: 'preset',
    label: 'Network',
    help: 'Size of the encoder: default (3 × 128 SELU), wide (more capacity, slower) or layer sizes like 256,128.',
    choices: ['default', 'wide'],
    default: 'default',
    minSize: 1,
    maxSize: 4096,
  },
  centerLossWeight: {
    scope: 'trainer',
    kind: 'number',
    flag: 'center-loss',
    metavar: 'W',
    label: 'Centre-loss weight',
    help: 'Weight of the auxiliary centre-loss term; 0 turns it off.',
    min: 0,
    max: 1e6,
    integer: false,
    default: 0,
  },
  // ivis's supervised mode (its supervision_weight). Default 0: on the plain triplet map it changed nothing measurable;
  // beside the graph and order terms it raised silhouette (bench/README.md, "a classifier on the map").
  classifierWeight: {
    scope: 'trainer',
    kind: 'number',
    flag: 'classifier-weight',
    metavar: 'W',
    label: 'Classifier weight',
    help: 'Weight of a softmax classifier trained on the map’s coordinates alongside the triplet loss (ivis’s supervised mode); 0 turns it off.',
    min: 0,
    max: 1e6,
    integer: false,
    default: 0,
  },
  // Default 0: measured on the comparison datasets, weight 10 raised trustworthiness by 0.03–0.09 but
  // lowered held-out kNN-5 and silhouette (bench/README.md, "Neighbour-graph term"); with the warm-up (weight
  // 20) pbmc68k's kNN-5 still fell (0.800 against 0.812 over seeds 0–2) and training took 12–45× the CPU.
  graphWeight: {
    scope: 'trainer',
    kind: 'number',
    flag: 'graph-weight',
    metavar: 'W',
    label: 'Neighbour-graph weight',
    help: 'Weight of the parametric-UMAP neighbour-graph term; 0 = triplet only, 10–20 keeps neighbourhoods.',
    min: 0,
    max: 1e6,
    integer: false,
    default: 0,
  },
  graphWeightEnd: {
    scope: 'trainer',
    kind: 'number',
    flag: null,
    label: 'Neighbour-graph weight at the end',
    help: 'The graph weight moves linearly from graphWeight to this over the run’s steps (only when graphWeight > 0); early stopping waits for the schedule’s end.',
    defaultText: 'graphWeight throughout',
    min: 0,
    max: 1e6,
    integer: false,
    default: null,
  },
  // issue 13: a scale-free term that orders each class's cells by their input-space neighbours, so classes stay
  // compact (the triplet loss) while the arrangement inside them follows the input (trustworthiness).
  orderWeight: {
    scope: 'trainer',
    kind: 'number',
    flag: 'order-weight',
    metavar: 'W',
    label: 'Neighbour-order weight',
    help: 'Weight of the within-class neighbour-order term: a cell nearer its same-class input neighbours than other cells of its class, by a ratio (scale-free); 0 = off.',
    min: 0,
    max: 1e6,
    integer: false,
    default: 0,
  },
  orderRatio: {
    scope: 'trainer',
    kind: 'number',
    flag: null,
    label: 'Neighbour-order ratio',
    help: 'How many times farther than an input neighbour another cell of the class must sit for the order term to be satisfied (only when orderWeight > 0).',
    min: 1,
    max: 1e6,
    integer: false,
    default: 4,
  },
  orderTriplets: {
    scope: 'trainer',
    kind: 'number',
    flag: null,
    label: 'Neighbour-order triplets a step',
    help: 'Order triplets each step adds (only when orderWeight > 0).',
    defaultText: 'the batch size',
    min: 1,
    max: 1e6,
    integer: true,
    default: null,
  },
  orderCandidates: {
    scope: 'trainer',
    kind: 'number',
    flag: null,
    label: 'Neighbour-order negative candidates',
    help: 'Cells of the class drawn for each order triplet; the one nearest the anchor in the map is its negative (only when orderWeight > 0).',
    min: 1,
    max: 64,
    integer: true,
    default: 1,
  },
  classRatioWeight: {
    scope: 'trainer',
    kind: 'number',
    flag: 'class-ratio-weight',
    metavar: 'W',
    label: 'Class-ratio weight',
    help: 'Weight of a scale-free class term: a cell classRatio times nearer a random cell of its class than one of another class; keeps classes compact beside the order term. 0 = off.',
    min: 0,
    max: 1e6,
    integer: false,
    default: 0,
  },
  classRatio: {
    scope: 'trainer',
    kind: 'number',
    flag: null,
    label: 'Class ratio',
    help: 'How many times farther a cell of another class must sit than one of its own for the class-ratio term to be satisfied (only when classRatioWeight > 0).',
    min: 1,
    max: 1e6,
    integer: false,
    default: 10,
  },
  // Default 10: on pbmc68k the default map's held-out kNN-5 rose from 0.816 to 0.822 over seeds 0–15 (quality
  // bar 10/16 → 11/16; seeds 0–7 4/8 → 6/8) and silhouette from 0.532 to 0.572; tissue 7/8 → 8/8, digits 8/8
  // kept, silhouette +0.03–0.04 on both (bench/README.md, "Class evidence"). 30 and 100 gave kNN-5 0.825 and
  // 0.827 but silhouette 0.542 and 0.505. With the evidence from the genes (2026-12-01) 20 gave 0.834 against
  // 10's 0.836 over the 64-run seed grid.
  classEvidence: {
    scope: 'run',
    kind: 'number',
    flag: 'class-evidence',
    metavar: 'S',
    label: 'Class evidence',
    help: 'Appends a regularised linear classifier’s class evidence (fitted on the training cells’ genes) to the encoder’s input, this many times the input’s scale; 0 turns it off.',
    min: 0,
    max: 1e6,
    integer: false,
    default: 10,
  },
  // issue 13: the training cells' evidence comes from a classifier fitted on them (it separates them perfectly on
  // pbmc68k), an unseen cell's is less certain. Default 0: at 0.5 pbmc68k's 64-run seed grid gained 0.006 of
  // held-out kNN-5, 0.011 of trustworthiness and 0.010 of silhouette, but not on its hardest split, while
  // fashion-MNIST's grid lost 0.011 of kNN-5 and 0.053 of silhouette (bench/README.md "Evidence noise").
  evidenceNoise: {
    scope: 'run',
    kind: 'number',
    flag: 'evidence-noise',
    metavar: 'F',
    label: 'Evidence noise',
    help: 'Gaussian noise added to the training cells’ class evidence at every step, as a fraction of each evidence column’s spread over them, so the encoder learns to place cells whose evidence is less certain; 0 turns it off (only with classEvidence > 0).',
    min: 0,
    max: 10,
    integer: false,
    default: 0,
  },
  objective: {
    scope: 'run',
    kind: 'choice',
    flag: 'objective',
    label: 'Objective',
    help: 'triplet: the plain triplet map (fastest). neighbourhoods: adds the terms that keep input-space neighbourhoods, with the measured recipe for the table’s size (graph below 1 000 training cells, order-wide from 1 000 — up to 480 epochs or 32 000 steps of a wider network —, order on tiny tables); graph, order or order-wide forces one. Options you set win.',
    choices: ['triplet', 'neighbourhoods', 'graph', 'order', 'order-wide'],
    default: 'triplet',
  },
  regime: {
    scope: 'run',
    kind: 'choice',
    flag: 'regime',
    label: 'Regime',
    help: 'small: the settings for tables of tens of cells; auto picks small at ≤ 100 training cells.',
    choices: ['auto', 'standard', 'small'],
    default: 'auto',
  },
  stability: {
    scope: 'run',
    kind: 'boolean',
    flag: 'stability',
    label: 'Stability check',
    help: 'Refit with seed + 1 and report the Procrustes disparity of the two maps (doubles the time).',
    default: false,
  },
  unlabeled: {
    scope: 'trainer',
    kind: 'choice',
    flag: 'unlabeled',
    label: 'Unlabeled cells',
    help: 'Cells with an empty/NA label: knn trains them via input-space neighbours, exclude leaves them out.',
    choices: ['knn', 'exclude'],
    default: 'knn',
  },
  snapshotEvery: {
    scope: 'request',
    kind: 'number',
    flag: null,
    label: 'Update map every',
    help: 'Epochs between live map updates while training; 0 shows the map only at the end.',
    min: 0,
    max: 1000,
    integer: true,
    default: 5,
  },
  stepsPerEpoch: {
    scope: 'trainer',
    kind: 'number',
    flag: 'steps-per-epoch',
    label: 'Steps per epoch',
    help: "Training steps per epoch (the step budget, --max-steps, may end a run sooner). Above 20 000 cells the input-space neighbours are searched only for the anchors the run's steps can draw.",
    min: 1,
    max: 1e7,
    integer: true,
    default: null,
    defaultText: 'every anchor once (anchors ÷ batch size, rounded up)',
  },
  neighbours: {
    scope: 'trainer',
    kind: 'number',
    flag: null,
    label: 'Triplet neighbours',
    help: 'Input-space neighbours a neighbour triplet draws its positive from.',
    min: 1,
    max: 1000,
    integer: true,
    default: 10,
  },
  // Default 0.3: on ../shared/data it raised held-out kNN-5 over 0; 0.5 was worse.
  neighbourShare: {
    scope: 'trainer',
    kind: 'number',
    flag: null,
    label: 'Neighbour-triplet share',
    help: 'Share of triplets drawn ivis-style from input-space neighbours, keeping the input’s local structure.',
    min: 0,
    max: 1,
    integer: false,
    default: 0.3,
  },
  // Default 8 (it was 16 in the trainer and 8 in the engine): on pbmc68k_reduced_lognorm, the hardest quality
  // dataset, 3-D held-out kNN-5 over seeds 0–7 cleared the quality bar on 5 of 8 seeds with 8 against 3 of 8
  // with 16, and 8 kept tissue_gene_expression and sklearn_digits passing (bench/README.md).
  cellsPerClass: {
    scope: 'trainer',
    kind: 'number',
    flag: null,
    label: 'Cells per class',
    help: 'Cells per class (K) in the mining samplers’ P × K batches.',
    min: 2,
    max: 1e5,
    integer: true,
    default: 8,
  },
  denseGradient: {
    scope: 'trainer',
    kind: 'choice',
    flag: null,
    label: 'Dense-layer gradient',
    help: 'Gradient path of the encoder: custom (hand-written, fused layers) or stock (autodiff); auto is custom on wasm and tensorflow.',
    choices: ['auto', 'custom', 'stock'],
    default: 'auto',
  },
  graphNeighbours: {
    scope: 'trainer',
    kind: 'number',
    flag: null,
    label: 'Graph neighbours',
    help: 'Input-space neighbours of the neighbour-graph term’s kNN graph (UMAP’s n_neighbors).',
    min: 2,
    max: 200,
    integer: true,
    default: 15,
  },
  // Default 2 048 with 200 warm-up steps (both used only when graphWeight > 0): at weight 20 the warm-up and
  // the larger edge sample raised held-out kNN-5 and silhouette over 512 edges without a warm-up (pbmc68k
  // seeds 0–2, sklearn_digits; bench/README.md "Neighbour-graph term"); without the warm-up pbmc68k seed 0
  // fell to kNN-5 0.714.
  graphEdges: {
    scope: 'trainer',
    kind: 'number',
    flag: null,
    label: 'Graph edges per step',
    help: 'Neighbour-graph edges sampled per step, each with 5 negative samples.',
    min: 2,
    max: 1e5,
    integer: true,
    default: 2048,
  },
  graphMixedEdges: {
    scope: 'trainer',
    kind: 'number',
    flag: null,
    label: 'Graph edges per mixed step',
    help: 'Neighbour-graph edges per step once the triplet loss has joined; fewer make those steps cheaper.',
    defaultText: 'graphEdges',
    min: 2,
    max: 1e5,
    integer: true,
    default: null,
  },
  graphWarmupSteps: {
    scope: 'trainer',
    kind: 'number',
    flag: null,
    label: 'Graph warm-up steps',
    help: 'Steps of the neighbour-graph term alone before the triplet loss joins (only when its weight is > 0).',
    min: 0,
    max: 1e6,
    integer: true,
    default: 200,
  },
  // The four below are umap-learn's own knobs of the same graph and curve (defaults: umap-learn's, except
  // the connectivity reset, measured in bench/README.md "Neighbour-graph term").
  graphMinDist: {
    scope: 'trainer',
    kind: 'number',
    flag: null,
    label: 'Graph min_dist',
    help: 'UMAP’s min_dist: a and b of the map’s neighbour curve are fitted from it; smaller packs neighbours tighter.',
    min: 0,
    max: 0.99,
    integer: false,
    default: 0.1,
  },
  graphNegatives: {
    scope: 'trainer',
    kind: 'number',
    flag: null,
    label: 'Graph negative samples',
    help: 'Negative samples per neighbour-graph edge (UMAP’s negative_sample_rate).',
    min: 1,
    max: 50,
    integer: true,
    default: 5,
  },
  graphTargetWeight: {
    scope: 'trainer',
    kind: 'number',
    flag: null,
    label: 'Graph label weight',
    help: 'UMAP’s target_weight: how much an edge between two classes is weakened (0.5: ×e^−5; 1: removed).',
    min: 0,
    max: 1,
    integer: false,
    default: 0.5,
  },
  graphResetConnectivity: {
    scope: 'trainer',
    kind: 'boolean',
    flag: null,
    label: 'Graph connectivity reset',
    help: 'Rescale each row’s edges to a strongest of 1 after the label intersection, as umap-learn does.',
    default: false,
  },
  // umap-learn draws a negative uniformly over all cells and moves only the edge's head; ours by default are
  // other edges' tails (drawn ∝ a row's total membership) and move both ends, twice the push per pair.
  // Measured in bench/README.md "Neighbour-graph term".
  graphUniformNegatives: {
    scope: 'trainer',
    kind: 'boolean',
    flag: null,
    label: 'Graph uniform negatives',
    help: 'Negative samples drawn uniformly over all cells and moving only the edge’s head, as umap-learn’s layout (only when graphWeight > 0).',
    default: false,
  },
  // umap-learn's layout step size alpha falls linearly to 0 over its epochs; measured in bench/README.md
  // "Neighbour-graph term".
  graphLearningRateDecay: {
    scope: 'trainer',
    kind: 'boolean',
    flag: null,
    label: 'Graph learning-rate decay',
    help: 'The learning rate falls linearly to 0 over the warm-up and the step budget, as umap-learn’s (only when graphWeight > 0).',
    default: false,
  },
  // Issue 13: after the graph term's run, one epoch of the triplet loss alone at a low rate re-compacts the
  // classes (digits silhouette +0.03–0.04 at trustworthiness −0.001; bench/README.md "Neighbour-graph
  // term"). Before this option it took a second fine-tuning run; the polish is that run inside the trainer
  // (fresh Adam and seeded streams, as fine-tuning's), so it gives the same map. Default 0: no polish.
  polishEpochs: {
    scope: 'trainer',
    kind: 'number',
    flag: 'polish-epochs',
    label: 'Polish epochs',
    help: 'Epochs of the triplet loss alone (graph term off, the order term kept; fresh Adam, no early stop) at polishLearningRate after the run; 0: none.',
    min: 0,
    max: 1e6,
    integer: true,
    default: 0,
  },
  polishLearningRate: {
    scope: 'trainer',
    kind: 'number',
    flag: 'polish-learning-rate',
    label: 'Polish learning rate',
    help: 'Adam step size of the polish epochs (only when polishEpochs > 0).',
    min: 1e-9,
    max: 10,
    integer: false,
    default: 0.0002,
  },
  // pbmc68k: polish triplets of classes only (0) cost less trustworthiness per epoch than the run's 0.3, so more
  // polish epochs fit under the bar (bench/README.md "Neighbour-graph term").
  polishNeighbourShare: {
    scope: 'trainer',
    kind: 'number',
    flag: null,
    label: 'Polish neighbour-triplet share',
    help: 'neighbourShare of the polish epochs; 0 polishes with class triplets only (only when polishEpochs > 0).',
    defaultText: 'the run’s neighbourShare',
    min: 0,
    max: 1,
    integer: false,
    default: null,
  },
  // Results are identical for every thread count (test/neighbours/forest-threads.test.ts,
  // test/engine/metrics-threaded.test.ts, test/train/mask-prefetch.test.ts): threads change only time.
  threads: {
    scope: 'trainer',
    kind: 'number',
    flag: 'threads',
    label: 'Threads',
    help: 'Threads of the input-space neighbour search, the metrics and the drawing of big dropout masks ahead of training; the same results for any count, 1 stays in one thread.',
    min: 1,
    max: 64,
    integer: true,
    default: null,
    defaultText: 'auto: one per core (os.availableParallelism())',
  },
  normalize: {
    scope: 'preprocess',
    kind: 'auto-boolean',
    flag: 'normalize',
    offFlag: 'no-normalize',
    label: 'Normalise library size',
    help: 'Scale every cell to the same total (the target sum); for raw counts.',
    default: 'auto',
    defaultText: 'auto: on when the values look like counts',
  },
  log1p: {
    scope: 'preprocess',
    kind: 'auto-boolean',
    flag: 'log1p',
    offFlag: 'no-log1p',
    label: 'log1p',
    help: 'log(1 + x) after normalising; for raw counts.',
    default: 'auto',
    defaultText: 'auto: on when the values look like counts',
  },
  targetSum: {
    scope: 'preprocess',
    kind: 'number',
    flag: 'target-sum',
    metavar: 'X',
    label: 'Target sum',
    help: 'Total per cell after normalising.',
    min: 1,
    max: Infinity,
    integer: false,
    default: 10_000,
  },
  topGenes: {
    scope: 'preprocess',
    kind: 'number',
    flag: 'top-genes',
    label: 'Most variable genes',
    help: 'Keep this many most variable genes; 0 keeps all.',
    min: 0,
    max: 1e6,
    integer: true,
    default: 2_000,
  },
  zscore: {
    scope: 'preprocess',
    kind: 'boolean',
    flag: 'zscore',
    offFlag: 'no-zscore',
    label: 'Z-score genes',
    help: 'Give every gene mean 0 and variance 1 so no gene dominates by scale. An embedding read as the input (obsm:X_pca) is left unscaled unless this is set: its dimensions’ scales are its structure.',
    default: true,
    defaultText: 'on (off for an embedding input, obsm:NAME)',
  },
  clip: {
    scope: 'preprocess',
    kind: 'number',
    flag: 'clip',
    label: 'Clip z-scores',
    help: 'Clip z-scores to ±this value; 0 does not clip.',
    min: 0,
    max: Infinity,
    integer: false,
    default: 10,
  },
  pcaComponents: {
    scope: 'preprocess',
    kind: 'number',
    flag: 'pca',
    label: 'PCA components',
    help: 'Compress to this many PCA components before training; 0 skips PCA.',
    min: 0,
    max: 10_000,
    integer: true,
    default: 50,
  },
} as const satisfies Record<string, OptionSpec>;

export type OptionSchema = typeof OPTION_SCHEMA;
export type OptionKey = keyof OptionSchema;

/** The value type an option spec describes. */
export type ValueOfSpec<S> = S extends { kind: 'number' }
  ? number
  : S extends { kind: 'choice'; choices: readonly (infer C)[] }
    ? C
    : S extends { kind: 'boolean' }
      ? boolean
      : S extends { kind: 'auto-boolean' }
        ? boolean | 'auto'
        : S extends { kind: 'layers'; choices: readonly (infer C)[] }
          ? C | number[]
          : never;

/** The value of option K (e.g. OptionValue<'sampler'> is 'random' | 'balanced' | …). */
export type OptionValue<K extends OptionKey> = ValueOfSpec<OptionSchema[K]>;

/** The options of the given scopes. */
export type OptionKeyIn<S extends OptionScope> = {
  [K in OptionKey]: OptionSchema[K]['scope'] extends S ? K : never;
}[OptionKey];

/** The options of the given scopes, each optional (what a caller may set). */
export type OptionValues<S extends OptionScope> = { [K in OptionKeyIn<S>]?: OptionValue<K> };

/** Every option name, in schema order. */
export const OPTION_KEYS = Object.keys(OPTION_SCHEMA) as OptionKey[];

/** The option names of the given scopes, in schema order. */
export function optionKeys<S extends OptionScope>(...scopes: S[]): OptionKeyIn<S>[] {
  return OPTION_KEYS.filter((key) =>
    (scopes as OptionScope[]).includes(OPTION_SCHEMA[key].scope),
  ) as OptionKeyIn<S>[];
}

/** The spec of option `key`, widened to the OptionSpec union (for code that walks every option). */
export function optionSpec(key: OptionKey): OptionSpec {
  return OPTION_SCHEMA[key];
}
