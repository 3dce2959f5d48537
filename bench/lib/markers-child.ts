/**
 * One measurement of the markers benchmark, in its own process (GNU time's peak RSS is its own): import the
 * sparse benchmark's .h5ad with importTable, then EngineApi.markerGenes' computation (src/markers) for a few
 * selections, each timed alone. Prints one JSON line: import time, RSS after import (the table alone) and,
 * per case, cells on each side, wall and CPU seconds (the CPU is shared: CPU time says what the call cost)
 * and the top genes.
 *
 * Usage: markers-child.ts PATH.h5ad [SEED]
 */
import { importTable } from '../../src/data/import-table.js';
import { storedValues } from '../../src/data/sparse.js';
import { markerGenes } from '../../src/markers/marker-genes.js';
import { hasRankIndex } from '../../src/markers/rank-index-store.js';
import { isCsr } from '../../src/data/sparse.js';
import { randomInt, seededRandom, type Random } from '../../src/util/random.js';

/** `count` distinct rows of [0, rows) drawn with a seeded generator, sorted. */
function randomRows(rows: number, count: number, random: Random, exclude?: Set<number>): Int32Array {
  const picked = new Set<number>();
  while (picked.size < count) {
    const r = randomInt(random, rows);
    if (!exclude?.has(r)) picked.add(r);
  }
  return Int32Array.from([...picked].sort((a, b) => a - b));
}

async function main(): Promise<void> {
  const [path, seedArg] = process.argv.slice(2);
  if (!path) throw new Error('usage: markers-child.ts PATH.h5ad [SEED]');
  const t0 = performance.now();
  const table = await importTable(path);
  const importMs = performance.now() - t0;
  const rssAfterImportMb = process.memoryUsage().rss / 2 ** 20;
  const rows = table.values.rows;
  const types = table.metadata.find((m) => m.name === 'cell_type')?.values ?? [];
  const first = types[0];
  const cluster = Int32Array.from(types.flatMap((t, r) => (t === first ? [r] : [])));
  const random = seededRandom(Number(seedArg ?? 0));
  const small = randomRows(rows, 1000, random);
  const other = randomRows(rows, 1000, random, new Set(small));
  const half = Int32Array.from({ length: Math.floor(rows / 2) }, (_, i) => i * 2);
  const cases: { name: string; group: Int32Array; reference: 'rest' | Int32Array; direct?: boolean }[] = [
    {
      name: `cell type '${first}' vs rest, direct path (no index)`,
      group: cluster,
      reference: 'rest',
      direct: true,
    },
    { name: `cell type '${first}' vs rest, first call`, group: cluster, reference: 'rest' },
    { name: '1 000 random cells vs rest', group: small, reference: 'rest' },
    { name: '1 000 random cells vs 1 000 others', group: small, reference: other },
    { name: 'every other cell vs rest (half vs half)', group: half, reference: 'rest' },
    { name: `cell type '${first}' vs rest, again`, group: cluster, reference: 'rest' },
  ];
  const indexed = () => isCsr(table.values) && hasRankIndex(table.values);
  const runs = cases.map((c) => {
    const before = indexed();
    const start = performance.now();
    const cpu = process.cpuUsage();
    const result = markerGenes(
      table.values,
      table.genes,
      { group: c.group, reference: c.reference, genes: 20 },
      { rankIndex: c.direct !== true },
    );
    const after = indexed();
    return {
      name: c.name,
      group: result.groupSize,
      reference: result.referenceSize,
      seconds: (performance.now() - start) / 1000,
      cpuSeconds: ((used) => (used.user + used.system) / 1e6)(process.cpuUsage(cpu)),
      top: result.genes.slice(0, 3).map((g) => g.gene),
      index:
        c.direct === true || c.reference !== 'rest' ? 'none' : before ? 'used' : after ? 'built' : 'none',
      rssMb: process.memoryUsage().rss / 2 ** 20,
    };
  });
  console.log(
    JSON.stringify({
      cells: rows,
      genes: table.values.cols,
      storedValues: storedValues(table.values),
      format: table.values.format ?? 'dense',
      importSeconds: importMs / 1000,
      rssAfterImportMb,
      runs,
    }),
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
