/**
 * One import measurement in its own process, so that GNU time's peak RSS belongs to it alone.
 * Usage: import-child.ts MODE CSV, MODE one of:
 *   raw     read the file's bytes and do nothing with them (the I/O ceiling);
 *   hand    a minimal hand-written loop: decode, split lines and fields, parseFloat into a growing
 *           Float32Array (skipping the id and label columns) — the yardstick the importer is held to;
 *   import  TripletLens's importTable (papaparse chunks, roles, checks, one Float32Array).
 * Prints one JSON line: { mode, ms, cpuMs, rows, cols, checksum, maxRssMb } (cpuMs: user + system CPU time,
 * which other work on a shared machine disturbs less than wall time).
 */
import { createReadStream } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { importTable } from '../../src/data/index.js';

async function readRaw(path: string): Promise<{ rows: number; cols: number; checksum: number }> {
  let bytes = 0;
  let checksum = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    checksum += chunk[0];
  }
  return { rows: 0, cols: bytes, checksum };
}

async function handLoop(path: string): Promise<{ rows: number; cols: number; checksum: number }> {
  let data = new Float32Array(1 << 20);
  let n = 0;
  let rows = 0;
  let cols = -1;
  let partial = '';
  let header = true;
  const stream = createReadStream(path, { highWaterMark: 1 << 20, encoding: 'utf8' });
  for await (const chunk of stream as AsyncIterable<string>) {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (header) {
        header = false;
        continue;
      }
      const fields = line.split(',');
      if (cols === -1) cols = fields.length - 2;
      if (n + cols > data.length) {
        const grown = new Float32Array(data.length * 2);
        grown.set(data);
        data = grown;
      }
      for (let i = 2; i < fields.length; i++) data[n++] = parseFloat(fields[i]);
      rows++;
    }
  }
  let checksum = 0;
  for (let i = 0; i < n; i += 997) checksum += data[i];
  return { rows, cols, checksum };
}

async function viaImport(path: string): Promise<{ rows: number; cols: number; checksum: number }> {
  const table = await importTable(path);
  const { data, rows, cols } = table.values;
  let checksum = 0;
  for (let i = 0; i < data.length; i += 997) checksum += data[i];
  return { rows, cols, checksum };
}

const MODES = { raw: readRaw, hand: handLoop, import: viaImport } as const;

async function main(): Promise<void> {
  const [mode, path] = process.argv.slice(2);
  if (!(mode in MODES) || !path) throw new Error('usage: import-child.ts raw|hand|import CSV');
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const result = await MODES[mode as keyof typeof MODES](path);
  const ms = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify({ mode, ms, cpuMs, ...result, maxRssMb })}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
