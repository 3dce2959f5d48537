/**
 * Where preprocessing's time goes on a raw CSR (make_counts.py's PATH.csr/): `fitPreprocess` with the default
 * options, its pause between passes used as a timer (the gene statistics, each PCA pass, the projection), and
 * a SHA-256 of the output and the recipe so runs of two commits can be compared bit for bit.
 *
 * Usage: npx tsx bench/preprocess-passes.ts PATH.csr [ROWS]   — prints one JSON line.
 */
import { createHash } from 'node:crypto';
import { initBackend } from '../src/backend/index.js';
import { fitPreprocess } from '../src/preprocess/index.js';
import { readRawCsr } from './lib/raw-csr.js';

async function main(): Promise<void> {
  const [path, rowsArg] = process.argv.slice(2);
  const backend = await initBackend();
  const { matrix, genes } = readRawCsr(path, rowsArg ? Number(rowsArg) : undefined);
  const passes: number[] = [];
  const t0 = performance.now();
  let last = t0;
  const cpu0 = process.cpuUsage();
  const fit = await fitPreprocess(matrix, genes, { seed: 0 }, async () => {
    const now = performance.now();
    passes.push(Math.round(now - last));
    last = now;
  });
  const end = performance.now();
  passes.push(Math.round(end - last));
  const cpu = process.cpuUsage(cpu0);
  const out = fit.matrix.data;
  const hash = createHash('sha256')
    .update(new Uint8Array(out.buffer, out.byteOffset, out.byteLength))
    .update(JSON.stringify(fit.recipe))
    .digest('hex')
    .slice(0, 16);
  console.log(
    JSON.stringify({
      backend: backend.backend,
      rows: matrix.rows,
      preprocessMs: Math.round(end - t0),
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      passesMs: passes,
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      hash,
    }),
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
