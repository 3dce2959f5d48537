/**
 * Neighbour search (issues 3 and 6): time and peak RSS of the trainer's input-space neighbour set-up
 * (10 neighbours of every row) at 100 000 × 50 and 1 000 000 × 50 clustered points, each in a fresh process,
 * and at 100 000 rows the recall against the exact search on a 2 000-query sample.
 */
import { lastJsonLine, runTsScript } from './lib/child.js';
import { markdownTable, num, updateReadmeSection } from './lib/markdown.js';
import { writeResult } from './lib/results.js';

interface NeighbourRow {
  rows: number;
  cols: number;
  k: number;
  method: string;
  searchMs: number;
  recall: number | null;
  exactSampleMs: number | null;
  peakRssMb: number | null;
}

const SHAPES: { rows: number; cols: number; recallQueries: number }[] = [
  { rows: 100_000, cols: 50, recallQueries: 2000 },
  { rows: 1_000_000, cols: 50, recallQueries: 0 },
];

function section(rows: NeighbourRow[]): string {
  const table = markdownTable(
    ['rows × cols', 'method', 'set-up (s)', 'peak RSS (MB)', 'recall@10 vs exact'],
    rows.map((r) => [
      `${r.rows.toLocaleString('en')} × ${r.cols}`,
      r.method,
      num(r.searchMs / 1000, 1),
      r.peakRssMb === null ? '—' : num(r.peakRssMb, 0),
      r.recall === null ? '—' : `${num(r.recall, 3)} (2 000 queries)`,
    ]),
  );
  return [
    '## Neighbour search',
    '',
    'The trainer finds 10 input-space neighbours of every row before training (`neighbourShare`, unlabeled',
    'rows). Up to 20 000 rows that search is exact; above, a seeded random-projection forest',
    '(src/neighbours/approximate-neighbours.ts: 6 trees, leaves ≤ 96 rows, 2 rounds of neighbour-of-neighbour',
    'refinement). Clustered synthetic data (50 clusters, per-column spread decaying like PCA components), each',
    'shape in a fresh process; peak RSS includes the data and Node/tfjs start-up. With the exact search',
    "the trainer's set-up took 89 s at 100 000 × 2 000 (× 50 after PCA) and 1 000 000 × 50 did not finish",
    '(stopped after 11 min at 8.6 GB; see Scale).',
    '',
    table,
  ].join('\n');
}

export async function runNeighboursBench(): Promise<NeighbourRow[]> {
  const rows: NeighbourRow[] = [];
  for (const shape of SHAPES) {
    const child = await runTsScript('bench/lib/neighbours-child.ts', [
      String(shape.rows),
      String(shape.cols),
      '0',
      String(shape.recallQueries),
    ]);
    const report = lastJsonLine<Omit<NeighbourRow, 'peakRssMb'>>(child, `neighbours ${shape.rows}`);
    rows.push({ ...report, peakRssMb: child.peakRssMb });
    console.error(`neighbours ${shape.rows} × ${shape.cols}: ${JSON.stringify(rows.at(-1))}`);
  }
  await writeResult('neighbours', rows);
  await updateReadmeSection('neighbours', section(rows));
  return rows;
}
