/**
 * The top of bench/README.md: title, how to run, machine/date/versions, and the one table of ratios
 * (TripletLens / peer) for fit time and the hold-out kNN-5 accuracy difference per dataset. Built from the
 * latest bench/results/*.json, so running a subset refreshes what it measured and keeps the rest.
 */
import type { MethodRow, PeerBenchResult } from '../compare.js';
import { matmulMarkdown, type MatmulPeakResult } from '../matmul-peak.js';
import { scaleMarkdown, type ScaleRow } from '../scale.js';
import { machineInfo } from './machine.js';
import { markdownTable, num, updateReadmeSection } from './markdown.js';
import { readResult } from './results.js';
import { timeToQualityTable } from './ttq-report.js';
import { neighbourhoodsTable } from './neighbourhoods-report.js';

const PEERS = ['ivis', 'umap-learn', 'umap-js', 'pca'] as const;
const PEER_TITLES: Record<(typeof PEERS)[number], string> = {
  ivis: 'ivis (supervised)',
  'umap-learn': 'umap-learn (supervised)',
  'umap-js': 'umap-js (supervised)',
  pca: 'PCA (scikit-learn)',
};

function ratioCell(tl: MethodRow | undefined, peer: MethodRow | undefined): string {
  if (!tl?.ok || !peer?.ok || tl.fitMs === undefined || peer.fitMs === undefined) return '—';
  const ratio = tl.fitMs / peer.fitMs;
  const cpuA = tl.report?.fitCpuMs;
  const cpuB = peer.report?.fitCpuMs;
  const cpu = typeof cpuA === 'number' && typeof cpuB === 'number' && cpuB > 0 ? cpuA / cpuB : undefined;
  const short = (x: number) => (x < 0.1 ? x.toFixed(3) : x.toFixed(2));
  const a = tl.metrics?.knn_holdout;
  const b = peer.metrics?.knn_holdout;
  const diff = a !== null && a !== undefined && b !== null && b !== undefined ? a - b : undefined;
  const signed = diff === undefined ? '—' : `${diff >= 0 ? '+' : '−'}${Math.abs(diff).toFixed(3)}`;
  return `${short(ratio)}×${cpu === undefined ? '' : ` (CPU ${short(cpu)}×)`} / ${signed}`;
}

/** The comparison's ratio table. */
export function ratioTable(peers: PeerBenchResult): string {
  const datasets = [...new Set(peers.rows.map((r) => r.dataset))];
  const rows = datasets.map((d) => {
    const of = (m: string) => peers.rows.find((r) => r.dataset === d && r.method === m);
    const tl = of('tripletlens');
    const info = peers.prepared.find((p) => p.dataset === d);
    return [
      `${d} (${info ? `${info.rows} × ${info.cols}` : '?'})`,
      tl?.ok ? `${num((tl.fitMs ?? NaN) / 1000, 1)} s, ${num(tl.metrics?.knn_holdout, 3)}` : `failed`,
      ...PEERS.map((p) => ratioCell(tl, of(p))),
    ];
  });
  return markdownTable(
    ['dataset (cells × inputs)', 'TripletLens fit, kNN-5', ...PEERS.map((p) => PEER_TITLES[p])],
    rows,
  );
}

/**
 * Where TripletLens loses in this run, stated from the numbers: per dataset, the peers whose hold-out kNN-5
 * accuracy beats it by more than `margin`, and the peers that fit faster.
 */
export function lossSummary(peers: PeerBenchResult, margin = 0.01): string {
  const lines: string[] = [];
  for (const d of [...new Set(peers.rows.map((r) => r.dataset))]) {
    const of = (m: string) => peers.rows.find((r) => r.dataset === d && r.method === m);
    const tl = of('tripletlens');
    if (!tl?.ok) {
      lines.push(`- ${d}: TripletLens did not finish (${(tl?.error ?? 'not run').split('\n')[0]}).`);
      continue;
    }
    const acc = tl.metrics?.knn_holdout ?? NaN;
    const better = PEERS.flatMap((p) => {
      const k = of(p)?.metrics?.knn_holdout;
      return k !== null && k !== undefined && k > acc + margin ? [`${p} ${num(k, 3)}`] : [];
    });
    const faster = PEERS.flatMap((p) => {
      const r = of(p);
      // a lead under 5% is noise on this machine
      return r?.ok && r.fitMs !== undefined && tl.fitMs !== undefined && r.fitMs * 1.05 < tl.fitMs
        ? [`${p} (${num(tl.fitMs / r.fitMs, 1)}× faster)`]
        : [];
    });
    lines.push(
      `- ${d}: kNN-5 ${num(acc, 3)}; ` +
        (better.length ? `more accurate: ${better.join(', ')}` : 'no peer more accurate by over 0.01') +
        '; ' +
        (faster.length ? `faster to fit: ${faster.join(', ')}.` : 'no peer faster to fit.'),
    );
  }
  return lines.join('\n');
}

/** The full per-method table. */
export function methodTable(peers: PeerBenchResult): string {
  return markdownTable(
    [
      'dataset',
      'method',
      'fit s',
      'fit CPU s',
      'transform s',
      'warm-up s',
      'peak RSS MB',
      'kNN-5 hold-out',
      'silhouette',
      'trustworthiness',
      'load avg',
    ],
    peers.rows.map((r) =>
      r.ok
        ? [
            r.dataset,
            r.method,
            num((r.fitMs ?? NaN) / 1000, 2),
            num((r.report?.fitCpuMs ?? NaN) / 1000, 2),
            num((r.transformMs ?? NaN) / 1000, 2),
            typeof r.report?.warmupMs === 'number' ? num(r.report.warmupMs / 1000, 1) : '—',
            num(r.peakRssMb, 0),
            num(r.metrics?.knn_holdout, 3),
            num(r.metrics?.silhouette, 3),
            num(r.metrics?.trustworthiness, 3),
            num(r.loadAverage, 1),
          ]
        : [
            r.dataset,
            r.method,
            `failed: ${(r.error ?? '?').split('\n')[0].slice(0, 120)}`,
            '',
            '',
            num(r.peakRssMb, 0),
            '',
            '',
            '',
          ],
    ),
  );
}

/** Issue 13 goal (a) in this run: the neighbourhoods map against the same peers; nothing when it did not run. */
function neighbourhoodsSection(peers: PeerBenchResult): string[] {
  const table = neighbourhoodsTable(peers);
  if (!table) return [];
  return [
    '',
    '### The neighbourhoods map against the same peers (issue 13 goal a)',
    '',
    '`tripletlens-neighbourhoods`: `--objective neighbourhoods` on the engine’s backend, the recipe it chose by the training split’s size (src/engine/objective.ts). Bars from this run’s peers on the same split: held-out kNN-5 ≥ the best peer’s − 0.005, trustworthiness ≥ umap-learn’s − 0.01, silhouette ≥ the plain map’s when the issue was filed (bench/lib/neighbourhood-bars.ts; a dataset without one: the plain map’s in this run). Bold: meets its bar. Other seeds’ splits: `npx tsx bench/objective-bars.ts` (bench/README.md, "Neighbour-graph term").',
    '',
    table,
  ];
}

/** Rewrites the README's top and comparison sections from the latest results. */
export async function writeReportTop(): Promise<void> {
  const peers = await readResult<PeerBenchResult>('peers');
  const matmul = await readResult<MatmulPeakResult>('matmul-peak');
  const machine = peers?.machine ?? machineInfo();
  const python = peers?.rows.find((r) => r.report && ['ivis', 'umap-learn', 'pca'].includes(r.method))?.report
    ?.versions;
  const tl = peers?.rows.find((r) => r.method === 'tripletlens' && r.ok)?.report;
  const versions = { ...machine.versions, ...(python ?? {}) };
  const top = [
    '# TripletLens benchmarks',
    '',
    'Everything here is measured by `npm run bench` (the numbers are written by the harness, not by hand);',
    'machine-readable results are in `bench/results/*.json`. No benchmark is a test: `npm test` times nothing.',
    '',
    '## How to run',
    '',
    '```sh',
    'bash bench/peers/setup.sh          # once: bench/.venv with the pinned Python peers (PyPI)',
    'bash bench/peers/setup-scanpy.sh   # once, for `sparse`: bench/.venv-scanpy (or PYTHON=a Python with scanpy)',
    'npm run bench                      # everything',
    'npm run bench -- peers matmul      # a subset by name (bench/run.ts lists them): matmul import train-step quality',
    '                                   #   peers scale scale-e2e scale-umap budget preprocess ui ui-restyle',
    '                                   #   native-backends neighbours sparse sparse-pca markers metrics',
    'npm run bench -- sparse            # 100 000 × 30 000 h5ad vs scanpy (writes ~5 GB to bench/data/ once)',
    'npm run bench -- peers --datasets sklearn_digits --methods tripletlens,umap-js',
    'npm run bench -- report            # only rewrite this README’s top from bench/results/',
    '```',
    '',
    '## Machine',
    '',
    `- CPU: ${machine.cpuModel}, ${machine.cores} cores (${machine.simd.join(', ')}), ${machine.memoryGiB} GiB`,
    `- Date: ${machine.date} (commit ${machine.gitCommit ?? '?'}); load average at the start: ${machine.loadAverage.join(' / ')}`,
    '- The CPU is shared with other work (other engineers’ builds and tests ran during the measurements), so',
    '  timings carry noise of several tens of percent; accuracies are deterministic given the seed.',
    `- Node ${machine.node}; TripletLens backend: ${tl ? String(tl.backend) : '?'}; ` +
      Object.entries(versions)
        .map(([k, v]) => `${k} ${v}`)
        .join(', '),
    matmul
      ? `- Machine peak (float32 matmul, numpy/OpenBLAS): ${num(matmul.peak.threads1, 0)} GFLOP/s on 1 thread, ${num(matmul.peak.threads2, 0)} GFLOP/s on 2, wall-clock during this run; ${num(matmul.peakCpuEstimate?.threads1, 0)} / ${num(matmul.peakCpuEstimate?.threads2, 0)} GFLOP/s per CPU-second × threads (see below).`
      : '- Machine peak: not measured yet (`npm run bench -- matmul`).',
  ].join('\n');
  await updateReadmeSection('top', top, 'top');
  // re-render the sections of the harness's own benchmarks too, so a change of format needs no re-run
  if (matmul) await updateReadmeSection('matmul-peak', matmulMarkdown(matmul));
  const scale = await readResult<{ rows: ScaleRow[] }>('scale');
  if (scale) await updateReadmeSection('scale', scaleMarkdown(scale.rows));
  if (!peers) return;
  const comparison = [
    '## TripletLens against its peers',
    '',
    'Each cell: **TripletLens fit time ÷ the peer’s fit time** (below 1× TripletLens is faster; in brackets the same ratio of CPU seconds, steadier on a shared machine) / **TripletLens hold-out kNN-5 accuracy − the peer’s** (positive: TripletLens classifies unseen cells better). All methods: 3-D, the same preprocessed matrix (engine defaults: z-score, PCA to 50 when there are more inputs, fitted once), the same seeded stratified 20% hold-out, fit on the training cells only, then the hold-out cells transformed as new data (training cells keep their fitted positions where a method has them — umap-learn’s `embedding_`, umap-js’s `getEmbedding()`; TripletLens, ivis and PCA map every cell through the fitted model); metrics computed for all by the engine’s `computeMetrics`. Fit time excludes process start-up and file reading. `image_like_70000` is generated by the harness (bench/lib/image-like.ts, seed 0): 70 000 28 × 28 images of integer intensities 0–255 in 10 balanced classes of 3 sub-types each, made of 300 spatially smooth informative directions (within-class spread decaying over them) plus pixel noise; it goes through the same preprocessing as the files (here: normalise, log1p, z-score, PCA 50).',
    '',
    ratioTable(peers),
    '',
    '### Time-to-quality against umap-learn (issue 15 goal 1)',
    '',
    'TripletLens’s time-to-quality: the fit time (training stage: neighbour search and sampler set-up, then the steps; process CPU seconds in brackets) until the first epoch whose map gives a held-out kNN-5 within 0.01 of the final map’s (an epoch above the final value counts). The harness maps the training and hold-out cells through the encoder after every epoch to find it; that evaluation’s time is left out of every figure. Both are warm: umap-learn’s time-to-quality is its fit time with numba compiled beforehand (its map exists only at the end); TripletLens’s child loads its backend and runs the trainer’s warm-up (src/train/warm-up.ts: 4 short runs on a synthetic 64 × 24 table, what the engine worker does when the desktop app or `serve` starts) before its clock starts — both in the warm-up column below. Ratio = TripletLens ÷ umap-learn; goal ≤ 1× on the native backend, ≤ 2× on wasm. Load: the 1-minute load average when each started (2 cores).',
    '',
    timeToQualityTable(peers),
    '',
    'Where TripletLens (default backend) loses in this run:',
    '',
    lossSummary(peers),
    '',
    '### Every method in detail',
    '',
    'Silhouette is by label over all labelled cells; trustworthiness (k = 15) compares the 3-D map with the preprocessed input. Peak RSS is each method’s own child process (GNU time); the Python peers carry their interpreter and libraries (TensorFlow for ivis, numba for umap-learn). Warm-up (not part of fit): the Python imports, and for umap-learn numba’s one-off JIT compilation, which a user pays once per process; for TripletLens the backend’s loading and the trainer’s warm-up (once per engine worker; the CLI’s `train` runs cold and pays those one-off costs inside its run: `TRIPLETLENS_BENCH_WARMUP=0` measures such a cold process). `tripletlens` uses the backend the engine picks (see Machine); `tripletlens-wasm` forces the WebAssembly backend, what a user without the native one gets. Fit CPU s: CPU seconds of all the process’s threads during the fit — less disturbed by other work than wall time, and above the wall time when a method computes on both cores. Load avg: the machine’s 1-minute load when the method started (2 cores; above 2 means the method shared the CPU).',
    '',
    methodTable(peers),
    ...neighbourhoodsSection(peers),
  ].join('\n');
  await updateReadmeSection('comparison', comparison);
}
