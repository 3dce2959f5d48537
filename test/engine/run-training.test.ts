import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../src/backend/index.js';
import { runTraining } from '../../src/engine/run-training.js';
import type { TrainSettings } from '../../src/engine/types.js';
import { blobTable, embeddingTable } from './helpers.js';
import { toErrorInfo } from '../../src/api/errors.js';
import type { ExpressionTable } from '../../src/data/types.js';
import { applyRecipe, inputSpaceRecipe } from '../../src/preprocess/index.js';
import { stageStepText, type StageStep } from '../../src/api/stage-step.js';
import { rowWords } from '../../src/api/file-format.js';

const FAST: TrainSettings = { labelColumn: 'cell_type', epochs: 3, seed: 7 };

test('runTraining embeds every cell, splits by class, and reports metrics in range', async () => {
  const table = blobTable({ classes: 3, perClass: 30 });
  const run = await runTraining(table, { ...FAST, epochs: 15 });
  try {
    assert.equal(run.coords.rows, 90);
    assert.equal(run.coords.cols, 3);
    assert.equal(run.split.length, 90);
    // 20% of each class of 30 → 6 held out per class
    assert.equal(run.split.filter((s) => s === 'holdout').length, 18);
    assert.deepEqual(run.classes, ['type_0', 'type_1', 'type_2']);
    for (const [name, value] of Object.entries(run.metrics)) {
      assert.ok(value !== null && value >= -1 && value <= 1, `${name} = ${value}`);
    }
    // well separated blobs: the input space classifies perfectly and so must the map
    assert.equal(run.metrics.knn_holdout_input, 1);
    assert.ok(run.metrics.knn_holdout! >= 0.9, `knn_holdout ${run.metrics.knn_holdout}`);
    assert.equal(run.report.split.train + run.report.split.holdout + run.report.split.unlabeled, 90);
    assert.equal(run.report.input.sha256, null, 'an in-memory table has no file to hash');
    assert.ok(['tensorflow', 'wasm', 'cpu'].includes(run.report.backend.backend));
    assert.ok(run.report.recipe, 'the report carries the preprocessing recipe');
    assert.ok(run.report.timings.totalMs >= run.report.timings.trainMs);
  } finally {
    run.encoder.dispose();
  }
});

test('unlabeled cells are embedded and marked; single-member classes are warned about', async () => {
  const table = blobTable({ classes: 3, perClass: 20 });
  const labels = table.metadata[0].values;
  labels[0] = 'NA';
  labels[1] = '';
  labels[5] = 'lonely';
  const run = await runTraining(table, { ...FAST, unlabeled: 'exclude' });
  try {
    assert.equal(run.split[0], 'unlabeled');
    assert.equal(run.split[1], 'unlabeled');
    assert.equal(run.labels[0], '');
    assert.equal(run.coords.rows, 60);
    assert.ok(
      run.report.warnings.some((w) => w.includes('lonely')),
      run.report.warnings.join('\n'),
    );
    // an in-memory table is a text table, whose rows may be a bulk panel's samples: rows (api/file-format.ts)
    assert.ok(
      run.report.warnings.includes(
        '2 rows have no label; they were left out of training and embedded afterwards.',
      ),
      run.report.warnings.join('\n'),
    );
  } finally {
    run.encoder.dispose();
  }
});

// A user trial: 5 cells spelt 'Versicolor' beside 45 'versicolor' trained as a class of their own, silently.
test('classes differing only in letter case are warned about, with their cell counts', async () => {
  const table = blobTable({ classes: 3, perClass: 20 });
  const labels = table.metadata[0].values;
  const rows = labels.flatMap((label, row) => (label === 'type_0' ? [row] : [])).slice(0, 3);
  for (const row of rows) labels[row] = 'TYPE_0';
  const run = await runTraining(table, FAST);
  try {
    const warning = run.report.warnings.find((w) => w.includes('letter case'));
    assert.ok(warning, run.report.warnings.join('\n'));
    assert.match(warning, /'TYPE_0' \(3\) and 'type_0' \(17\)/);
    assert.match(warning, /Label column 'cell_type'/);
    assert.equal(run.classes.length, 4, 'still trained as written');
  } finally {
    run.encoder.dispose();
  }
  const plain = await runTraining(blobTable({ classes: 3, perClass: 20 }), FAST);
  try {
    assert.ok(!plain.report.warnings.some((w) => w.includes('letter case')));
  } finally {
    plain.encoder.dispose();
  }
});

test('the same seed gives the same map; tensors do not leak across runs', async () => {
  await initBackend();
  const table = blobTable({ classes: 3, perClass: 15 });
  const first = await runTraining(table, FAST);
  first.encoder.dispose();
  const before = tf.memory().numTensors;
  const second = await runTraining(table, FAST);
  second.encoder.dispose();
  assert.equal(tf.memory().numTensors, before);
  assert.deepEqual(second.coords.data, first.coords.data);
  assert.deepEqual(second.split, first.split);
});

test('a missing label column or a single class is a clear error', async () => {
  const table = blobTable();
  await assert.rejects(
    runTraining(table, { ...FAST, labelColumn: 'nope' }),
    /no label column 'nope'.*cell_type/,
  );
  table.metadata[0].values.fill('same');
  // A user walkthrough: a bulk panel (a text table, "38 rows (cells or samples)" in inspect, "splitting off the
  // hold-out rows…" in train) of one class was refused as "(38 cells)"; a single-cell format's rows are cells.
  await assert.rejects(runTraining(table, FAST), {
    message:
      "synthetic-blobs: the label column 'cell_type' holds only one class, 'same' (90 rows); triplet training " +
      'needs at least two labelled classes. Choose another label column or add labels.',
  });
  await assert.rejects(
    runTraining({ ...table, format: { kind: 'h5ad', matrix: 'X', layers: [], obsm: [] } }, FAST),
    { message: /holds only one class, 'same' \(90 cells\);/ },
  );
  table.metadata[0].values.fill('NA');
  const stages: string[] = [];
  await assert.rejects(runTraining(table, FAST, { onStage: (name) => stages.push(name) }), {
    message:
      /^synthetic-blobs: the label column 'cell_type' holds no labelled cell \(all 90 values are empty or NA\)/,
  });
  assert.deepEqual(stages, [], 'refused before preprocessing');
});

test('values preprocessing cannot take (negatives under a forced normalisation) are named with their file', async () => {
  const table = blobTable(); // normal noise: negative values
  const err = await runTraining(table, { ...FAST, preprocess: { normalize: true } }).catch((e: unknown) => e);
  assert.ok(err instanceof Error && err.name === 'PreprocessError', String(err));
  assert.match(
    err.message,
    /^synthetic-blobs: Cannot normalise or log-transform: row \d+, gene 'gene_\d+' is -/,
  );
  // each side names its own settings: the CLI its flags, the page the Train screen's fields
  assert.match(err.message, /already transformed: give --no-normalize --no-log1p\.$/);
  const page = toErrorInfo(err).message;
  assert.match(page, /already transformed: turn Normalise library size and log1p off\.$/);
  assert.doesNotMatch(page, /--/);
});

// A scanpy walkthrough: `train std.h5ad --input obsm:X_pca --normalize` was told "gene 'X_pca_3'" and to "turn
// normalisation and log1p off" — the page's words, about an embedding's column.
test("an embedding's negative under a forced normalisation: its column of obsm, each side's settings", async () => {
  const err = await runTraining(embeddingTable(), { ...FAST, preprocess: { normalize: true } }).catch(
    (e: unknown) => e,
  );
  assert.ok(err instanceof Error, String(err));
  assert.match(err.message, /^std\.h5ad: .*row \d+, column 'X_pca_\d+' of obsm X_pca is -/);
  assert.match(err.message, /obsm X_pca is an embedding, not counts: give --no-normalize --no-log1p\.$/);
  const page = toErrorInfo(err).message;
  assert.match(page, /column 'X_pca_\d+' of obsm X_pca .* turn Normalise library size and log1p off\.$/);
  for (const text of [err.message, page]) assert.doesNotMatch(text, /gene|turn normalisation/);
  assert.doesNotMatch(page, /--/);
});

// The run report of a map trained on obsm X_pca read "kept the 10 most variable of 20 genes".
test("the recipe's notes on an embedding name its columns as columns of obsm, not genes", async () => {
  const selected = await runTraining(embeddingTable(), { ...FAST, preprocess: { topGenes: 10 } });
  assert.ok(
    selected.recipe.notes.includes('kept the 10 most variable of 20 columns of obsm X_pca'),
    selected.recipe.notes.join('; '),
  );
  const table = embeddingTable();
  for (let r = 0; r < table.values.rows; r++) table.values.data[r * table.values.cols + 2] = 0.5;
  const scaled = await runTraining(table, { ...FAST, preprocess: { topGenes: 0, zscore: true } });
  assert.ok(
    scaled.recipe.notes.includes('1 constant column of obsm X_pca z-score to 0'),
    scaled.recipe.notes.join('; '),
  );
  for (const note of [...selected.recipe.notes, ...scaled.recipe.notes])
    assert.doesNotMatch(note, /\bgenes?\b/);
});

// A run on obsm X_pca said "preprocess: gene statistics, …" and "scaling the kept genes" on the CLI and the
// Train screen, both of which word the engine's steps by stageStepText.
test("a run's preprocessing steps name an embedding's columns as columns of obsm, a genes run's as genes", async () => {
  const said = async (table: ExpressionTable): Promise<string[]> => {
    const texts: string[] = [];
    const onStage = (stage: string, step?: StageStep) => {
      if (stage === 'preprocess' && step) texts.push(stageStepText(step, rowWords('h5ad')));
    };
    await runTraining(table, { ...FAST, preprocess: { topGenes: 0, pcaComponents: 5 } }, { onStage });
    return texts;
  };
  const embedding = await said(embeddingTable());
  assert.ok(
    embedding.some((t) => t.startsWith('statistics of the columns of obsm X_pca, ')),
    embedding.join('; '),
  );
  assert.ok(
    embedding.some((t) => t.startsWith('scaling the kept columns of obsm X_pca')),
    embedding.join('; '),
  );
  for (const text of embedding) assert.doesNotMatch(text, /\bgenes?\b/);
  const genes = await said(blobTable());
  assert.ok(
    genes.some((t) => t.startsWith('gene statistics, ')),
    genes.join('; '),
  );
  assert.ok(
    genes.some((t) => t.startsWith('scaling the kept genes')),
    genes.join('; '),
  );
});

test('aborting stops the run with an AbortError and frees its tensors', async () => {
  await initBackend();
  const before = tf.memory().numTensors;
  const controller = new AbortController();
  const stages: string[] = [];
  await assert.rejects(
    runTraining(
      blobTable(),
      { ...FAST, epochs: 50 },
      {
        signal: controller.signal,
        // the stages' starts (a step within a stage comes with its step)
        onStage: (s, step) => void (step ? undefined : stages.push(s)),
        onProgress: () => controller.abort(),
      },
    ),
    { name: 'AbortError' },
  );
  assert.deepEqual(stages, ['preprocess', 'split', 'train']);
  assert.equal(tf.memory().numTensors, before);
});

test('holdout 0 trains on every labelled cell; hold-out metrics are null, never NaN', async () => {
  const run = await runTraining(blobTable({ classes: 2, perClass: 10 }), { ...FAST, holdout: 0 });
  try {
    assert.ok(run.split.every((s) => s === 'train'));
    assert.equal(run.metrics.knn_holdout, null);
    assert.equal(run.metrics.knn_holdout_pca, null);
    assert.equal(run.metrics.knn_holdout_input, null);
    assert.equal(typeof run.metrics.knn_train, 'number');
    assert.doesNotMatch(JSON.stringify(run.report), /NaN/);
  } finally {
    run.encoder.dispose();
  }
});

test('class evidence joins the recipe: the saved recipe rebuilds the encoder’s input; `input` stays the input space; 0 leaves it out, the small regime keeps it', async () => {
  const table = blobTable({ classes: 3, perClass: 30 });
  // 72 training cells: 'auto' picks the small regime, which keeps the evidence (checked below)
  const run = await runTraining(table, { ...FAST, regime: 'standard' });
  const off = await runTraining(table, { ...FAST, regime: 'standard', classEvidence: 0 });
  const small = await runTraining(table, FAST);
  try {
    assert.equal(small.report.regime, 'small');
    assert.deepEqual(small.recipe.classEvidence, run.recipe.classEvidence);
    const step = run.recipe.classEvidence;
    assert.ok(step, 'the default run fits the step');
    assert.deepEqual(step.classes, run.classes);
    // 20 genes, no PCA: the classifier reads the input itself
    assert.equal(step.space, undefined);
    assert.equal(run.report.parameters.classEvidence, 10);
    assert.equal(run.recipe.outputColumns, off.recipe.outputColumns + 3);
    assert.equal(run.input.cols, off.input.cols, 'the neighbourhood check searches the input space');
    assert.deepEqual(run.input, applyRecipe(inputSpaceRecipe(run.recipe), table.values, table.genes).matrix);
    // the recipe re-applied (as `embed` does) gives the map of every cell, hold-out included
    const again = run.encoder.embed(applyRecipe(run.recipe, table.values, table.genes).matrix);
    assert.ok(again.data.every((v, i) => Math.abs(v - run.coords.data[i]) < 1e-4));
    assert.equal(off.recipe.classEvidence ?? null, null);
  } finally {
    run.encoder.dispose();
    off.encoder.dispose();
    small.encoder.dispose();
  }
});

// A run on obsm X_pca with a PCA noted "class evidence: a logistic regression … of the z-scored kept genes", of
// columns that are no genes and, an embedding keeping its scales by default, were not z-scored either.
test("the class evidence's note names what it reads: an embedding's kept columns of obsm, z-scored genes", async () => {
  const settings = { ...FAST, regime: 'standard' as const, preprocess: { topGenes: 0, pcaComponents: 5 } };
  const evidenceNote = async (table: ExpressionTable, zscore?: boolean): Promise<string> => {
    const preprocess = { ...settings.preprocess, ...(zscore === undefined ? {} : { zscore }) };
    const run = await runTraining(table, { ...settings, preprocess });
    run.encoder.dispose();
    const note = run.recipe.notes.find((n) => n.startsWith('class evidence: '));
    assert.ok(note, run.recipe.notes.join('; '));
    return note;
  };
  assert.match(await evidenceNote(embeddingTable()), /\) of the kept columns of obsm X_pca over 3 classes/);
  assert.match(
    await evidenceNote(embeddingTable(), true),
    /\) of the z-scored kept columns of obsm X_pca over 3 classes/,
  );
  assert.match(await evidenceNote(blobTable()), /\) of the z-scored kept genes over 3 classes/);
});

test('with a PCA the class evidence reads the z-scored genes, and the saved recipe, through JSON, rebuilds every cell’s map from the genes', async () => {
  // 60 genes > 50 components: the default preprocessing runs a PCA; 120 training cells, the standard regime
  const table = blobTable({ classes: 3, perClass: 50, genes: 60 });
  const run = await runTraining(table, { ...FAST, epochs: 2 });
  try {
    const step = run.recipe.classEvidence;
    assert.ok(step && run.recipe.pca, 'a PCA and the class evidence');
    assert.equal(step.space, 'genes');
    assert.equal(step.weights.length, 3 * 60, 'one weight a class and kept gene');
    assert.equal(run.recipe.outputColumns, run.recipe.pca.components + 3);
    const saved = JSON.parse(JSON.stringify(run.recipe)) as typeof run.recipe;
    const again = run.encoder.embed(applyRecipe(saved, table.values, table.genes).matrix);
    assert.ok(again.data.every((v, i) => Math.abs(v - run.coords.data[i]) < 1e-4));
    // the held-out cells' evidence points at their class (well-separated blobs)
    const held = run.split.flatMap((s, r) => (s === 'holdout' ? [r] : []));
    const applied = applyRecipe(saved, table.values, table.genes).matrix;
    const w = applied.cols;
    const hits = held.filter((r) => {
      const row = Array.from(applied.data.subarray(r * w + w - 3, (r + 1) * w));
      return run.classes[row.indexOf(Math.max(...row))] === table.metadata[0].values[r];
    }).length;
    assert.ok(hits >= held.length - 1, `${hits} of ${held.length}`);
  } finally {
    run.encoder.dispose();
  }
});

test('checkpoints embed dataset rows, hold-out cells too, from the encoder’s whole input', async () => {
  // 150 cells: 120 train, above the small regime, so class evidence is on (its default) and the encoder's
  // input is wider than the table's; the comparison bench embeds training and hold-out rows at every checkpoint
  const table = blobTable({ classes: 3, perClass: 50, genes: 12 });
  const preprocess = { normalize: false, log1p: false, topGenes: 0, zscore: false, pcaComponents: 0 };
  let last: { epoch: number; coords: Float32Array } | undefined;
  const every = Array.from({ length: 150 }, (_, r) => r);
  const run = await runTraining(
    table,
    { ...FAST, epochs: 2, patience: 0, preprocess },
    {
      snapshotEvery: 1,
      onCheckpoint: async (embed, epoch) => {
        const coords = await embed(every);
        assert.deepEqual([coords.rows, coords.cols], [150, 3]);
        last = { epoch, coords: Float32Array.from(coords.data) };
      },
    },
  );
  try {
    assert.ok(run.report.recipe.classEvidence, 'the run used class evidence');
    assert.equal(last?.epoch, run.report.training.epochs);
    // the last checkpoint saw the final weights: its map of every cell is the run's
    const gap = Math.max(...last!.coords.map((v, i) => Math.abs(v - run.coords.data[i])));
    assert.ok(gap < 1e-4, `largest difference ${gap}`);
  } finally {
    run.encoder.dispose();
  }
});

// Counts of 1 000 or more read as the app's other sentences write them ("1 000 rows have no label": a text
// table's rows are rows).
test('the unlabelled-cell warning and an all-empty label refusal group their counts', async () => {
  const table = blobTable({ classes: 3, perClass: 400 });
  const labels = table.metadata[0].values;
  // 200 labelled cells of two classes (blobTable deals the classes out in turn), 1 000 unlabelled
  for (let i = 0; i < labels.length; i++) if (i % 12 >= 2) labels[i] = '';
  const run = await runTraining(table, { ...FAST, epochs: 1, unlabeled: 'exclude' });
  try {
    assert.ok(
      run.report.warnings.some((w) => w.startsWith('1\u202f000 rows have no label;')),
      run.report.warnings.join('\n'),
    );
  } finally {
    run.encoder.dispose();
  }
  labels.fill('NA');
  await assert.rejects(runTraining(table, FAST), {
    message: /holds no labelled cell \(all 1\u202f200 values are empty or NA\)/,
  });
});
