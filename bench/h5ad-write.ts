/**
 * h5ad result writing (issue 12): builds an in-memory result of realistic size — `--cells` cells × `--genes`
 * genes used, `--density` non-zero (CSR counts), the input-like obs columns (a cell type, a donor, per-cell
 * numbers and barcodes), a 3-D map — and writes it with writeResultH5ad to bench/data/. Prints one JSON line:
 * the write's wall time, the process's peak RSS before and after loading h5wasm and after the write, and
 * the file size. Run with
 * `npx tsx bench/h5ad-write.ts [--cells 100000] [--genes 2000] [--density 0.1]` (not part of `npm run bench`,
 * and not a timed test).
 */
import { mkdirSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { CsrMatrix } from '../src/api/matrix.js';
import { writeResultH5ad, type H5adResult } from '../src/engine/h5ad/index.js';
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

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      cells: { type: 'string', default: '100000' },
      genes: { type: 'string', default: '2000' },
      density: { type: 'string', default: '0.1' },
    },
  });
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
