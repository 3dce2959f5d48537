// `tripletlens embed` with a model trained on an h5ad's embedding (`train --input obsm:X_pca`) said
// "scaling the kept genes" while it scaled the columns of obsm X_pca: embed's steps name the matrix's
// columns as training's do (run-training.test.ts), a model of genes still its genes.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { rowWords } from '../../src/api/file-format.js';
import { stageStepText } from '../../src/api/stage-step.js';
import type { ExpressionTable } from '../../src/data/types.js';
import { embedWithModelPaced } from '../../src/engine/embed-with-model.js';
import { loadModelFolder, saveModelFolder } from '../../src/engine/model-folder.js';
import { runTraining } from '../../src/engine/run-training.js';
import { blobTable, embeddingTable } from './helpers.js';

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tl-embed-steps-'));
});
after(() => rm(dir, { recursive: true, force: true }));

/** The steps `embed` says while it embeds `table` with a model trained on it (no PCA: its scaling is a step). */
async function embedSteps(table: ExpressionTable, name: string): Promise<string[]> {
  const run = await runTraining(table, {
    labelColumn: 'cell_type',
    epochs: 2,
    seed: 1,
    preprocess: { topGenes: 0, pcaComponents: 0 },
  });
  const folder = join(dir, name);
  try {
    await saveModelFolder(run, folder);
  } finally {
    run.encoder.dispose();
  }
  const model = await loadModelFolder(folder);
  const texts: string[] = [];
  try {
    await embedWithModelPaced(model, table, {}, (step) => {
      texts.push(stageStepText(step, rowWords('h5ad')));
      return Promise.resolve();
    });
  } finally {
    model.dispose();
  }
  return texts;
}

test("embed's steps name an embedding's columns as columns of obsm, a genes model's as genes", async () => {
  const embedding = await embedSteps(embeddingTable(), 'embedding');
  assert.ok(
    embedding.some((t) => t.startsWith('scaling the kept columns of obsm X_pca')),
    embedding.join('; '),
  );
  for (const text of embedding) assert.doesNotMatch(text, /\bgenes?\b/);
  const genes = await embedSteps(blobTable(), 'genes');
  assert.ok(
    genes.some((t) => t.startsWith('scaling the kept genes')),
    genes.join('; '),
  );
});
