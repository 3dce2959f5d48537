/**
 * The engine's memory at its peak while the loaded data is replaced, as the page replaces it through the engine
 * session (in process, as serve's worker holds it): the first open of `--file`, optionally a short training run
 * on it (`--train`), "Re-open with these settings" (the same file again, other preview settings, as Import
 * settings sends them), a refused re-open (a layer the file does not have: the old data must stay), opening
 * `--other` (another file while one is loaded) and joining `--meta` to it (openMetadata).
 * The session is given V8's full collection as the engine worker gives it (`--without-collection`: none).
 * For each step one JSON line: the process's peak RSS during the step (Linux's VmHWM, reset through
 * /proc/self/clear_refs before it), the sampled peak of external memory and of array buffers
 * (process.memoryUsage() every 20 ms; the importer yields between chunks), each also as its rise over the
 * figure before the step, and RSS / array buffers after a full collection once the step is done.
 * By hand: `node --expose-gc --import tsx bench/replace-memory.ts --file A.h5ad --other B.h5ad --meta B.csv
 * [--train --label cell_type] [--without-collection]`; inputs from bench/sparse/make_counts.py (`--cells 200000 --genes 2000
 * --density 0.1 --atlas-obs`). Not in `npm run bench`: it needs ~1.5 GB of generated files.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { EngineSession } from '../src/engine/session.js';
import { trainAndPredict } from './lib/run-finished.js';

const { values } = parseArgs({
  options: {
    file: { type: 'string' },
    other: { type: 'string' },
    meta: { type: 'string' },
    train: { type: 'boolean', default: false },
    label: { type: 'string', default: 'cell_type' },
    steps: { type: 'string', default: '100' },
    /** Without the full collection the engine worker runs before a read (EngineSessionOptions.collectGarbage). */
    'without-collection': { type: 'boolean', default: false },
  },
});

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

const mb = (bytes: number) => Math.round(bytes / 2 ** 20);

/** The process's peak resident set since the last reset, in bytes (VmHWM). */
function peakRss(): number {
  const kb = /VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'));
  return kb ? Number(kb[1]) * 1024 : NaN;
}

/** Collects garbage until nothing more goes (a few rounds, the event loop turning between). */
async function collect(): Promise<void> {
  for (let i = 0; i < 4; i++) {
    gc!();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Runs `work` with the peak RSS reset before it and external / array-buffer memory sampled during it. */
async function measured(step: string, work: () => Promise<unknown>): Promise<void> {
  await collect();
  const before = process.memoryUsage();
  // '5' resets the peak resident set to the current one (Linux ≥ 4.0), so VmHWM is this step's own peak
  writeFileSync('/proc/self/clear_refs', '5');
  let external = before.external;
  let arrayBuffers = before.arrayBuffers;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    external = Math.max(external, m.external);
    arrayBuffers = Math.max(arrayBuffers, m.arrayBuffers);
  }, 20);
  let outcome = 'ok';
  try {
    await work();
  } catch (err) {
    outcome = `refused: ${(err instanceof Error ? err.message : String(err)).slice(0, 80)}`;
  } finally {
    clearInterval(sampler);
  }
  const peak = peakRss();
  await collect();
  const after = process.memoryUsage();
  console.log(
    JSON.stringify({
      step,
      outcome,
      beforeRssMB: mb(before.rss),
      peakRssMB: mb(peak),
      riseRssMB: mb(peak - before.rss),
      peakExternalMB: mb(external),
      riseExternalMB: mb(external - before.external),
      peakArrayBuffersMB: mb(arrayBuffers),
      afterRssMB: mb(after.rss),
      afterHeapUsedMB: mb(after.heapUsed),
      afterHeapTotalMB: mb(after.heapTotal),
      afterArrayBuffersMB: mb(after.arrayBuffers),
      load1: Number(loadavg()[0].toFixed(2)),
    }),
  );
}

async function run(): Promise<void> {
  const { file, other, meta } = values;
  if (!file) throw new Error('--file is required');
  // as the engine worker does (worker/full-collection.ts), unless measuring without it
  const engine = new EngineSession(values['without-collection'] ? {} : { collectGarbage: gc });
  try {
    await measured('open', () => engine.openFile({ kind: 'path', path: file }));
    if (values.train) {
      await measured('train + predictions', async () => {
        await trainAndPredict(engine, values.label, Number(values.steps));
      });
    }
    await measured('re-open with other settings', () =>
      engine.openFile({ kind: 'path', path: file }, { previewRows: 20, previewColumns: 20 }),
    );
    await measured('refused re-open (unknown layer)', () =>
      engine.openFile({ kind: 'path', path: file }, { layer: 'no-such-layer' }),
    );
    if (other) await measured('open another file', () => engine.openFile({ kind: 'path', path: other }));
    if (meta) await measured('metadata join', () => engine.openMetadata({ kind: 'path', path: meta }));
  } finally {
    engine.dispose();
  }
}

void run().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
