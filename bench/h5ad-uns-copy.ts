/**
 * The copy of an h5ad input's uns into a result (src/data/formats/h5ad-uns.ts reads it, src/engine/h5ad/copy-uns.ts
 * writes it) with a large scanpy rank_genes_groups: `--genes` × `--groups` record arrays names (text), scores,
 * logfoldchanges (float32), pvals, pvals_adj (float64), as anndata writes them. The input is `--input` (an
 * h5ad anndata wrote, e.g. with scanpy's sc.tl.rank_genes_groups), else one generated into bench/data/ with the
 * same layout. Prints one JSON line: the read's and the write's wall and CPU time, the process's peak RSS after
 * loading h5wasm and after the copy, the memory the read uns holds (JS heap and array buffers, after a
 * collection with --expose-gc), how much the WebAssembly heap grew (it never shrinks), and the 1-minute load
 * average before and after. Run with `node --expose-gc --import tsx bench/h5ad-uns-copy.ts [--genes 20000]
 * [--groups 30] [--input file.h5ad]` (not part of `npm run bench`, and not a timed test).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Hdf5File } from '../src/data/formats/h5-file.js';
import { readUns } from '../src/data/formats/h5ad-uns.js';
import { copyUns } from '../src/engine/h5ad/copy-uns.js';
import { loadH5wasm } from '../src/engine/h5ad/h5wasm-module.js';
import { seededRandom } from '../src/util/random.js';
import { benchDataDir } from './lib/datasets.js';

/** Writes an h5ad holding only uns/rank_genes_groups of `genes` × `groups`, laid out as anndata writes it. */
async function writeInput(path: string, genes: number, groups: number): Promise<void> {
  const h5wasm = await loadH5wasm();
  const { writeRecords } = await import('../src/engine/h5ad/write-records.js');
  const random = seededRandom(1);
  const names = Array.from({ length: groups }, (_, g) => `cluster ${g}`);
  const f = new h5wasm.File(path, 'w');
  try {
    const uns = f.create_group('uns');
    uns.create_attribute('encoding-type', 'dict');
    uns.create_attribute('encoding-version', '0.1.0');
    const rgg = uns.create_group('rank_genes_groups');
    rgg.create_attribute('encoding-type', 'dict');
    rgg.create_attribute('encoding-version', '0.1.0');
    const fields = (dtype: string, value: (g: number) => string[] | Float32Array | Float64Array) =>
      names.map((name, g) => ({ name, dtype, values: value(g) }));
    const gene = (i: number) => `GENE${(i * 7919) % genes}-AS1`;
    const arrays = {
      names: fields('S', (g) => Array.from({ length: genes }, (_, i) => gene(i + g))),
      scores: fields('<f', () => Float32Array.from({ length: genes }, () => random() * 20 - 10)),
      logfoldchanges: fields('<f', () => Float32Array.from({ length: genes }, () => random() * 8 - 4)),
      pvals: fields('<d', () => Float64Array.from({ length: genes }, () => random())),
      pvals_adj: fields('<d', () => Float64Array.from({ length: genes }, () => random())),
    };
    for (const [name, data] of Object.entries(arrays)) {
      const dataset = writeRecords(rgg, name, genes, data);
      dataset.create_attribute('encoding-type', 'rec-array');
      dataset.create_attribute('encoding-version', '0.2.0');
    }
  } finally {
    f.close();
  }
}

/** The JS heap and array buffers in use, after a collection when node runs with --expose-gc. */
function retainedMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return (heapUsed + arrayBuffers) / 2 ** 20;
}

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      genes: { type: 'string', default: '20000' },
      groups: { type: 'string', default: '30' },
      input: { type: 'string' },
    },
  });
  const dir = benchDataDir();
  mkdirSync(dir, { recursive: true });
  const genes = Number(values.genes);
  const groups = Number(values.groups);
  const input = values.input ?? join(dir, `uns-rank-genes-${genes}x${groups}.h5ad`);
  if (!existsSync(input)) await writeInput(input, genes, groups);
  const out = join(dir, 'uns-copy-result.h5ad');
  const h5wasm = await loadH5wasm();
  const loadBefore = loadavg()[0];
  const rssBefore = process.resourceUsage().maxRSS;
  const jsBefore = retainedMb();
  const wasmBefore = h5wasm.Module.HEAPU8.length;
  let [wall, cpu] = [performance.now(), cpuMs()];
  const h5 = await Hdf5File.open(input);
  const notes: string[] = [];
  let entries;
  try {
    entries = readUns(h5, notes);
  } finally {
    await h5.close();
  }
  const read = { ms: performance.now() - wall, cpu: cpuMs() - cpu };
  const heldMb = retainedMb() - jsBefore;
  [wall, cpu] = [performance.now(), cpuMs()];
  const f = new h5wasm.File(out, 'w');
  try {
    copyUns(f.create_group('uns'), entries, { taken: [], replaced: [] });
  } finally {
    f.close();
  }
  const write = { ms: performance.now() - wall, cpu: cpuMs() - cpu };
  await rm(out, { force: true });
  console.log(
    JSON.stringify({
      bench: 'h5ad-uns-copy',
      input,
      readMs: Math.round(read.ms),
      readCpuMs: Math.round(read.cpu),
      writeMs: Math.round(write.ms),
      writeCpuMs: Math.round(write.cpu),
      entriesMb: Math.round(heldMb),
      wasmHeapGrowthMb: Math.round((h5wasm.Module.HEAPU8.length - wasmBefore) / 2 ** 20),
      peakRssBeforeMb: Math.round(rssBefore / 1024),
      peakRssAfterMb: Math.round(process.resourceUsage().maxRSS / 1024),
      load: [loadBefore, loadavg()[0]].map((l) => Number(l.toFixed(2))),
      notes,
    }),
  );
}

await main();
