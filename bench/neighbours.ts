/**
 * Neighbour search (issues 3, 6 and 15): time and peak RSS of the trainer's input-space neighbour set-up
 * (10 neighbours of every row) at 100 000 × 50 and 1 000 000 × 50 clustered points on 1 and 2 worker threads
 * (1, 2, 2, 1 in turn), each run in a fresh process, with the search's wall and CPU seconds and the machine's 1-minute load average
 * before and after it beside each row (other work on the machine slows a run: the load says how much), a
 * check that both thread counts found the same neighbours, and at 100 000 rows the recall against the exact
 * search on a 2 000-query sample.
 */
import { lastJsonLine, runTsScript } from './lib/child.js';
import { markdownTable, num, updateReadmeSection } from './lib/markdown.js';
import { writeResult } from './lib/results.js';

interface NeighbourRow {
  rows: number;
  cols: number;
  k: number;
  method: string;
  threads: number;
  searchMs: number;
  searchCpuMs: number;
  loadBefore: number;
  loadAfter: number;
  checksum: string;
  recall: number | null;
  exactSampleMs: number | null;
  peakRssMb: number | null;
}

const SHAPES: { rows: number; cols: number; recallQueries: number }[] = [
  { rows: 100_000, cols: 50, recallQueries: 2000 },
  { rows: 1_000_000, cols: 50, recallQueries: 0 },
];

/**
 * The thread counts compared (issue 15: the speed-up from 1 to 2 threads), in A-B-B-A order so that a load
 * that rises or falls through the runs (other work on a shared machine) weighs on both counts alike.
 */
const THREAD_ORDER = [1, 2, 2, 1];

/** Mean wall time of the runs of one shape with `threads` threads. */
function meanWall(rows: NeighbourRow[], shape: NeighbourRow, threads: number): number {
  const runs = rows.filter((r) => r.rows === shape.rows && r.threads === threads);
  return runs.reduce((sum, r) => sum + r.searchMs, 0) / runs.length;
}

function section(rows: NeighbourRow[], date: string): string {
  const single = (r: NeighbourRow) => rows.find((s) => s.rows === r.rows && s.threads === 1);
  const table = markdownTable(
    [
      'rows × cols',
      'method',
      'threads',
      'wall (s)',
      'CPU (s)',
      'cores used (CPU ÷ wall)',
      'speed-up: mean wall 1 thread ÷ 2 threads',
      'same neighbours as the first run',
      'peak RSS (MB)',
      'recall@10 vs exact',
      'load avg (1 min, before → after)',
    ],
    rows.map((r) => [
      `${r.rows.toLocaleString('en')} × ${r.cols}`,
      r.method,
      r.threads,
      num(r.searchMs / 1000, 1),
      num(r.searchCpuMs / 1000, 1),
      num(r.searchCpuMs / r.searchMs, 2),
      r.threads === 1 || r !== rows.find((s) => s.rows === r.rows && s.threads === r.threads)
        ? '—'
        : `${num(meanWall(rows, r, 1) / meanWall(rows, r, r.threads), 2)}×`,
      r === single(r) ? '—' : single(r)?.checksum === r.checksum ? 'yes' : 'NO',
      r.peakRssMb === null ? '—' : num(r.peakRssMb, 0),
      r.recall === null ? '—' : `${num(r.recall, 3)} (2 000 queries)`,
      `${num(r.loadBefore, 1)} → ${num(r.loadAfter, 1)}`,
    ]),
  );
  return [
    '## Neighbour search',
    '',
    'The trainer finds 10 input-space neighbours of every row before training (`neighbourShare`, unlabeled',
    'rows). Up to 20 000 rows that search is exact; above, a seeded random-projection forest',
    '(src/neighbours/approximate-neighbours.ts: 6 trees, leaves ≤ 96 rows, 2 rounds of neighbour-of-neighbour',
    'refinement). Clustered synthetic data (50 clusters, per-column spread decaying like PCA components), each',
    'run in a fresh process; peak RSS includes the data and Node/tfjs start-up. With the exact search',
    "the trainer's set-up took 89 s at 100 000 × 2 000 (× 50 after PCA) and 1 000 000 × 50 did not finish",
    '(stopped after 11 min at 8.6 GB; see Scale).',
    '',
    `Threads (\`--threads\`, issue 15; measured ${date}): the trees (each from its own seed, drawn up front),`,
    'the per-query search and the refinement rounds run on worker threads sharing the matrix, the forest',
    'and the lists through SharedArrayBuffers (src/neighbours/forest-threads.ts). CPU seconds count every',
    "thread of the process. The load average is the machine's: on this 2-core machine a load above 2 means",
    'other work competed for the cores during the run, so the speed-up below is a figure under that load,',
    'not the speed-up of an idle machine. Each shape runs 1, 2, 2, 1 threads in turn (a load that changes',
    'through the runs weighs on both counts alike); "cores used" shows how much CPU each run actually got.',
    '',
    table,
  ].join('\n');
}

export async function runNeighboursBench(): Promise<NeighbourRow[]> {
  const rows: NeighbourRow[] = [];
  for (const shape of SHAPES) {
    for (const [run, threads] of THREAD_ORDER.entries()) {
      const child = await runTsScript('bench/lib/neighbours-child.ts', [
        String(shape.rows),
        String(shape.cols),
        '0',
        String(run === 0 ? shape.recallQueries : 0),
        String(threads),
      ]);
      const report = lastJsonLine<Omit<NeighbourRow, 'peakRssMb'>>(
        child,
        `neighbours ${shape.rows} × ${shape.cols}, ${threads} thread(s)`,
      );
      rows.push({ ...report, peakRssMb: child.peakRssMb });
      console.error(`neighbours ${shape.rows} × ${shape.cols}: ${JSON.stringify(rows.at(-1))}`);
    }
  }
  await writeResult('neighbours', rows);
  await updateReadmeSection('neighbours', section(rows, new Date().toISOString().slice(0, 10)));
  return rows;
}
