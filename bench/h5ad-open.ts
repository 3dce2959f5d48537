/**
 * Opening a large h5ad as the Import screen does (`EngineSession.openFile`): `importTable` (the matrix, obs,
 * var, colours), `previewFile` on the imported table and `datasetSummary` (the Import summary), each phase
 * timed as wall and CPU seconds (process.cpuUsage: user + system, every thread), with the process's peak
 * resident set after each phase, the load averages and how many numeric and categorical columns had their
 * text made. Inputs from bench/sparse/make_obs_atlas.py (an atlas
 * obs of 40 columns over a 20-gene matrix) or bench/sparse/make_counts.py (a wide count matrix).
 * Run `node --expose-gc --import tsx bench/h5ad-open.ts FILE [--repeat 1]` (add `--cpu-prof` to node for a
 * profile); not part of `npm run bench`, and not a timed test. Prints one JSON line a run.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { importTable, previewFile } from '../src/data/index.js';
import { datasetSummary } from '../src/engine/session-summary.js';
import { loadH5wasm, loadedH5wasm } from '../src/data/formats/h5wasm-load.js';
import { categoryTextsMade } from '../src/data/category-column.js';
import { numericTextsMade } from '../src/data/numeric-column.js';

const MB = 2 ** 20;

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
}

async function timed<T>(
  work: () => Promise<T> | T,
): Promise<{ value: T; wall: number; cpu: number; peakMb: number }> {
  const cpu = process.cpuUsage();
  const t = performance.now();
  const value = await work();
  return {
    value,
    wall: +((performance.now() - t) / 1000).toFixed(2),
    cpu: +cpuSeconds(cpu).toFixed(2),
    peakMb: Math.round((process.resourceUsage().maxRSS * 1024) / MB),
  };
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { repeat: { type: 'string', default: '1' } },
});
const file = positionals[0];
// h5wasm loaded before the clock starts (under tsx its first import compiles modules on the loader thread)
await loadH5wasm();
for (let r = 0; r < Number(values.repeat); r++) {
  const loadBefore = loadavg().map((l) => +l.toFixed(2));
  const rssStart = Math.round(process.memoryUsage().rss / MB);
  const imported = await timed(() => importTable(file));
  const table = imported.value;
  const preview = await timed(() => previewFile(file, { rows: 10, cols: 12, table }));
  const summary = await timed(() =>
    datasetSummary(table, preview.value, {}, { datasetId: 'data-1', source: file, metadataSource: null }),
  );
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  console.log(
    JSON.stringify({
      file,
      cells: table.ids.length,
      genes: table.genes.length,
      columns: table.metadata.length,
      import: { wall: imported.wall, cpu: imported.cpu, peakMb: imported.peakMb },
      preview: { wall: preview.wall, cpu: preview.cpu, peakMb: preview.peakMb },
      summary: { wall: summary.wall, cpu: summary.cpu, peakMb: summary.peakMb },
      rssStartMb: rssStart,
      rssAfterGcMb: Math.round(process.memoryUsage().rss / MB),
      heapAfterGcMb: Math.round(process.memoryUsage().heapUsed / MB),
      wasmHeapMb: Math.round((loadedH5wasm()?.Module.HEAPU8.length ?? 0) / MB),
      // columns whose text the open made (numeric, categorical): none, as the open reads codes and numbers
      textsMade: { numeric: numericTextsMade(), categorical: categoryTextsMade() },
      load: { before: loadBefore, after: loadavg().map((l) => +l.toFixed(2)) },
    }),
  );
}
