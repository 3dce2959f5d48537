/**
 * serve's engine worker through a session reopened (by hand, beside reopen-memory.ts, which runs the engine in
 * process): the worker that `tripletlens serve` starts (dist/worker/engine-worker.js, `npm run build` first),
 * driven by the host client as serve drives it — open an h5ad, train a short map, save the session, reopen it
 * `--reopens` times. After each step one JSON line: the worker's RSS as serve would see it, then after a heap
 * snapshot (the worker runs with --heapsnapshot-signal; a snapshot collects garbage first, but its making
 * costs memory too, so this RSS is no clean "after GC" figure — the snapshots are the evidence: written to a
 * temporary folder, named in the line, kept with --keep), and the host's RSS.
 * `node --import tsx bench/reopen-memory-worker.ts --h5ad FILE [--label cell_type] [--steps 200] [--reopens 2]
 * [--query QUERY.h5ad] [--keep]` (with --query, walk-100k's markers, projection and h5ad export come before the reopens).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { forkSpawner } from '../src/worker/spawner.js';
import { createWorkerEngine, type WorkerEngine } from '../src/worker/worker-client.js';
import { packageRoot } from '../src/util/paths.js';
import { trainAndPredict } from './lib/run-finished.js';

const { values } = parseArgs({
  options: {
    h5ad: { type: 'string' },
    label: { type: 'string', default: 'cell_type' },
    steps: { type: 'string', default: '200' },
    reopens: { type: 'string', default: '2' },
    keep: { type: 'boolean', default: false },
    /** Before the reopens, walk-100k's other calls: markers, this query projected, the h5ad export. */
    query: { type: 'string' },
  },
});
if (!values.h5ad) throw new Error('--h5ad FILE is required');

const mb = (bytes: number) => Math.round(bytes / 2 ** 20);

function rssOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Number(line?.match(/\d+/)?.[0] ?? 0) * 1024;
}

/** Sends SIGUSR2 (a heap snapshot, after a full collection) and waits for the snapshot file to be complete. */
async function collectWorker(pid: number, dir: string): Promise<string> {
  const before = new Set(readdirSync(dir));
  process.kill(pid, 'SIGUSR2');
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const fresh = readdirSync(dir).filter((f) => !before.has(f) && f.endsWith('.heapsnapshot'));
    if (!fresh.length) continue;
    // complete once its size stops changing (getState cannot tell: the host answers it when the worker is busy)
    let size = -1;
    for (;;) {
      const now = statSync(join(dir, fresh[0])).size;
      if (now > 0 && now === size) return fresh[0];
      size = now;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

async function report(step: string, engine: WorkerEngine, dir: string): Promise<void> {
  const pid = engine.workerPid();
  if (pid === null) throw new Error('no worker');
  const asIs = rssOf(pid);
  const snapshot = await collectWorker(pid, dir);
  console.log(
    JSON.stringify({
      step,
      workerRssMB: mb(asIs),
      workerRssAfterSnapshotMB: mb(rssOf(pid)),
      hostRssMB: mb(process.memoryUsage().rss),
      snapshot,
      load1: Number(loadavg()[0].toFixed(2)),
    }),
  );
}

async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tl-bench-reopen-worker-'));
  const engine = createWorkerEngine(
    forkSpawner({
      script: join(packageRoot(), 'dist', 'worker', 'engine-worker.js'),
      execArgv: ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${dir}`],
    }),
  );
  try {
    await engine.backendInfo();
    await report('started', engine, dir);
    await engine.openFile({ kind: 'path', path: values.h5ad! });
    await report('opened', engine, dir);
    await trainAndPredict(engine, values.label, Number(values.steps));
    await report('trained', engine, dir);
    const saved = await engine.saveSession({ editedLabels: null, selection: new Int32Array(0), view: null });
    const file = join(dir, 'reopen.tripletlens');
    writeFileSync(file, saved.bytes);
    await report('saved', engine, dir);
    if (values.query !== undefined) {
      const group = Int32Array.from({ length: 30_000 }, (_, i) => i);
      await engine.markerGenes({ group });
      await report('markers', engine, dir);
      await engine.embedFile({ kind: 'path', path: values.query });
      await report('projected', engine, dir);
      await engine.exportAnnData(null, { kind: 'path', path: join(dir, 'export.h5ad') });
      rmSync(join(dir, 'export.h5ad'), { force: true });
      await report('h5ad export', engine, dir);
    }
    for (let i = 1; i <= Number(values.reopens); i++) {
      const opened = await engine.openSession({ kind: 'path', path: file });
      if (opened.inputStatus !== 'attached') throw new Error(`input ${opened.inputStatus}`);
      await engine.runPredictions();
      await report(`reopen ${i}`, engine, dir);
    }
  } finally {
    await engine.dispose();
    if (!values.keep) rmSync(dir, { recursive: true, force: true });
    else console.error(`snapshots kept in ${dir}`);
  }
}

void run().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
