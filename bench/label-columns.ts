/**
 * The label column's checks on an atlas's obs: `tripletlens train`'s check of `--label`
 * (`requireLabelColumn`, src/cli/commands/train.ts), the Import screen's dataset summary (`datasetSummary`,
 * src/engine/session-summary.ts: its metadata columns, the label picker's continuous flags and the suggested
 * label), the label picker's class counts (`labelColumnSummary`) and `tripletlens inspect`'s label facts
 * (`inspectTable`). The obs is 40 columns of the kinds an
 * atlas h5ad holds — 14 categoricals, 12 float QC metrics, 8 integer counts, 4 strings, 2 booleans — built in
 * memory as the h5ad reader gives them (every value as text), or read from an h5ad (`--h5ad FILE`, e.g. one
 * written by bench/sparse/make_obs_atlas.py), whose import is then timed too.
 *
 * Each step runs in a child process of its own (so its memory peak is its own): the table is built, the
 * garbage collected, then the step runs `--repeat` times (3); the child prints the times and the growth of the process's
 * peak resident set (process.resourceUsage().maxRSS) over its resident set before the first run. Prints one
 * JSON line per step: wall and CPU times (the CPU time is the less disturbed by other work on a shared
 * machine), the table's build or import time, and the load averages. Run with
 * `npx tsx bench/label-columns.ts [--cells 1000000] [--h5ad FILE] [--label cell_type] [--steps a,b] [--repeat 3]`
 * (not part of `npm run bench`, and not a timed test).
 */
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { requireLabelColumn } from '../src/cli/commands/train.js';
import { UsageError } from '../src/cli/usage-error.js';
import { importTable, inspectTable, labelColumnSummary, previewFile } from '../src/data/index.js';
import type { ExpressionTable, MetadataColumn } from '../src/data/types.js';
import { datasetSummary } from '../src/engine/session-summary.js';
import { float32Text } from '../src/util/float32-text.js';
import { seededRandom } from '../src/util/random.js';

const STEPS = ['train-check', 'train-refusal', 'import-summary', 'label-picker', 'inspect'] as const;
type Step = (typeof STEPS)[number];

/** A column of `n` values `value(i)`. */
function column(name: string, n: number, value: (i: number) => string): MetadataColumn {
  const values = new Array<string>(n);
  for (let i = 0; i < n; i++) values[i] = value(i);
  return { name, values };
}

/** A categorical of `k` categories named `prefix + i`, drawn uniformly. */
function categorical(
  name: string,
  n: number,
  k: number,
  prefix: string,
  random: () => number,
): MetadataColumn {
  const categories = Array.from({ length: k }, (_, i) => `${prefix}${i}`);
  return column(name, n, () => categories[Math.floor(random() * k)]);
}

/** The 40 obs columns (as text, as the h5ad reader gives them), as bench/sparse/make_obs_atlas.py writes them. */
function atlasObs(n: number): MetadataColumn[] {
  const random = seededRandom(0);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const depth = Float64Array.from({ length: n }, () => Math.exp(8 + 0.6 * normal()));
  const types = Int32Array.from({ length: n }, () => Math.floor(random() * 30));
  const f32 = (name: string, v: (i: number) => number) => column(name, n, (i) => float32Text(v(i)));
  const f64 = (name: string, v: (i: number) => number) => column(name, n, (i) => String(v(i)));
  const int = (name: string, v: (i: number) => number) => column(name, n, (i) => String(Math.floor(v(i))));
  const between = (lo: number, hi: number) => () => lo + Math.floor(random() * (hi - lo));
  return [
    column('cell_type', n, (i) => `type ${types[i]}`),
    categorical('leiden', n, 40, '', random),
    categorical('louvain', n, 25, '', random),
    categorical('sample', n, 16, 'sample_', random),
    categorical('donor_id', n, 8, 'donor', random),
    categorical('batch', n, 4, 'b', random),
    column('phase', n, () => ['G1', 'S', 'G2M'][Math.floor(random() * 3)]),
    column('sex', n, () => (random() < 0.5 ? 'female' : 'male')),
    categorical('tissue', n, 6, 'tissue ', random),
    categorical('assay', n, 2, "10x 3' v", random),
    categorical('disease', n, 3, 'disease ', random),
    categorical('development_stage', n, 12, 'stage ', random),
    column('cell_type_ontology_term_id', n, (i) => `CL:${String(types[i]).padStart(7, '0')}`),
    categorical('self_reported_ethnicity', n, 5, 'ethnicity ', random),
    f32('n_counts', (i) => depth[i]),
    f32('total_counts', (i) => depth[i]),
    f64('log1p_total_counts', (i) => Math.log1p(depth[i])),
    f32('pct_counts_mt', () => random() * 20),
    f32('pct_counts_ribo', () => random() * 40),
    f64('pct_counts_in_top_50_genes', () => random() * 60 + 10),
    f32('S_score', () => 0.2 * normal()),
    f32('G2M_score', () => 0.2 * normal()),
    f64('doublet_score', () => random() ** 8),
    f32('size_factors', (i) => depth[i] / 3600),
    f32('log1p_n_genes_by_counts', between(200, 6000)),
    f32('total_counts_mt', (i) => depth[i] * random() * 0.1),
    int('n_genes', between(200, 6000)),
    int('n_genes_by_counts', between(200, 6000)),
    int('total_counts_int', (i) => depth[i]),
    int('n_counts_umi', (i) => depth[i] * 1.1),
    int('total_counts_ribo', (i) => depth[i] * 0.3),
    int('lane', between(1, 9)),
    int('age', between(20, 81)),
    int('n_cells_in_sample', between(1000, 90000)),
    column('barcode_orig', n, (i) => `${String(i).padStart(12, '0')}-1`),
    column('author_cell_type', n, (i) => `author type ${i % 40}`),
    column('notes', n, (i) => (i % 7 ? '' : 'flagged')),
    column('sample_uuid', n, (i) => `uuid-${String(i % 16).padStart(4, '0')}`),
    column('predicted_doublet', n, () => (random() < 0.05 ? 'True' : 'False')),
    column('is_primary_data', n, () => 'True'),
  ];
}

/** An in-memory table of `n` cells, one gene, the atlas obs. */
function syntheticTable(n: number): ExpressionTable {
  return {
    source: 'atlas-obs (in memory)',
    ids: Array.from({ length: n }, (_, i) => `cell${i}`),
    idColumn: 'obs_names',
    genes: ['gene0'],
    values: { rows: n, cols: 1, data: new Float32Array(n).fill(1) },
    metadata: atlasObs(n),
    warnings: [],
    format: { kind: 'h5ad', matrix: 'X', layers: [], obsm: [] },
  } as unknown as ExpressionTable;
}

function runStep(step: Step, table: ExpressionTable, label: string, file: string | undefined): () => unknown {
  const preview = { columns: [], rows: [], totalColumns: 0, delimiter: ',' as const };
  const ids = { datasetId: 'data-1', source: file ?? table.source, metadataSource: null };
  switch (step) {
    case 'train-check':
      return () => requireLabelColumn(table, label);
    case 'train-refusal':
      return () => {
        try {
          requireLabelColumn(table, `${label}x`);
        } catch (err) {
          if (err instanceof UsageError) return err.message;
          throw err;
        }
        throw new UsageError('bench: a missing label column was accepted');
      };
    case 'import-summary':
      return () => datasetSummary(table, preview, {}, ids);
    case 'label-picker':
      return () => labelColumnSummary(table, label);
    case 'inspect':
      return () => inspectTable(table);
  }
}

const MB = 2 ** 20;

async function child(
  step: Step,
  cells: number,
  label: string,
  file: string | undefined,
  repeat: number,
): Promise<void> {
  const started = performance.now();
  const importCpu = process.cpuUsage();
  const table = file ? await importTable(file) : syntheticTable(cells);
  const importMs = performance.now() - started;
  const importCpuUsed = process.cpuUsage(importCpu);
  if (file) await previewFile(file, { rows: 10, cols: 12, table });
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage().rss;
  const peakBefore = process.resourceUsage().maxRSS * 1024;
  const run = runStep(step, table, label, file);
  const ms: number[] = [];
  let peakMb = 0;
  const cpu = process.cpuUsage();
  for (let r = 0; r < repeat; r++) {
    const t = performance.now();
    run();
    ms.push(performance.now() - t);
    if (r === 0)
      peakMb = Math.max(0, process.resourceUsage().maxRSS * 1024 - Math.max(before, peakBefore)) / MB;
  }
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / repeat;
  console.log(
    JSON.stringify({
      step,
      cells: table.ids.length,
      columns: table.metadata.length,
      input: file ?? 'in memory',
      importMs: Math.round(importMs),
      importCpuMs: Math.round((importCpuUsed.user + importCpuUsed.system) / 1000),
      ms: ms.map(Math.round),
      medianMs: Math.round([...ms].sort((a, b) => a - b)[ms.length >> 1]),
      cpuMs: Math.round(cpuMs / 1000),
      peakGrowthMb: Math.round(peakMb),
      rssBeforeMb: Math.round(before / MB),
      peakBeforeMb: Math.round(peakBefore / MB),
      load: loadavg().map((l) => +l.toFixed(2)),
    }),
  );
}

const { values } = parseArgs({
  options: {
    cells: { type: 'string', default: '1000000' },
    h5ad: { type: 'string' },
    label: { type: 'string', default: 'cell_type' },
    steps: { type: 'string', default: STEPS.join(',') },
    repeat: { type: 'string', default: '3' },
    child: { type: 'string' },
  },
});
const cells = Number(values.cells);
if (values.child !== undefined) {
  await child(values.child as Step, cells, values.label, values.h5ad, Number(values.repeat));
} else {
  for (const step of values.steps.split(',') as Step[]) {
    if (!STEPS.includes(step))
      throw new UsageError(`bench: unknown step ${step}; steps: ${STEPS.join(', ')}`);
    const args = [
      '--expose-gc',
      '--import',
      'tsx',
      process.argv[1],
      '--child',
      step,
      '--cells',
      String(cells),
    ];
    args.push('--repeat', values.repeat);
    args.push('--label', values.label, ...(values.h5ad ? ['--h5ad', values.h5ad] : []));
    process.stdout.write(
      execFileSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }),
    );
  }
}
