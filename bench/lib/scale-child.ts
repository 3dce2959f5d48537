/**
 * One scale measurement in its own process (so GNU time's peak RSS is this pipeline's alone): import the
 * CSV, preprocess with the engine defaults, train for whole epochs on every row, embed every row.
 * Usage: scale-child.ts CSV EPOCHS [SEED]. Prints one JSON line.
 */
import { importTable } from '../../src/data/index.js';
import { fitPreprocess } from '../../src/preprocess/index.js';
import { initBackend } from '../../src/backend/index.js';
import { trainEncoder } from '../../src/train/index.js';
import { indexLabels } from '../../src/engine/index.js';
import { labelValues } from '../../src/engine/coordinates-csv.js';
import { timed } from './timing.js';

async function main(): Promise<void> {
  const [csv, epochsArg, seedArg] = process.argv.slice(2);
  if (!csv) throw new Error('usage: scale-child.ts CSV EPOCHS [SEED]');
  const epochs = Number(epochsArg ?? 1);
  const seed = Number(seedArg ?? 0);
  const backend = await initBackend();
  const imported = await timed(() => importTable(csv, {}));
  const table = imported.result;
  const pre = await timed(() => fitPreprocess(table.values, table.genes, { seed }));
  const labels = indexLabels(labelValues(table, 'label')).indices;
  let steps = 0;
  const trained = await timed(() =>
    trainEncoder(
      pre.result.matrix,
      labels,
      { dims: 3, seed, epochs, patience: 0 },
      {
        onProgress: (p) => {
          steps = p.steps;
        },
      },
    ),
  );
  const encoder = trained.result;
  const embedded = await timed(() => encoder.embed(pre.result.matrix));
  encoder.dispose();
  const ranEpochs = encoder.history.length;
  console.log(
    JSON.stringify({
      rows: table.ids.length,
      genes: table.genes.length,
      cols: pre.result.matrix.cols,
      backend: backend.backend,
      importMs: imported.ms,
      preprocessMs: pre.ms,
      epochs: ranEpochs,
      stepsPerEpoch: steps,
      trainMs: trained.ms,
      secondsPerEpoch: trained.ms / 1000 / Math.max(1, ranEpochs),
      embedMs: embedded.ms,
      finiteEmbedding: embedded.result.data.every(Number.isFinite),
    }),
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : String(err));
  process.exit(1);
});
