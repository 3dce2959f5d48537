/**
 * The trainer's one-off warm-up (issue 15 goal 1 on the tiny tables): a few short training runs on a small
 * synthetic table, so that the first real run of the process does not pay for V8 compiling the trainer's
 * JavaScript (tfjs's op dispatch, the sampler, the step) and for the backend's first kernels. Measured on
 * golub_leukemia (30 training cells, native backend): the set-up before the first step and the first steps
 * cost 2–3× their steady CPU time in a fresh process (bench/README.md, "Tiny tables: the warm-up and the
 * learning rate").
 *
 * umap-learn has the same one-off cost (numba's JIT compilation), which its benchmark and its users pay
 * once per process; this is TripletLens's analogue, run by the engine worker as soon as it starts (the
 * desktop app and `serve`) and by the benchmark before its clock starts, stated there as the warm-up
 * column. It touches no seeded stream of a later run: the table and the run draw from their own seed.
 */
import type { DenseMatrix } from '../api/matrix.js';
import { seededRandom } from '../util/random.js';
import { trainEncoder } from './train-encoder.js';

/** What the warm-up trains on and how long. */
export interface WarmUpOptions {
  /**
   * Runs, each from its own seed: the set-up (sampler, network, optimizer) runs once a run, so several
   * short runs make it ready too, where one long run readies only the step. Default 4.
   */
  runs?: number;
  /** Epochs of each run (one step each on the default table). Default 10. */
  epochs?: number;
  /** Rows of the synthetic table. Default 64. */
  rows?: number;
  /** Columns of the synthetic table. Default 24. */
  cols?: number;
  /** Aborting ends the warm-up early (it resolves; nothing is left allocated). Default: none. */
  signal?: AbortSignal;
}

/** What the warm-up took. */
export interface WarmUpResult {
  /** Wall milliseconds. */
  wallMs: number;
  /** Epochs it ran, over all runs. */
  epochs: number;
}

/** Classes of the synthetic table. */
const WARM_UP_CLASSES = 4;
/** The synthetic table's seed: fixed, and apart from every run's streams. */
const WARM_UP_SEED = 0x5eed;

/** A table of `rows` × `cols` in WARM_UP_CLASSES classes that separate in the input, and its labels. */
export function warmUpTable(rows: number, cols: number): { x: DenseMatrix; labels: Int32Array } {
  const random = seededRandom(WARM_UP_SEED);
  const data = new Float32Array(rows * cols);
  const labels = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    labels[r] = r % WARM_UP_CLASSES;
    for (let c = 0; c < cols; c++) {
      data[r * cols + c] = random() * 2 - 1 + (c % WARM_UP_CLASSES === labels[r] ? 2 : 0);
    }
  }
  return { x: { rows, cols, data }, labels };
}

/**
 * Trains and embeds `runs` times on a synthetic table with the default options (every epoch's map
 * embedded, as a run's snapshots are), freeing everything. Never throws for an abort: it stops and resolves.
 */
export async function warmUpTrainer(options: WarmUpOptions = {}): Promise<WarmUpResult> {
  const started = performance.now();
  const { x, labels } = warmUpTable(options.rows ?? 64, options.cols ?? 24);
  const runs = options.runs ?? 4;
  let epochs = 0;
  for (let run = 0; run < runs && !options.signal?.aborted; run++) {
    const encoder = await trainEncoder(
      x,
      labels,
      { dims: 3, epochs: options.epochs ?? 10, patience: 0, seed: WARM_UP_SEED + run },
      {
        snapshotEvery: 1,
        onCheckpoint: async (embed) => void (await embed(x)),
        onProgress: () => !options.signal?.aborted,
      },
    );
    try {
      encoder.embed(x);
      epochs += encoder.history.length;
    } finally {
      encoder.dispose();
    }
  }
  return { wallMs: performance.now() - started, epochs };
}
