/**
 * MatrixMarket import measurement (issue 12): generates a 10x-like Cell Ranger folder in bench/data/ —
 * 20 000 genes × 10 000 cells, 10 % non-zero (2e7 entries, `--entries` scales the cells), small counts — and
 * imports it with importTable in a fresh child process (GNU time's peak RSS is then the import's own):
 *   cells   entries listed cell by cell (as Cell Ranger and scipy write from CSC): the 8-bytes-an-entry path;
 *   genes   listed gene by gene (as scipy writes a CSR genes × cells matrix): the counting-sort path;
 *   gzip    the cell-ordered file gzip-compressed (matrix.mtx.gz, as Cell Ranger 3 writes it).
 * Run with `npx tsx bench/mtx-import.ts [--entries N] [--modes cells,genes,gzip]`; prints one JSON line a mode
 * (not part of `npm run bench`, and not a timed test).
 */
import {
  closeSync,
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  openSync,
  writeSync,
} from 'node:fs';
import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { createGzip } from 'node:zlib';
import { importTable, storedValues } from '../src/data/index.js';
import { seededRandom } from '../src/util/random.js';
import { runTsScript } from './lib/child.js';
import { benchDataDir } from './lib/datasets.js';

const GENES = 20_000;
const DENSITY = 0.1;

/** Writes matrix.mtx (+ names) for `cells` cells; `geneMajor` lists the entries gene by gene. */
function generate(dir: string, cells: number, geneMajor: boolean): void {
  mkdirSync(dir, { recursive: true });
  const random = seededRandom(12);
  // Which (gene, cell) pairs hold a value is a pure function of the pair, so both orders write the same matrix.
  const hash = (g: number, c: number): number => {
    let h = Math.imul(g + 1, 0x9e3779b1) ^ Math.imul(c + 1, 0x85ebca77);
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
    return ((h ^ (h >>> 12)) >>> 0) / 2 ** 32;
  };
  let entries = 0;
  for (let c = 0; c < cells; c++) for (let g = 0; g < GENES; g++) if (hash(g, c) < DENSITY) entries++;
  const fd = openSync(join(dir, 'matrix.mtx'), 'w');
  writeSync(fd, `%%MatrixMarket matrix coordinate integer general\n%\n${GENES} ${cells} ${entries}\n`);
  let block: string[] = [];
  const flush = (): void => {
    writeSync(fd, `${block.join('\n')}\n`);
    block = [];
  };
  const [outer, inner] = geneMajor ? [GENES, cells] : [cells, GENES];
  for (let a = 0; a < outer; a++) {
    for (let b = 0; b < inner; b++) {
      const [g, c] = geneMajor ? [a, b] : [b, a];
      if (hash(g, c) >= DENSITY) continue;
      block.push(`${g + 1} ${c + 1} ${1 + Math.floor(-Math.log(1 - random()) * 2)}`);
      if (block.length === 65_536) flush();
    }
  }
  if (block.length > 0) flush();
  closeSync(fd);
  const names = (n: number, f: (i: number) => string): string =>
    Array.from({ length: n }, (_, i) => f(i)).join('\n') + '\n';
  const barcodes = openSync(join(dir, 'barcodes.tsv'), 'w');
  writeSync(
    barcodes,
    names(cells, (i) => `CELL${i}-1`),
  );
  closeSync(barcodes);
  const genes = openSync(join(dir, 'genes.tsv'), 'w');
  writeSync(
    genes,
    names(GENES, (i) => `ENSG${i}\tGENE${i}`),
  );
  closeSync(genes);
}

async function gzipFolder(from: string, to: string): Promise<void> {
  mkdirSync(to, { recursive: true });
  for (const name of ['matrix.mtx', 'barcodes.tsv', 'genes.tsv']) {
    const temp = join(to, `${name}.gz.tmp`);
    await pipeline(createReadStream(join(from, name)), createGzip(), createWriteStream(temp));
    await rename(temp, join(to, `${name}.gz`));
  }
}

/** The child: one import, its time and the matrix it read. */
async function child(dir: string): Promise<void> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const table = await importTable(dir);
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const { rows, cols } = table.values;
  const report = {
    ms,
    cpuMs: (used.user + used.system) / 1000,
    rows,
    cols,
    entries: storedValues(table.values),
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { entries: { type: 'string' }, modes: { type: 'string' }, child: { type: 'string' } },
  });
  if (values.child) return child(values.child);
  const entries = Number(values.entries ?? 2e7);
  const cells = Math.max(1, Math.round(entries / (GENES * DENSITY)));
  const base = join(benchDataDir(), `mtx_${GENES}x${cells}`);
  const modes = (values.modes ?? 'cells,genes,gzip').split(',');
  for (const mode of modes) {
    const dir = `${base}_${mode}`;
    if (!existsSync(join(dir, mode === 'gzip' ? 'matrix.mtx.gz' : 'matrix.mtx'))) {
      process.stderr.write(`mtx bench: generating ${dir}\n`);
      if (mode === 'gzip') {
        if (!existsSync(join(`${base}_cells`, 'matrix.mtx'))) generate(`${base}_cells`, cells, false);
        await gzipFolder(`${base}_cells`, dir);
      } else {
        generate(dir, cells, mode === 'genes');
      }
    }
    const result = await runTsScript('bench/mtx-import.ts', ['--child', dir], { label: `mtx ${mode}` });
    const line = result.stdout.trim().split('\n').pop() ?? '{}';
    if (result.code !== 0) throw new Error(`mtx ${mode} failed: ${result.stderr.trim().split('\n').pop()}`);
    const report = JSON.parse(line) as Record<string, number>;
    process.stdout.write(`${JSON.stringify({ mode, ...report, peakRssMb: result.peakRssMb })}\n`);
  }
}

await main();
