/**
 * h5ad result writing (issue 12): builds an in-memory result of realistic size — `--cells` cells × `--genes`
 * genes used, `--density` non-zero (CSR counts), the input-like obs columns (a cell type, a donor, per-cell
 * numbers and barcodes), a 3-D map — and writes it with writeResultH5ad to bench/data/. Prints one JSON line:
 * the write's wall time, the process's peak RSS before and after loading h5wasm and after the write, and
 * the file size. Run with
 * `npx tsx bench/h5ad-write.ts [--cells 100000] [--genes 2000] [--density 0.1]` (not part of `npm run bench`,
 * and not a timed test).
 *
 * With `--h5ad FILE` (e.g. bench/sparse/make_obs_atlas.py's atlas) it exports that file's result instead, as
 * `tripletlens train … --out x.h5ad` and the Export screen do: `importTable`, `trainingH5ad` of a stand-in run
 * (every cell a training cell, labelled by `--label`, a 2-D map, every gene) and `writeResultH5ad` — each
 * phase's wall and CPU seconds (user + system, every thread), the process's peak RSS after it, the heap after
 * a gc (run `node --expose-gc --import tsx bench/h5ad-write.ts --h5ad FILE`) and how many numeric obs columns
 * had their text made (`numericTextsMade`), and categorical ones (`categoryTextsMade`: the stand-in run's labels
 * make the label column's, as training does). `--keep OUT` keeps the written file (to compare two builds' files).
 */
import { mkdirSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { CsrMatrix } from '../src/api/matrix.js';
import { trainingH5ad, writeResultH5ad, type H5adResult } from '../src/engine/h5ad/index.js';
import { importTable } from '../src/data/index.js';
import { numericTextsMade } from '../src/data/numeric-column.js';
import { categoryTextsMade } from '../src/data/category-column.js';
import type { TrainingRun } from '../src/engine/types.js';
import { loadH5wasm } from '../src/engine/h5ad/h5wasm-module.js';
import { seededRandom } from '../src/util/random.js';
import { benchDataDir } from './lib/datasets.js';

function randomCsr(rows: number, cols: number, density: number, random: () => number): CsrMatrix {
  const perRow = Math.round(cols * density);
  const indptr = new Float64Array(rows + 1);
  const indices = new Int32Array(rows * perRow);
  const data = new Float32Array(rows * perRow);
  const step = cols / perRow;
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < perRow; j++) {
      // one column in each stride of `step`: ascending, distinct
      const k = r * perRow + j;
      indices[k] = Math.min(cols - 1, Math.floor(j * step + random() * step));
      data[k] = 1 + Math.floor(random() * 20);
    }
    indptr[r + 1] = (r + 1) * perRow;
  }
  return { format: 'csr', rows, cols, indptr, indices, data };
}

const MB = 2 ** 20;

/** `work`'s wall and CPU seconds (user + system, every thread) and the process's peak RSS after it. */
async function timed<T>(work: () => Promise<T> | T): Promise<{
  value: T;
  wall: number;
  cpu: number;
  peakMb: number;
  textsMade: number;
  categoryTexts: number;
}> {
  const cpu = process.cpuUsage();
  const t = performance.now();
  const value = await work();
  const used = process.cpuUsage(cpu);
  return {
    value,
    wall: +((performance.now() - t) / 1000).toFixed(2),
    cpu: +((used.user + used.system) / 1e6).toFixed(2),
    peakMb: Math.round((process.resourceUsage().maxRSS * 1024) / MB),
    textsMade: numericTextsMade(),
    categoryTexts: categoryTextsMade(),
  };
}

/** The heap in use after a gc (with --expose-gc), MB. */
function heapAfterGc(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return Math.round(process.memoryUsage().heapUsed / MB);
}

/**
 * Exports the result of `file` as `train --out x.h5ad` does, with a stand-in run: only the fields
 * `trainingH5ad` reads (every cell in training, so no kNN prediction; labels from `label`; a 2-D map).
 */
async function exportFile(file: string, label: string, keep: string | undefined): Promise<void> {
  await loadH5wasm();
  const load = loadavg().map((l) => +l.toFixed(2));
  const imported = await timed(() => importTable(file));
  const table = imported.value;
  const heapAfterImport = heapAfterGc();
  const n = table.ids.length;
  const labelColumn = table.metadata.find((m) => m.name === label);
  if (!labelColumn) throw new Error(`${file} has no obs column ${label}`);
  const random = seededRandom(1);
  const run = {
    coords: { rows: n, cols: 2, data: Float32Array.from({ length: n * 2 }, () => random() * 10) },
    split: new Array(n).fill('train'),
    labels: labelColumn.values,
    labelColumn: label,
    recipe: { genes: table.genes },
    report: { tool: { name: 'tripletlens' } },
  } as unknown as TrainingRun; // a stand-in: trainingH5ad reads no other field
  const textsBefore = numericTextsMade();
  // the stand-in run's labels made the label column's text, as a training run does
  const categoryTextsBefore = categoryTextsMade();
  const built = await timed(() => trainingH5ad(table, run));
  const dir = benchDataDir();
  mkdirSync(dir, { recursive: true });
  const path = keep ?? join(dir, 'result-of-file.h5ad');
  const written = await timed(() => writeResultH5ad(path, built.value));
  const heapAfterWrite = heapAfterGc();
  const line = {
    bench: 'h5ad-write',
    file,
    cells: n,
    columns: table.metadata.length,
    import: { wall: imported.wall, cpu: imported.cpu, peakMb: imported.peakMb },
    heapAfterImportMb: heapAfterImport,
    textsMadeBeforeExport: textsBefore,
    categoryTextsMadeBeforeExport: categoryTextsBefore,
    result: { wall: built.wall, cpu: built.cpu, peakMb: built.peakMb, textsMade: built.textsMade },
    write: { wall: written.wall, cpu: written.cpu, peakMb: written.peakMb, textsMade: written.textsMade },
    categoryTextsMadeByExport: written.categoryTexts - categoryTextsBefore,
    heapAfterWriteMb: heapAfterWrite,
    fileMb: Math.round(statSync(path).size / MB),
    load: { before: load, after: loadavg().map((l) => +l.toFixed(2)) },
  };
  if (!keep) await rm(path, { force: true });
  console.log(JSON.stringify(line));
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      cells: { type: 'string', default: '100000' },
      genes: { type: 'string', default: '2000' },
      density: { type: 'string', default: '0.1' },
      h5ad: { type: 'string' },
      label: { type: 'string', default: 'cell_type' },
      keep: { type: 'string' },
    },
  });
  if (values.h5ad !== undefined) return exportFile(values.h5ad, values.label, values.keep);
  const cells = Number(values.cells);
  const genes = Number(values.genes);
  const random = seededRandom(1);
  const X = randomCsr(cells, genes, Number(values.density), random);
  const types = ['B cell', 'T cell', 'NK cell', 'Monocyte', 'DC', 'Platelet', 'CD8 T', 'CD14 Mono'];
  const result: H5adResult = {
    source: 'bench-input.h5ad',
    obsNames: Array.from({ length: cells }, (_, i) => `AAAC${i.toString(36).padStart(8, '0')}-1`),
    obs: [
      { name: 'cell_type', values: Array.from({ length: cells }, (_, i) => types[i % types.length]) },
      { name: 'donor', values: Array.from({ length: cells }, (_, i) => `donor_${i % 4}`) },
      {
        name: 'n_counts',
        values: Array.from({ length: cells }, () => String(1000 + Math.floor(random() * 9000))),
      },
      { name: 'barcode', values: Array.from({ length: cells }, (_, i) => `BC${i}`) },
      {
        name: 'tripletlens_split',
        values: Array.from({ length: cells }, (_, i) => (i % 5 ? 'train' : 'holdout')),
        as: 'categorical',
      },
      { name: 'tripletlens_confidence', numbers: Float32Array.from({ length: cells }, () => random()) },
    ],
    varNames: Array.from({ length: genes }, (_, g) => `GENE${g}`),
    X,
    embedding: { rows: cells, cols: 3, data: Float32Array.from({ length: cells * 3 }, () => random() * 10) },
    report: { tool: { name: 'tripletlens' } },
    categoryColors: {
      cell_type: Object.fromEntries(
        types.map((t, i) => [t, `#${(i * 0x1f1f1f).toString(16).padStart(6, '0')}`]),
      ),
    },
  };
  const dir = benchDataDir();
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `result-${cells}x${genes}.h5ad`);
  const rssBeforeLoad = process.resourceUsage().maxRSS;
  // the wasm runtime's own footprint, apart from the write's
  await loadH5wasm();
  const rssBefore = process.resourceUsage().maxRSS;
  const started = performance.now();
  await writeResultH5ad(path, result);
  const writeMs = performance.now() - started;
  const line = {
    bench: 'h5ad-write',
    cells,
    genes,
    nonZeros: X.indptr[cells],
    writeMs: Math.round(writeMs),
    peakRssBeforeH5wasmMb: Math.round(rssBeforeLoad / 1024),
    peakRssBeforeWriteMb: Math.round(rssBefore / 1024),
    peakRssAfterWriteMb: Math.round(process.resourceUsage().maxRSS / 1024),
    fileMb: Math.round(statSync(path).size / 1024 / 1024),
  };
  await rm(path, { force: true });
  console.log(JSON.stringify(line));
}

await main();
