/**
 * Where a session's memory goes when it is reopened: trains a short map on a synthetic table of `--cells` cells
 * × `--genes` genes in process (as serve's worker holds it), saves the session, then reopens it `--reopens`
 * times from its path (the input found, so re-imported). After each step it collects garbage (--expose-gc)
 * and prints one JSON line: process.memoryUsage() in MB, and which of the engine's earlier tables, runs and
 * encoders are still alive (WeakRefs taken before each reopen). A leak shows as earlier objects alive and
 * arrayBuffers growing with each reopen; RSS alone also keeps what the allocator does not give back.
 * By hand: `node --expose-gc --import tsx bench/reopen-memory.ts [--cells 100000] [--genes 200] [--reopens 3]
 * [--h5ad FILE --label cell_type]`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { EngineSession } from '../src/engine/session.js';
import { writeSyntheticCsv } from './lib/synthetic-csv.js';
import { trainAndPredict } from './lib/run-finished.js';

const { values } = parseArgs({
  options: {
    cells: { type: 'string', default: '100000' },
    genes: { type: 'string', default: '200' },
    steps: { type: 'string', default: '200' },
    reopens: { type: 'string', default: '3' },
    /** An h5ad to open instead of the synthetic table (its label column `--label`). */
    h5ad: { type: 'string' },
    label: { type: 'string', default: 'cell_type' },
  },
});

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

/** The session's private holdings this benchmark follows (read only, for WeakRefs). */
interface Held {
  loaded: { table: object } | null;
  last: { run: { encoder: object }; table: object } | null;
}

/** Collects garbage until nothing more goes (a few rounds, the event loop turning between). */
async function collect(): Promise<void> {
  for (let i = 0; i < 4; i++) {
    gc!();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const mb = (bytes: number) => Math.round(bytes / 2 ** 20);

async function report(step: string, alive: Record<string, WeakRef<object>[]>): Promise<void> {
  await collect();
  const m = process.memoryUsage();
  const counts = Object.fromEntries(
    Object.entries(alive).map(([k, refs]) => [k, refs.filter((r) => r.deref() !== undefined).length]),
  );
  console.log(
    JSON.stringify({
      step,
      rssMB: mb(m.rss),
      heapUsedMB: mb(m.heapUsed),
      externalMB: mb(m.external),
      arrayBuffersMB: mb(m.arrayBuffers),
      alive: counts,
      load1: Number(loadavg()[0].toFixed(2)),
    }),
  );
}

async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tl-bench-reopen-memory-'));
  const engine = new EngineSession();
  const held = engine as unknown as Held;
  const alive: Record<string, WeakRef<object>[]> = { tables: [], runTables: [], encoders: [] };
  const remember = () => {
    if (held.loaded) alive.tables.push(new WeakRef(held.loaded.table));
    if (held.last) {
      alive.runTables.push(new WeakRef(held.last.table));
      alive.encoders.push(new WeakRef(held.last.run.encoder));
    }
  };
  try {
    let input = values.h5ad;
    if (input === undefined) {
      input = join(dir, 'data.csv');
      await writeSyntheticCsv(input, { rows: Number(values.cells), cols: Number(values.genes), seed: 1 });
    }
    await report('start', alive);
    await engine.openFile({ kind: 'path', path: input });
    await report('opened', alive);
    await trainAndPredict(engine, values.h5ad === undefined ? 'label' : values.label, Number(values.steps));
    await report('trained', alive);
    const saved = await engine.saveSession({ editedLabels: null, selection: new Int32Array(0), view: null });
    const file = join(dir, 'reopen.tripletlens');
    writeFileSync(file, saved.bytes);
    await report('saved', alive);
    for (let i = 1; i <= Number(values.reopens); i++) {
      remember();
      const opened = await engine.openSession({ kind: 'path', path: file });
      if (opened.inputStatus !== 'attached') throw new Error(`input ${opened.inputStatus}`);
      await engine.runPredictions();
      await report(`reopen ${i}`, alive);
    }
  } finally {
    engine.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

void run().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
