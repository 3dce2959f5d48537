/**
 * `tripletlens train --help`. Every default shown is read from the code that applies it — the engine's
 * resolved settings (src/engine/settings.ts over the trainer's src/train/options.ts) and the preprocessing
 * defaults — never restated, so the help cannot drift from what a run does. Loads no TensorFlow.
 */
import { REGIMES } from '../engine/regime.js';
import { resolveSettings } from '../engine/settings.js';
import {
  DEFAULT_CLIP,
  DEFAULT_PCA_COMPONENTS,
  DEFAULT_TARGET_SUM,
  DEFAULT_TOP_GENES,
} from '../preprocess/resolve-options.js';
import { IMPORT_HELP } from './import-args.js';
import { DISTANCES, LOSSES, SAMPLERS, UNLABELED } from './train-args.js';

/** What a plain `train FILE --label COL` uses, as the engine resolves it. */
const RESOLVED = resolveSettings({ labelColumn: '' });
/** The margin applies to the distance, so the directional distances have their own default. */
const DIRECTIONAL_MARGIN = resolveSettings({ labelColumn: '', distance: 'cosine' }).margin;

/** One help line: the flag, its description, and its default in a column of its own. */
function line(flagText: string, description: string, fallback: string | number): string {
  return `  ${flagText.padEnd(21)} ${description.padEnd(50)} (default ${fallback})`;
}

/** The default shown for each train-specific value option, by flag name (the test checks every flag is here). */
export const TRAIN_HELP_DEFAULTS: Record<string, string> = {
  dims: String(RESOLVED.dims),
  epochs: String(RESOLVED.epochs),
  'batch-size': String(RESOLVED.batchSize),
  'learning-rate': String(RESOLVED.learningRate),
  patience: String(RESOLVED.patience),
  margin: `${RESOLVED.margin}; ${DIRECTIONAL_MARGIN} for cosine and angular`,
  seed: String(RESOLVED.seed),
  holdout: String(RESOLVED.holdout),
  sampler: RESOLVED.sampler,
  loss: RESOLVED.loss,
  distance: RESOLVED.distance,
  preset: Array.isArray(RESOLVED.preset) ? RESOLVED.preset.join(',') : String(RESOLVED.preset),
  'center-loss': String(RESOLVED.centerLossWeight),
  'graph-weight': String(RESOLVED.graphWeight),
  regime: RESOLVED.regime,
  unlabeled: RESOLVED.unlabeled,
  'target-sum': String(DEFAULT_TARGET_SUM),
  'top-genes': String(DEFAULT_TOP_GENES),
  clip: String(DEFAULT_CLIP),
  pca: String(DEFAULT_PCA_COMPONENTS),
};

const d = TRAIN_HELP_DEFAULTS;

export const TRAIN_HELP = `Usage: tripletlens train FILE --label COL [options]
       tripletlens train --sample            (the bundled PBMC sample, label column 'label')

Trains a triplet-loss encoder on the labelled cells of FILE and writes a 2-D/3-D map. FILE is a CSV/TSV (.gz
allowed), an AnnData .h5ad, a loom, a Cell Ranger .h5 or output folder, or a MatrixMarket .mtx (by content).
${Math.round(RESOLVED.holdout * 100)}% of each class is held out and the report says how well the map places those cells.

Output
  --out FILE            coordinates CSV: the input's own id and label column names, then split, x, y[, z]
                        (d4, d5… beyond 3 dims)                       (default: <input name>.coords.csv)
                        FILE.h5ad: an AnnData file for scanpy/cellxgene: the input's obs + split and
                        predicted labels, var/X of the genes used, obsm['X_tripletlens'], uns report
  --report FILE         run report JSON                               (default: <input name>.run.json)
  --model DIR           save the trained model folder (for 'tripletlens embed')   (default: not saved)
  --json                print a summary JSON on stdout
  --quiet               no progress on stderr
Training
  --label COL           the metadata column holding cell types (required; --sample: label)
${line('--dims N', 'output dimensions, 2 or 3 (1–10 allowed)', d.dims)}
${line('--epochs N', 'passes over the training cells, at most', d.epochs)}
${line('--batch-size N', 'triplets (random, balanced) or cells a step', d['batch-size'])}
${line('--learning-rate X', 'Adam learning rate', d['learning-rate'])}
${line('--patience N', 'stop after N epochs without 1% less loss; 0 never', d.patience)}
${line('--margin X', 'triplet/contrastive margin', d.margin)}
${line('--seed N', 'one seed makes the run reproducible, 0–4294967295', d.seed)}
${line('--holdout F', 'fraction of each class held out, 0–0.9', d.holdout)}
${line('--sampler S', SAMPLERS.join(' | '), d.sampler)}
${line('--loss L', LOSSES.join(' | '), d.loss)}
${line('--distance D', DISTANCES.join(' | '), d.distance)}
${line('--preset P', 'default | wide | layer sizes like 256,128', d.preset)}
${line('--center-loss W', 'weight of the centre-loss term; 0 turns it off', d['center-loss'])}
${line('--graph-weight W', 'weight of the neighbour-graph term; 0 = triplet only', d['graph-weight'])}
${line('--regime R', `${REGIMES.join(' | ')} (auto: small at ≤ 100 cells)`, d.regime)}
  --stability           refit with seed + 1, report the Procrustes disparity  (default: off)
${line('--unlabeled U', `${UNLABELED.join(' | ')}  (cells with an empty/NA label)`, d.unlabeled)}
Preprocessing
  --normalize / --no-normalize   scale each cell to --target-sum  (default: on when the values look like counts)
  --log1p / --no-log1p           log(1 + x) after that            (default: on when the values look like counts)
${line('--target-sum X', 'total per cell after normalising', d['target-sum'])}
${line('--top-genes N', 'keep the N most variable genes; 0 keeps all', d['top-genes'])}
  --no-zscore           skip the per-gene z-score                          (default: z-scored)
${line('--clip X', 'clip z-scores to ±X; 0 does not clip', d.clip)}
${line('--pca N', 'PCA to N components first; 0 skips it', d.pca)}
Import
${IMPORT_HELP}
Outputs are written together when training succeeds (none are left half-written); an output that is an
input or another output is refused before anything runs.
Exit codes: 0 done, 1 data, training or write error, 2 bad arguments (incl. clashing paths).
`;
