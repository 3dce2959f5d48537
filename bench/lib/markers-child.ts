/**
 * One measurement of the markers benchmark, in its own process (GNU time's peak RSS is its own): import the
 * sparse benchmark's .h5ad with importTable, then EngineApi.markerGenes' computation (src/markers) for a few
 * selections, each timed alone. Prints one JSON line: import time, RSS after import (the table alone) and,
 * per case, cells on each side, wall and CPU seconds (the CPU is shared: CPU time says what the call cost)
 * and the top genes.
 *
 * Usage: markers-child.ts PATH.h5ad [SEED]
 */
import { importTable } from '../../src/data/import-table.js';
import { storedValues } from '../../src/data/sparse.js';
import { loadavg } from 'node:os';
import type { CsrMatrix } from '../../src/data/types.js';
import { markerGenes, type MarkerStats } from '../../src/markers/marker-genes.js';
import { forgetRankIndex } from '../../src/markers/rank-index-store.js';
import { buildRankIndexThreaded } from '../../src/markers/rank-index-threads.js';
import { indexInBackground, sessionMarkers } from '../../src/markers/session-markers.js';
import { resolveThreads } from '../../src/neighbours/thread-count.js';
import { csrLibraryFactors } from '../../src/preprocess/csr-transform.js';
import { DEFAULT_TARGET_SUM } from '../../src/preprocess/resolve-options.js';
import { randomInt, seededRandom, type Random } from '../../src/util/random.js';

/** `count` distinct rows of [0, rows) drawn with a seeded generator, sorted. */
function randomRows(rows: number, count: number, random: Random, exclude?: Set<number>): Int32Array {
  const picked = new Set<number>();
  while (picked.size < count) {
    const r = randomInt(random, rows);
    if (!exclude?.has(r)) picked.add(r);
  }
  return Int32Array.from([...picked].sort((a, b) => a - b));
}

interface Run {
  name: string;
  group: number | null;
  reference: number | null;
  seconds: number;
  cpuSeconds: number;
  top: string[];
  index: string;
  rssMb: number;
  /** The 1-minute load average when the call started. */
  load: number;
  /** A threaded build alone: each worker thread's own CPU seconds. */
  workerCpuSeconds?: number[];
}

/** Times `call` alone (wall, and CPU of every thread of the process: worker threads included). */
async function timed(name: string, call: () => Promise<MarkerStats | null>, index: string): Promise<Run> {
  const load = loadavg()[0];
  const start = performance.now();
  const cpu = process.cpuUsage();
  const result = await call();
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  console.error(`  ${name}: ${seconds.toFixed(2)} s (load ${load.toFixed(1)})`);
  return {
    name,
    group: result?.groupSize ?? null,
    reference: result?.referenceSize ?? null,
    seconds,
    cpuSeconds: (used.user + used.system) / 1e6,
    top: result?.genes.slice(0, 3).map((g) => g.gene) ?? [],
    index,
    rssMb: process.memoryUsage().rss / 2 ** 20,
    load,
  };
}

async function main(): Promise<void> {
  const [path, seedArg] = process.argv.slice(2);
  if (!path) throw new Error('usage: markers-child.ts PATH.h5ad [SEED]');
  const t0 = performance.now();
  const table = await importTable(path);
  const importMs = performance.now() - t0;
  const rssAfterImportMb = process.memoryUsage().rss / 2 ** 20;
  const rows = table.values.rows;
  const types = table.metadata.find((m) => m.name === 'cell_type')?.values ?? [];
  const first = types[0];
  const cluster = Int32Array.from(types.flatMap((t, r) => (t === first ? [r] : [])));
  const random = seededRandom(Number(seedArg ?? 0));
  const small = randomRows(rows, 1000, random);
  const other = randomRows(rows, 1000, random, new Set(small));
  const half = Int32Array.from({ length: Math.floor(rows / 2) }, (_, i) => i * 2);
  const request = (group: Int32Array, reference: 'rest' | Int32Array = 'rest') => ({
    group,
    reference,
    genes: 20,
  });
  const threads = resolveThreads();
  const session = (group: Int32Array, reference: 'rest' | Int32Array = 'rest') =>
    sessionMarkers(table, 'bench', request(group, reference), { threads });
  const runs: Run[] = [];
  // as the engine does it: the background build starts when the data opens, and the user asks at once (the
  // worst case: the call awaits the whole build; the value scale is found here for the first time too)
  runs.push(
    await timed(
      `cell type '${first}' vs rest, asked at once after import (awaits the background build)`,
      () => {
        void indexInBackground(table, { threads });
        return session(cluster);
      },
      'awaited',
    ),
  );
  forgetRankIndex();
  runs.push(
    await timed(
      `cell type '${first}' vs rest, direct path (no index)`,
      async () => markerGenes(table.values, table.genes, request(cluster), { rankIndex: false }),
      'none',
    ),
  );
  runs.push(
    await timed(
      `cell type '${first}' vs rest, index built in the calling thread (as before)`,
      async () => markerGenes(table.values, table.genes, request(cluster)),
      'built in thread',
    ),
  );
  // the build alone on 1 and on `threads` threads, interleaved (the machine's load drifts)
  const csr = table.values as CsrMatrix;
  const factors = csrLibraryFactors(csr, DEFAULT_TARGET_SUM, table.genes);
  for (const n of [1, threads, 1, threads]) {
    forgetRankIndex();
    const report = { workerCpuSeconds: [] as number[] };
    const run = await timed(
      `rank index build alone, ${n} thread${n === 1 ? '' : 's'}`,
      async () => {
        await buildRankIndexThreaded(csr, table.genes, factors, { threads: n, report });
        return null;
      },
      `build, ${n} thread${n === 1 ? '' : 's'}`,
    );
    runs.push({ ...run, workerCpuSeconds: report.workerCpuSeconds });
  }
  // what a user who trains first sees: the background build is over when the first call comes
  forgetRankIndex();
  runs.push(
    await timed(
      'background build after opening (nothing asked meanwhile)',
      async () => {
        await indexInBackground(table, { threads });
        return null;
      },
      `build, ${threads} threads`,
    ),
  );
  runs.push(
    await timed(
      `cell type '${first}' vs rest, first call after the background build`,
      () => session(cluster),
      'used',
    ),
  );
  runs.push(await timed('1 000 random cells vs rest', () => session(small), 'used'));
  runs.push(await timed('1 000 random cells vs 1 000 others', () => session(small, other), 'none'));
  runs.push(await timed('every other cell vs rest (half vs half)', () => session(half), 'used'));
  runs.push(await timed(`cell type '${first}' vs rest, again`, () => session(cluster), 'used'));
  console.log(
    JSON.stringify({
      cells: rows,
      genes: table.values.cols,
      storedValues: storedValues(table.values),
      format: table.values.format ?? 'dense',
      importSeconds: importMs / 1000,
      rssAfterImportMb,
      runs,
    }),
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
