/**
 * Tiny tables (issue 13): tens of samples, classes of 2–5. Held-out kNN-5 of the 3-D map averaged over seeds
 * 0–7 (each seed: another stratified split and initialisation), against PCA-3D's on the same splits, at
 * engine defaults (the small-data regime is chosen automatically) and, for comparison, with the standard
 * regime forced. Datasets: golub_leukemia (38 × 7 129, classes of 27 and 11) and seeded subsamples of
 * tissue_gene_expression (4 and 5 cells of each of its 7 tissues).
 *
 * `npx tsx bench/tiny.ts [--seeds 0,1,…] [--settings JSON]`. Writes bench/results/tiny.json and the
 * "Tiny tables" section of bench/README.md (unless --settings is given: then it only prints).
 */
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { importTable } from '../src/data/index.js';
import type { ExpressionTable } from '../src/data/types.js';
import { asDense } from '../src/data/sparse.js';
import { selectRows } from '../src/data/select-rows.js';
import { runTraining } from '../src/engine/run-training.js';
import type { TrainSettings } from '../src/engine/types.js';
import { sharedDataPath } from '../src/util/paths.js';
import { seededRandom, shuffleInPlace } from '../src/util/random.js';
import { machineInfo } from './lib/machine.js';
import { markdownTable, num, updateReadmeSection } from './lib/markdown.js';
import { writeResult } from './lib/results.js';

/** `perClass` rows of every class of `column`, drawn with a fixed seed (the same subsample every run). */
export function subsampleTable(table: ExpressionTable, column: string, perClass: number): ExpressionTable {
  const values = table.metadata.find((m) => m.name === column)!.values;
  const random = seededRandom(13);
  const byClass = new Map<string, number[]>();
  values.forEach((v, r) => byClass.set(v, [...(byClass.get(v) ?? []), r]));
  const rows = [...byClass.keys()]
    .sort()
    .flatMap((c) => shuffleInPlace(random, byClass.get(c)!).slice(0, perClass))
    .sort((a, b) => a - b);
  return {
    ...table,
    ids: rows.map((r) => table.ids[r]),
    values: selectRows(asDense(table.values), rows),
    metadata: table.metadata.map((m) => ({ ...m, values: rows.map((r) => m.values[r]) })),
    warnings: [],
  };
}

interface TinyRow {
  dataset: string;
  cells: number;
  regime: string;
  holdout: number;
  knn: (number | null)[];
  pca: (number | null)[];
  note?: string;
}

const mean = (v: (number | null)[]): number => {
  const ok = v.filter((x): x is number => x !== null);
  return ok.reduce((s, x) => s + x, 0) / ok.length;
};

async function tinyTables(): Promise<{ name: string; table: ExpressionTable }[]> {
  const golub = await importTable(sharedDataPath('golub_leukemia.csv'), {});
  const tissue = await importTable(sharedDataPath('tissue_gene_expression.csv'), {});
  return [
    { name: 'golub_leukemia', table: golub },
    { name: 'tissue, 5 per class', table: subsampleTable(tissue, 'label', 5) },
    { name: 'tissue, 4 per class', table: subsampleTable(tissue, 'label', 4) },
  ];
}

async function measure(
  name: string,
  table: ExpressionTable,
  seeds: number[],
  settings: Partial<TrainSettings>,
): Promise<TinyRow> {
  const row: TinyRow = { dataset: name, cells: table.ids.length, regime: '', holdout: 0, knn: [], pca: [] };
  for (const seed of seeds) {
    const run = await runTraining(table, { labelColumn: 'label', dims: 3, seed, ...settings });
    run.encoder.dispose();
    row.regime = run.report.regime;
    row.holdout = run.report.split.holdout;
    row.note = run.report.metricNotes?.knn_holdout;
    row.knn.push(run.metrics.knn_holdout);
    row.pca.push(run.metrics.knn_holdout_pca);
  }
  process.stderr.write(
    `${name} (${row.regime}): kNN-5 ${num(mean(row.knn), 3)} vs PCA-3D ${num(mean(row.pca), 3)}\n`,
  );
  return row;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { seeds: { type: 'string' }, settings: { type: 'string' } } });
  const seeds = (values.seeds ?? '0,1,2,3,4,5,6,7').split(',').map(Number);
  const tables = await tinyTables();
  if (values.settings) {
    for (const { name, table } of tables) await measure(name, table, seeds, JSON.parse(values.settings));
  } else {
    const rows: TinyRow[] = [];
    for (const { name, table } of tables) {
      rows.push(await measure(name, table, seeds, {}));
      rows.push(await measure(name, table, seeds, { regime: 'standard' }));
    }
    const machine = machineInfo();
    await writeResult('tiny', { machine, seeds, rows });
    await updateReadmeSection(
      'tiny',
      [
        '## Tiny tables',
        '',
        `\`npx tsx bench/tiny.ts\` — ${machine.date.slice(0, 10)}, commit ${machine.gitCommit ?? '?'}. 3-D maps, ` +
          `seeds ${seeds.join(', ')} (each: another stratified 20% hold-out and initialisation); held-out kNN-5 ` +
          'of the map and of PCA-3D on the same split, averaged over the seeds. "auto" is the engine default, ' +
          'which picks the regime itself; "standard" forces the regime of larger tables. The note is what ' +
          'the run report says beside the metric.',
        '',
        markdownTable(
          [
            'table',
            'cells',
            'hold-out cells',
            'regime',
            'kNN-5 map (mean)',
            'kNN-5 PCA-3D (mean)',
            'map − PCA',
            'per seed',
            'note',
          ],
          rows.map((r) => [
            r.dataset,
            String(r.cells),
            String(r.holdout),
            r.regime,
            num(mean(r.knn), 3),
            num(mean(r.pca), 3),
            num(mean(r.knn) - mean(r.pca), 3),
            r.knn.map((v) => num(v, 2)).join(' '),
            r.note ?? '',
          ]),
        ),
      ].join('\n'),
    );
  }
}
