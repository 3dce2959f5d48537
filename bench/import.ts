/**
 * Import benchmark (issue 2): generates 5 000 × 2 000 (~100 MB) and 50 000 × 2 000 (~1 GB) numeric CSVs
 * in bench/data/ and measures, each in a fresh child process, reading the raw bytes, a minimal hand-written
 * split/parseFloat loop, and TripletLens's importTable: MB/s and peak RSS. Targets: import ≥ 60% of the
 * hand-written loop's speed; peak RSS ≤ 2.5 × the Float32 matrix + 200 MB.
 * Run alone with `npx tsx bench/import.ts` (or `npm run bench -- import`); writes bench/results/import.json
 * and the "Import" section of bench/README.md.
 */
import { closeSync, existsSync, openSync, renameSync, statSync, writeSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { seededRandom } from '../src/util/random.js';
import { lastJsonLine, runTsScript } from './lib/child.js';
import { benchDataDir } from './lib/datasets.js';
import { machineInfo } from './lib/machine.js';
import { markdownTable, num, updateReadmeSection } from './lib/markdown.js';
import { median } from './lib/timing.js';
import { writeResult } from './lib/results.js';

const MB = 1024 * 1024;
const COLS = 2000;

interface SizeSpec {
  rows: number;
  /** Runs per mode; the median is reported (the machine is shared and noisy). */
  repeats: number;
}

const SIZES: SizeSpec[] = [
  { rows: 5000, repeats: 3 },
  { rows: 50_000, repeats: 1 },
];

interface ChildReport {
  mode: 'raw' | 'hand' | 'import';
  ms: number;
  cpuMs: number;
  rows: number;
  cols: number;
  checksum: number;
  maxRssMb: number;
}

/**
 * Writes rows × 2 000 values like a float export: 10% zeros, the rest with six decimals ("123.456789", about
 * 10 bytes a value, so 5 000 rows make ~100 MB), an id and a label column first. Values come from a pool of preformatted strings
 * so generating a gigabyte takes seconds.
 */
export function generateCsv(path: string, rows: number, seed = 1): void {
  const random = seededRandom(seed);
  const pool = Array.from({ length: 1 << 16 }, () => {
    const u = random();
    return u < 0.1 ? '0' : (random() * (u < 0.3 ? 10 : 1000)).toFixed(6);
  });
  const temp = `${path}.tmp-${process.pid}`;
  const fd = openSync(temp, 'w');
  try {
    writeSync(fd, `id,label,${Array.from({ length: COLS }, (_, c) => `GENE${c + 1}`).join(',')}\n`);
    let block: string[] = [];
    const fields = new Array<string>(COLS + 2);
    for (let r = 0; r < rows; r++) {
      fields[0] = `cell${r + 1}`;
      fields[1] = `type${r % 10}`;
      for (let c = 0; c < COLS; c++) fields[c + 2] = pool[(random() * pool.length) | 0];
      block.push(fields.join(','));
      if (block.length === 256 || r === rows - 1) {
        writeSync(fd, `${block.join('\n')}\n`);
        block = [];
      }
    }
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
}

async function measure(
  mode: ChildReport['mode'],
  path: string,
): Promise<ChildReport & { peakRssMb: number }> {
  const result = await runTsScript('bench/lib/import-child.ts', [mode, path], { label: `import ${mode}` });
  const report = lastJsonLine<ChildReport>(result, `import-child ${mode}`);
  return { ...report, peakRssMb: result.peakRssMb ?? report.maxRssMb };
}

export async function runImportBench(): Promise<object> {
  const machine = machineInfo(); // before the run, so the load average is the one the run started under
  const dir = benchDataDir();
  await mkdir(dir, { recursive: true });
  const results = [];
  for (const { rows, repeats } of SIZES) {
    const path = join(dir, `import_${rows}x${COLS}.csv`);
    if (!existsSync(path)) {
      process.stderr.write(`import bench: generating ${path}\n`);
      generateCsv(path, rows);
    }
    const fileMb = statSync(path).size / MB;
    const matrixMb = (rows * COLS * 4) / MB;
    // Modes alternate within each repeat so that load from other work on the shared CPU hits them alike.
    const modes = ['raw', 'hand', 'import'] as const;
    const runs: Record<string, (ChildReport & { peakRssMb: number })[]> = { raw: [], hand: [], import: [] };
    for (let k = 0; k < repeats; k++) {
      for (const mode of modes) {
        const run = await measure(mode, path);
        if (mode !== 'raw' && (run.rows !== rows || run.cols !== COLS)) {
          throw new Error(`${mode} read ${run.rows} × ${run.cols}, expected ${rows} × ${COLS}`);
        }
        runs[mode].push(run);
        process.stderr.write(
          `import bench: ${rows} rows, ${mode}: ${(fileMb / (run.ms / 1000)).toFixed(1)} MB/s\n`,
        );
      }
    }
    const perMode: Record<
      string,
      { ms: number; mbPerS: number; cpuMs: number; mbPerCpuS: number; peakRssMb: number; runs: number[] }
    > = {};
    for (const mode of modes) {
      const ms = median(runs[mode].map((r) => r.ms));
      const cpuMs = median(runs[mode].map((r) => r.cpuMs));
      perMode[mode] = {
        ms,
        mbPerS: fileMb / (ms / 1000),
        cpuMs,
        mbPerCpuS: fileMb / (cpuMs / 1000),
        peakRssMb: Math.max(...runs[mode].map((r) => r.peakRssMb)),
        runs: runs[mode].map((r) => Math.round(r.ms)),
      };
    }
    const speedRatio = perMode.import.mbPerS / perMode.hand.mbPerS;
    const cpuRatio = perMode.import.mbPerCpuS / perMode.hand.mbPerCpuS;
    const rssLimitMb = 2.5 * matrixMb + 200;
    results.push({
      rows,
      cols: COLS,
      fileMb,
      matrixMb,
      modes: perMode,
      importVsHand: speedRatio,
      importVsHandCpu: cpuRatio,
      speedTargetMet: speedRatio >= 0.6,
      rssLimitMb,
      rssTargetMet: perMode.import.peakRssMb <= rssLimitMb,
    });
  }
  const output = { benchmark: 'import', machine, results };
  await writeResult('import', output);

  const table = markdownTable(
    [
      'file',
      'MB',
      'raw bytes MB/s',
      'hand loop MB/s wall (CPU)',
      'import MB/s wall (CPU)',
      'import ÷ hand (≥ 0.60), wall / CPU',
      'peak RSS MB: raw / hand / import',
      'RSS limit MB',
      'targets',
    ],
    results.map((r) => [
      `${r.rows.toLocaleString('en-US')} × ${r.cols.toLocaleString('en-US')}`,
      num(r.fileMb, 0),
      num(r.modes.raw.mbPerS, 0),
      `${num(r.modes.hand.mbPerS, 1)} (${num(r.modes.hand.mbPerCpuS, 1)})`,
      `${num(r.modes.import.mbPerS, 1)} (${num(r.modes.import.mbPerCpuS, 1)})`,
      `${num(r.importVsHand, 2)} / ${num(r.importVsHandCpu, 2)}`,
      `${num(r.modes.raw.peakRssMb, 0)} / ${num(r.modes.hand.peakRssMb, 0)} / ${num(r.modes.import.peakRssMb, 0)}`,
      num(r.rssLimitMb, 0),
      `${r.speedTargetMet ? 'speed ✓' : 'speed ✗'} (CPU ${r.importVsHandCpu >= 0.6 ? '✓' : '✗'}), ${r.rssTargetMet ? 'RSS ✓' : 'RSS ✗'}`,
    ]),
  );
  await updateReadmeSection(
    'import',
    `## Import

\`npx tsx bench/import.ts\` (or \`npm run bench -- import\`). Generated numeric CSVs (id, label, 2 000 columns,
10% zeros, six decimals) in bench/data/; each mode runs in a fresh child process, time measured inside it
(start-up excluded) as wall time and as CPU time (user + system, less disturbed by the other work sharing
the CPU; the speed ratio is given for both), peak RSS from GNU time (the whole child, so Node + tsx themselves, ~110 MB, are in every figure: see the raw column). MB/s is file
MB per second; median of ${SIZES[0].repeats} runs for the small file, one run for the large one. *raw bytes*: reading
the file and nothing else; *hand loop*: decode, \`split('\\n')\`, \`split(',')\`, \`parseFloat\` into a
doubling Float32Array; *import*: \`importTable\` (papaparse chunks without dynamicTyping, column roles,
missing/duplicate/ragged checks, one Float32Array). Targets: import ≥ 60% of the hand loop's speed; peak RSS
≤ 2.5 × the Float32 matrix + 200 MB.

- Machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB.toFixed(1)} GiB; Node ${machine.node}
- Date: ${machine.date}; load average at the start ${machine.loadAverage.map((l) => l.toFixed(2)).join(' / ')} (shared CPU: timings are noisy)

${table}
`,
  );
  return output;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runImportBench().then(
    (out) => process.stdout.write(`${JSON.stringify(out, null, 2)}\n`),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
