/**
 * `train --help` (and embed's) show every option's default, read from the code's own defaults, and say
 * that the coordinates CSV keeps the input's own id and label column names.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TRAIN_DEFAULTS } from '../../src/api/train-defaults.js';
import { IMPORT_OPTIONS } from '../../src/cli/import-args.js';
import { PREPROCESS_OPTIONS, TRAINING_OPTIONS } from '../../src/cli/train-args.js';
import {
  DEFAULT_CLIP,
  DEFAULT_PCA_COMPONENTS,
  DEFAULT_TARGET_SUM,
  DEFAULT_TOP_GENES,
} from '../../src/preprocess/resolve-options.js';
import { resolveTrainOptions } from '../../src/train/options.js';
import { runCli } from './helpers.js';

/** What each train value option defaults to, from the defaults table, the trainer and preprocessing. */
const EXPECTED: Record<string, string | number> = {
  dims: TRAIN_DEFAULTS.dims,
  epochs: TRAIN_DEFAULTS.epochs,
  'batch-size': TRAIN_DEFAULTS.batchSize,
  'learning-rate':
    'auto: 0.003 up to 100 and 0.005 up to 5 000 training cells whose classes separate in the input (leave-one-out kNN-5 of the input ≥ 0.9), else 0.001',
  patience: TRAIN_DEFAULTS.patience,
  margin: `${TRAIN_DEFAULTS.margin}; ${TRAIN_DEFAULTS.directionalMargin} for cosine and angular`,
  seed: TRAIN_DEFAULTS.seed,
  'split-seed': 'the seed',
  holdout: TRAIN_DEFAULTS.holdout,
  sampler: TRAIN_DEFAULTS.sampler,
  loss: TRAIN_DEFAULTS.loss,
  distance: TRAIN_DEFAULTS.distance,
  'center-loss': resolveTrainOptions().centerLossWeight,
  'classifier-weight': resolveTrainOptions().classifierWeight,
  'graph-weight': resolveTrainOptions().graphWeight,
  'order-weight': resolveTrainOptions().orderWeight,
  'class-ratio-weight': resolveTrainOptions().classRatioWeight,
  'polish-epochs': resolveTrainOptions().polishEpochs,
  'polish-learning-rate': resolveTrainOptions().polishLearningRate,
  'class-evidence': 10,
  'evidence-noise': 0,
  objective: 'triplet',
  regime: 'auto',
  unlabeled: TRAIN_DEFAULTS.unlabeled,
  threads: 'auto: one per core (os.availableParallelism())',
  'steps-per-epoch': 'every anchor once (anchors ÷ batch size, rounded up)',
  'max-steps':
    'auto: every epoch up to 50 000 training rows; above, epochs × steps per epoch × √(50 000 ÷ rows)',
  'target-sum': DEFAULT_TARGET_SUM,
  'top-genes': DEFAULT_TOP_GENES,
  clip: DEFAULT_CLIP,
  pca: DEFAULT_PCA_COMPONENTS,
};

/** The help text of one option: from its flag up to the next option's line. */
function optionText(help: string, flag: string): string {
  const start = help.search(new RegExp(`^ +(--\\S+ / )?--${flag}[ /\n]`, 'm'));
  assert.ok(start >= 0, `--${flag} has no line of its own in --help`);
  const rest = help.slice(start);
  const next = rest.slice(1).search(/\n +--/);
  return next < 0 ? rest : rest.slice(0, next + 1);
}

test('train --help shows the default of every training and preprocessing option', async () => {
  const help = (await runCli(['train', '--help'])).stdout;
  for (const [flag, spec] of Object.entries({ ...TRAINING_OPTIONS, ...PREPROCESS_OPTIONS })) {
    // a long default wraps as the description does
    const text = optionText(help, flag).replace(/\n +/g, ' ');
    if (flag === 'preset') {
      // the choice named "default" says it is the default: no "(default default)"
      assert.equal(TRAIN_DEFAULTS.preset, 'default');
      assert.match(text, /: default \(3 × 128 SELU\), wide/);
      assert.doesNotMatch(text, /\(default /, text);
    } else if (spec.type === 'string') {
      assert.ok(flag in EXPECTED, `--${flag} has no expected default in this test`);
      assert.ok(text.includes(`(default ${EXPECTED[flag]})`), `--${flag}: ${text}`);
    } else {
      assert.match(text, /\(default: /, `--${flag}: ${text}`);
    }
  }
});

test('train, embed and inspect --help show the default of every import option that takes a value', async () => {
  for (const command of ['train', 'embed', 'inspect']) {
    const help = (await runCli([command, '--help'])).stdout;
    for (const [flag, spec] of Object.entries(IMPORT_OPTIONS)) {
      const text = optionText(help, flag);
      if (spec.type === 'string') assert.match(text, /\(default[: ]|\(default\)/, `${command} --${flag}`);
    }
  }
});

test('the coordinates header in train and embed --help says the input’s own column names are used', async () => {
  const train = (await runCli(['train', '--help'])).stdout;
  assert.match(train, /--out FILE +coordinates CSV: the input's own id and label column names, then split/);
  const embed = (await runCli(['embed', '--help'])).stdout;
  assert.match(embed, /--out FILE +coordinates CSV: the input's own id column name, its label column/);
});

test('train and embed --help say where the default outputs go: the current folder, the report beside --out', async () => {
  const train = (await runCli(['train', '--help'])).stdout;
  assert.match(
    train,
    /\(default: <input name>\.coords\.csv in the current folder;\n +a Cell Ranger folder's name is its sample's: sampleA\/outs\/filtered_feature_bc_matrix\n +→ sampleA\.coords\.csv\)/,
  );
  assert.match(train, /--report FILE +run report JSON +\(default: --out with \.run\.json in place of/);
  const embed = (await runCli(['embed', '--help'])).stdout;
  assert.match(
    embed,
    /\(default: <input name>\.embedded\.csv in the current folder;\n +a Cell Ranger folder by its sample: sampleA\/outs\/filtered_feature_bc_matrix → sampleA\);/,
  );
});

// A walkthrough: "--normalize / --no-normalize Scale every cell…" ran a wide flag into its description.
test('train --help: a flag wider than its column has a line of its own; every description starts in one column', async () => {
  const help = (await runCli(['train', '--help'])).stdout;
  for (const flag of ['--normalize / --no-normalize', '--class-ratio-weight W', '--polish-learning-rate X']) {
    assert.ok(help.includes(`\n  ${flag}\n${' '.repeat(24)}`), `${flag}:\n${help}`);
  }
  // in the generated sections every option line is the flag alone, or the flag padded to the column
  const generated = help.slice(help.indexOf('\nTraining\n'), help.indexOf('\nImport\n'));
  for (const line of generated.split('\n').filter((l) => /^ {2}--/.test(l))) {
    const alone = /^ {2}--\S+( \/ --\S+)?( [A-Z])?$/.test(line);
    assert.ok(alone || (line.charAt(23) === ' ' && line.charAt(24) !== ' '), line);
  }
});

// A walkthrough: a line of embed --help ran to 124 characters where the others wrap at 110; train's auto
// defaults (--learning-rate, --max-steps) ran to 181, kept unsplit on a line of their own.
test('every command’s help lines fit in 110 characters', async () => {
  for (const command of [[], ['train'], ['embed'], ['inspect'], ['serve'], ['doctor']]) {
    const help = (await runCli([...command, '--help'])).stdout;
    for (const line of help.split('\n')) {
      assert.ok([...line].length <= 110, `${command.join(' ') || 'tripletlens'}: ${line}`);
    }
  }
});

test('every command’s help lists -h, --help as the top level and serve do', async () => {
  for (const command of ['train', 'embed', 'inspect', 'serve', 'doctor']) {
    const help = (await runCli([command, '--help'])).stdout;
    assert.match(help, /^ {2}-h, --help +show this help$/m, command);
    assert.equal((await runCli([command, '-h'])).stdout, help, command);
  }
});
