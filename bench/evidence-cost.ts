/**
 * What the class-evidence step costs on a wide table (issue 13 goal b's step at issue 15's scale): a
 * synthetic `--rows` × `--genes` dense table (10 Gaussian classes, generated in memory, seeded) is preprocessed
 * with the engine's defaults (z-score, PCA to 50), split 80/20, and the encoder's input is built three ways —
 * without the step, with the step reading the PCs (one fit, as recipes saved by earlier versions did without
 * their cross-fits), and as the engine builds it now (reading the z-scored kept genes).
 * Wall and CPU seconds of each build, and the held-out accuracy of the step's argmax, on whatever backend
 * runs. Not part of `npm run bench`.
 *
 * `npx tsx bench/evidence-cost.ts [--rows 100000] [--genes 2000] [--repeats 2]`
 */
import { parseArgs } from 'node:util';
import type { DenseMatrix } from '../src/api/matrix.js';
import { initBackend } from '../src/backend/index.js';
import { encoderInput } from '../src/engine/encoder-input.js';
import { stratifiedSplit } from '../src/evaluate/index.js';
import { selectRows } from '../src/data/select-rows.js';
import {
  appendColumns,
  classEvidenceColumns,
  evidenceFitRows,
  fitClassEvidence,
  fitPreprocess,
} from '../src/preprocess/index.js';
import { deriveSeed, seededRandom } from '../src/util/random.js';
import { noiseOffset, syntheticClasses } from './lib/synthetic-csv.js';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    genes: { type: 'string', default: '2000' },
    repeats: { type: 'string', default: '2' },
  },
});
const rows = Number(values.rows);
const genes = Number(values.genes);

/**
 * Ten overlapping Gaussian classes, bench/lib/synthetic-csv.ts's generator with centres N(0, 0.15²) a gene —
 * close enough that neither classifier is perfect, so the accuracies say something.
 */
function table(): { x: DenseMatrix; labels: Int32Array } {
  const random = seededRandom(0);
  const { centres, noise } = syntheticClasses(random, 10, genes, 0.15);
  const data = new Float32Array(rows * genes);
  const labels = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    labels[r] = r % 10;
    const offset = noiseOffset({ centres, noise }, random, genes);
    for (let g = 0; g < genes; g++) data[r * genes + g] = centres[labels[r]][g] + noise[offset + g];
  }
  return { x: { data, rows, cols: genes }, labels };
}

/** The held-out share whose largest evidence column is its own class. */
function argmaxAccuracy(all: DenseMatrix, k: number, labels: Int32Array, holdout: number[]): number {
  let hits = 0;
  for (const r of holdout) {
    const row = all.data.subarray(r * all.cols + all.cols - k, (r + 1) * all.cols);
    if (row.indexOf(Math.max(...row)) === labels[r]) hits++;
  }
  return hits / holdout.length;
}

/** The step reading the PCs, as recipes saved by earlier versions did (one fit, without their cross-fits). */
function evidenceFromPcs(pre: { matrix: DenseMatrix }, train: number[]): { all: DenseMatrix; k: number } {
  const fitRows = evidenceFitRows(train, seededRandom(deriveSeed(0, 'class-evidence')));
  const step = fitClassEvidence(
    selectRows(pre.matrix, fitRows),
    Int32Array.from(fitRows, (r) => labels[r]),
    index.classes,
    { scale: 10 },
  );
  const k = step.classes.length;
  return { all: appendColumns(pre.matrix, classEvidenceColumns(step, pre.matrix), k), k };
}

const backend = await initBackend();
const { x, labels } = table();
const names = Array.from({ length: genes }, (_, g) => `g${g}`);
const pre = await fitPreprocess(x, names, { seed: 0 });
const parts = stratifiedSplit(labels, 0.2, seededRandom(1));
const index = { indices: labels, classes: Array.from({ length: 10 }, (_, c) => `c${c}`) };
console.log(`${rows} × ${genes}, backend ${backend.backend}; ${pre.matrix.cols} PCs`);
for (let repeat = 0; repeat < Number(values.repeats); repeat++) {
  for (const way of ['none', 'PCs', 'engine'] as const) {
    const w0 = performance.now();
    const c0 = process.cpuUsage();
    let built: { all: DenseMatrix; k: number; space?: string };
    if (way === 'PCs') built = evidenceFromPcs(pre, parts.train);
    else {
      const input = encoderInput(pre, { values: x, genes: names }, index, parts, parts.train, {
        scale: way === 'none' ? 0 : 10,
        seed: 0,
      });
      const step = input.recipe.classEvidence;
      built = {
        all: input.all,
        k: step?.classes.length ?? 0,
        ...(step ? { space: step.space ?? 'pcs' } : {}),
      };
    }
    const cpu = process.cpuUsage(c0);
    const wall = (performance.now() - w0) / 1000;
    const acc = built.k ? argmaxAccuracy(built.all, built.k, labels, parts.holdout).toFixed(3) : '—';
    console.log(
      `${way.padEnd(6)}${built.space ? ` (reads the ${built.space})` : ''} wall ${wall.toFixed(2)} s, CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s, ` +
        `evidence argmax on the hold-out ${acc}`,
    );
  }
}
