import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { runTraining } from '../../src/engine/run-training.js';
import { embedWithModel, embedWithModelPaced } from '../../src/engine/embed-with-model.js';
import { loadModelFolder, saveModelFolder } from '../../src/engine/model-folder.js';
import type { TrainingRun } from '../../src/engine/types.js';
import { blobTable } from '../engine/helpers.js';
import { fitPreprocess } from '../../src/preprocess/index.js';

let dir = '';
let run: TrainingRun;
const table = blobTable({ classes: 3, perClass: 20, genes: 12 });

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tl-model-'));
  run = await runTraining(table, { labelColumn: 'cell_type', epochs: 10, seed: 3 });
});
after(async () => {
  run.encoder.dispose();
  await rm(dir, { recursive: true, force: true });
});

test('a saved model folder reloads and embeds the training table as the run did', async () => {
  const folder = join(dir, 'model');
  await saveModelFolder(run, folder);
  assert.deepEqual((await readdir(dir)).sort(), ['model'], 'no temporary folders left behind');
  const before = tf.memory().numTensors;
  const model = await loadModelFolder(folder);
  try {
    assert.equal(model.manifest.labelColumn, 'cell_type');
    assert.deepEqual(model.manifest.classes, run.classes);
    assert.equal(model.reference.coords.rows, run.split.filter((s) => s === 'train').length);
    const result = embedWithModel(model, table);
    assert.deepEqual(result.missingGenes, []);
    assert.equal(result.coords.rows, table.ids.length);
    for (let i = 0; i < result.coords.data.length; i++) {
      assert.ok(Math.abs(result.coords.data[i] - run.coords.data[i]) < 1e-4, `coordinate ${i}`);
    }
    const truth = table.metadata[0].values;
    const agree = result.predicted.filter((p, i) => p === truth[i]).length;
    assert.ok(agree / truth.length >= 0.9, `agreement ${agree}/${truth.length}`);
    assert.ok(result.confidence.every((c) => c > 0 && c <= 1));
  } finally {
    model.dispose();
  }
  assert.equal(tf.memory().numTensors, before, 'dispose frees the loaded encoder');
});

/** `table` with only the gene columns `keep`. */
function keepGenes(keep: number[]): typeof table {
  return {
    ...table,
    genes: keep.map((g) => table.genes[g]),
    values: {
      rows: table.values.rows,
      cols: keep.length,
      data: Float32Array.from({ length: table.values.rows * keep.length }, (_, i) => {
        const r = Math.floor(i / keep.length);
        return table.values.data[r * table.values.cols + keep[i % keep.length]];
      }),
    },
  };
}

test('missing genes are reported and filled; a file sharing no gene is refused', async () => {
  const folder = join(dir, 'model2');
  await saveModelFolder(run, folder);
  const model = await loadModelFolder(folder);
  try {
    const fewer = keepGenes(table.genes.map((_, g) => g).filter((g) => g !== 0 && g !== 4));
    const result = embedWithModel(model, fewer);
    assert.deepEqual(result.missingGenes, ['gene_0', 'gene_4']);
    assert.ok(result.coords.data.every(Number.isFinite));
    const strangers = { ...table, genes: table.genes.map((g) => `other_${g}`) };
    assert.throws(() => embedWithModel(model, strangers), /shares no gene with the model/);
  } finally {
    model.dispose();
  }
});

test('a file holding fewer than half of the model genes is refused unless allowed; half is enough', async () => {
  const folder = join(dir, 'model-half');
  await saveModelFolder(run, folder);
  const model = await loadModelFolder(folder);
  try {
    assert.equal(model.recipe.genes.length, 12, 'the model keeps all 12 genes');
    const five = keepGenes([1, 3, 5, 7, 9]);
    assert.throws(
      () => embedWithModel(model, five),
      (err: Error) =>
        err.message.includes(`${table.source} holds only 5 of the 12 genes of the model in ${folder}`) &&
        err.message.includes('--allow-missing-genes'),
    );
    const allowed = embedWithModel(model, five, { allowMissingGenes: true });
    assert.equal(allowed.missingGenes.length, 7);
    assert.ok(allowed.coords.data.every(Number.isFinite));
    const six = embedWithModel(model, keepGenes([0, 2, 4, 6, 8, 10]));
    assert.equal(six.missingGenes.length, 6, 'exactly half embeds without the flag');
  } finally {
    model.dispose();
  }
});

// An audit: `embed` of a file of another dataset's genes printed "embedding: projecting onto the components" and
// "class evidence" — a pass over every row, minutes at 10⁵ cells — before refusing a file it could tell from
// the gene names alone. The refusal now comes before the first step.
test('a file sharing no gene, or too few, is refused before any pass over its rows', async () => {
  const folder = join(dir, 'model-early');
  await saveModelFolder(run, folder);
  const model = await loadModelFolder(folder);
  try {
    const strangers = { ...table, genes: table.genes.map((g) => `other_${g}`) };
    const few = keepGenes([0, 1]);
    for (const [t, refusal] of [
      [strangers, /shares no gene with the model/],
      [few, /holds only 2 of the 12 genes/],
    ] as const) {
      const steps: string[] = [];
      await assert.rejects(
        embedWithModelPaced(model, t, {}, (step) => {
          steps.push(step.name);
          return Promise.resolve();
        }),
        refusal,
      );
      assert.deepEqual(steps, [], 'no step before the refusal');
    }
  } finally {
    model.dispose();
  }
});

test("the refusals speak the app's words for the app, and offer --transpose only for a text table", async () => {
  const folder = join(dir, 'model-words');
  await saveModelFolder(run, folder);
  const model = await loadModelFolder(folder);
  try {
    const strangers = { ...table, genes: table.genes.map((g) => `other_${g}`) };
    const refusal = (t: typeof table, words?: 'cli' | 'app') => {
      try {
        embedWithModel(model, t, words ? { words } : {});
      } catch (err) {
        return (err as Error).message;
      }
      assert.fail('the file should have been refused');
    };
    const app = refusal(strangers, 'app');
    // a walkthrough of Project another file read "shares no gene with the model in the trained model", and
    // CLI flags the page has no field for
    assert.match(app, /shares no gene with the trained model \(/);
    assert.doesNotMatch(app, /--|model in/);
    assert.match(refusal(strangers), /model in .*or use --transpose/);
    const h5ad = { ...strangers, format: { kind: 'h5ad' as const, matrix: 'X', layers: [], obsm: [] } };
    assert.doesNotMatch(refusal(h5ad), /transpose/, 'an h5ad says which axis holds genes');
    const five = keepGenes([1, 3, 5, 7, 9]);
    const fewApp = refusal(five, 'app');
    assert.match(fewApp, /holds only 5 of the 12 genes of the trained model /);
    assert.doesNotMatch(fewApp, /--/);
    assert.match(refusal({ ...five, format: h5ad.format }), /\(--layer\); to embed anyway/);
    // A scanpy walkthrough: a processed h5ad (X of its highly variable genes, raw/X of all) against a model of
    // all genes: the refusal names raw/X, where the other genes are
    const processed = { ...five, format: { ...h5ad.format, layers: ['layers/counts', 'raw/X'] } };
    assert.match(
      refusal(processed),
      /\(--layer; a processed file's X often keeps only its highly variable genes and raw\/X all of them: --layer raw\); to embed anyway/,
    );
    assert.match(
      refusal(processed, 'app'),
      /\(Project another file ▸ Matrix; .* raw\/X all of them: raw\/X\)\.$/,
    );
    // read from raw/X already, or without a raw: no such hint
    assert.doesNotMatch(
      refusal({ ...processed, format: { ...processed.format, matrix: 'raw/X' } }),
      /raw\/X all/,
    );
  } finally {
    model.dispose();
  }
});

test('saving over a folder that is not a model is refused and leaves it alone', async () => {
  const precious = join(dir, 'precious');
  await mkdir(precious);
  await writeFile(join(precious, 'thesis.txt'), 'years of work');
  await assert.rejects(saveModelFolder(run, precious), /exists and is not a TripletLens model folder/);
  assert.equal(await readFile(join(precious, 'thesis.txt'), 'utf8'), 'years of work');
  const again = join(dir, 'again');
  await saveModelFolder(run, again);
  await saveModelFolder(run, again); // replacing a model folder is fine
  assert.ok((await readdir(again)).includes('model.json'));
});

test('saving to a file, or under one, names the file in the way and leaves it alone', async () => {
  const file = join(dir, 'notes.txt');
  await writeFile(file, 'old');
  await assert.rejects(saveModelFolder(run, file), {
    message: `Cannot save the model to ${file}: it is a file, not a folder`,
  });
  const under = join(file, 'model');
  await assert.rejects(saveModelFolder(run, under), {
    message: `Cannot save the model to ${under}: ${file} is a file, not a folder`,
  });
  assert.equal(await readFile(file, 'utf8'), 'old');
  assert.ok(!(await readdir(dir)).some((name) => name.startsWith('.')), 'no temporary left');
});

test('loading something that is not a complete model folder fails clearly', async () => {
  await assert.rejects(loadModelFolder(join(dir, 'absent')), /the model folder .*absent does not exist/);
  const broken = join(dir, 'broken');
  await saveModelFolder(run, broken);
  await writeFile(join(broken, 'reference.json'), '{"dims": 3, "labels": ["a"], "coords": [1]}');
  await assert.rejects(loadModelFolder(broken), /reference\.json is damaged/);
});

test('gene ids are saved beside the recipe and reload; a damaged gene-ids.json fails clearly', async () => {
  const ids = run.recipe.genes.map((_, g) => `ENSG${String(g).padStart(11, '0')}`);
  const folder = join(dir, 'with-ids');
  await saveModelFolder({ ...run, geneIds: [{ name: 'gene_ids', ids }] }, folder);
  const model = await loadModelFolder(folder);
  try {
    assert.deepEqual(model.geneIds, [{ name: 'gene_ids', ids }]);
    // the table's genes renamed to the ids: found through them, same map
    const result = embedWithModel(model, {
      ...table,
      genes: table.genes.map((g) => ids[run.recipe.genes.indexOf(g)]),
    });
    assert.deepEqual(result.missingGenes, []);
    assert.equal(result.geneMatch.counts['file-name-model-id'], 12);
    for (let i = 0; i < result.coords.data.length; i++) {
      assert.ok(Math.abs(result.coords.data[i] - run.coords.data[i]) < 1e-4, `coordinate ${i}`);
    }
  } finally {
    model.dispose();
  }
  const without = join(dir, 'without-ids');
  await saveModelFolder(run, without);
  assert.ok(!(await readdir(without)).includes('gene-ids.json'), 'no ids, no file');
  const plain = await loadModelFolder(without);
  plain.dispose();
  assert.deepEqual(plain.geneIds, []);
  await writeFile(
    join(folder, 'gene-ids.json'),
    '{"format": "tripletlens-gene-ids", "columns": [{"name": "gene_ids", "ids": ["x"]}]}',
  );
  await assert.rejects(
    loadModelFolder(folder),
    /gene-ids\.json is damaged \(expected one id per gene of recipe\.json/,
  );
  // a gene-ids.json that is there but cannot be read (a symlink loop) is not taken for "no ids"
  await rm(join(folder, 'gene-ids.json'));
  await symlink('gene-ids.json', join(folder, 'gene-ids.json'));
  await assert.rejects(loadModelFolder(folder), /Cannot read .*gene-ids\.json/);
});

test('the refusal of a file holding few of a wide model’s genes counts them grouped', async () => {
  const folder = join(dir, 'model-wide');
  await saveModelFolder(run, folder);
  const model = await loadModelFolder(folder);
  try {
    // the model's recipe as a 1 200-gene one: the refusal comes before the encoder reads anything
    const genes = Array.from({ length: 1200 }, (_, g) => `W${g}`);
    const data = Float32Array.from({ length: 6 * 1200 }, (_, i) => (i % 7) + 1);
    const { recipe } = await fitPreprocess({ rows: 6, cols: 1200, data }, genes, { pcaComponents: 0 });
    const few = {
      ...table,
      genes: genes.slice(0, 12),
      values: { rows: table.values.rows, cols: 12, data: new Float32Array(table.values.rows * 12).fill(2) },
    };
    assert.throws(
      () => embedWithModel({ ...model, recipe }, few),
      /holds only 12 of the 1\u202f200 genes of the model/,
    );
  } finally {
    model.dispose();
  }
});

// A model trained with --normalize on obsm X_pca, given a file whose X_pca has a negative, said "row 3, gene
// 'X_pca_3' is negative": the file's embedding has columns, not genes. A genes model keeps naming the gene.
test("a negative value under a model's normalisation names an embedding's column of obsm, a gene as a gene", async () => {
  const counts = blobTable({ classes: 3, perClass: 20, genes: 12 });
  counts.values.data.forEach((v, i, data) => (data[i] = Math.abs(v)));
  const embedding = {
    ...counts,
    source: 'std.h5ad',
    genes: counts.genes.map((_, g) => `X_pca_${g + 1}`),
    format: { kind: 'h5ad' as const, matrix: 'obsm/X_pca', layers: [], obsm: ['X_pca'] },
  };
  const message = async (trained: typeof counts): Promise<string> => {
    const settings = {
      labelColumn: 'cell_type',
      epochs: 2,
      seed: 3,
      preprocess: { normalize: true, log1p: true },
    };
    const counted = await runTraining(trained, settings);
    const folder = join(dir, `model-negative-${trained.genes[0]}`);
    await saveModelFolder(counted, folder);
    counted.encoder.dispose();
    const model = await loadModelFolder(folder);
    try {
      const data = Float32Array.from(trained.values.data);
      data[2 * trained.values.cols + 2] = -0.25; // row 3, the third column
      const file = { ...trained, values: { ...trained.values, data } };
      embedWithModel(model, file);
      return assert.fail('the file should have been refused');
    } catch (err) {
      return (err as Error).message;
    } finally {
      model.dispose();
    }
  };
  const column = await message(embedding);
  assert.match(column, /^std\.h5ad: row 3, column 'X_pca_3' of obsm X_pca is negative, but /);
  assert.doesNotMatch(
    column,
    /\bgene\b|raw counts|--layer/,
    'an embedding has no counts or layer to ask for',
  );
  assert.match(await message(counts), /^synthetic-blobs: row 3, gene 'gene_2' is negative, but /);
});
