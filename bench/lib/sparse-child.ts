/**
 * One TripletLens measurement of the sparse benchmark, in its own process (GNU time's peak RSS and CPU time
 * are its own): import a count matrix, then the default preprocessing (normalise, log1p, top 2 000 genes,
 * z-score, clip 10, PCA 50) with `fitPreprocess`, as `tripletlens train` runs it.
 *
 * Usage: sparse-child.ts MODE PATH [ROWS]
 *   h5ad  PATH.h5ad  through importTable (the product's reader);
 *   csr   PATH.csr/  the same CSR read from raw little-endian arrays (indptr.f64, indices.i32, data.f32,
 *                    shape.json) — the stand-in while no h5ad reader is available; ROWS keeps the first rows;
 *   csv   PATH.csv   through importTable (delimited text → a dense matrix).
 * Prints one JSON line. In h5ad mode, a reader that cannot read HDF5 yet gives {"unsupported": "…"}.
 */
import { initBackend } from '../../src/backend/index.js';
import { DataImportError } from '../../src/data/errors.js';
import { importTable } from '../../src/data/import-table.js';
import { isCsr, storedValues } from '../../src/data/sparse.js';
import type { ExpressionMatrix } from '../../src/api/matrix.js';
import { fitPreprocess } from '../../src/preprocess/index.js';
import { readRawCsr } from './raw-csr.js';

async function main(): Promise<void> {
  const [mode, path, rowsArg] = process.argv.slice(2);
  const started = performance.now();
  const backend = await initBackend();
  const backendMs = performance.now() - started;
  let values: ExpressionMatrix;
  let genes: string[];
  const t0 = performance.now();
  if (mode === 'csr') {
    ({ matrix: values, genes } = readRawCsr(path, rowsArg ? Number(rowsArg) : undefined));
  } else if (mode === 'h5ad' || mode === 'csv') {
    try {
      const table = await importTable(path);
      values = table.values;
      genes = table.genes;
    } catch (err) {
      if (mode === 'h5ad' && err instanceof DataImportError && err.kind === 'unsupported-format') {
        console.log(JSON.stringify({ unsupported: err.message }));
        return;
      }
      throw err;
    }
  } else {
    throw new Error('usage: sparse-child.ts h5ad|csr|csv PATH [ROWS]');
  }
  const importMs = performance.now() - t0;
  const rssAfterImportMb = process.memoryUsage().rss / 2 ** 20;
  const t1 = performance.now();
  const { matrix, recipe } = await fitPreprocess(values, genes, { seed: 0 });
  const preprocessMs = performance.now() - t1;
  const cpu = process.cpuUsage();
  console.log(
    JSON.stringify({
      mode,
      backend: backend.backend,
      cells: values.rows,
      genes: values.cols,
      format: isCsr(values) ? 'csr' : 'dense',
      storedValues: storedValues(values),
      backendMs,
      importMs,
      preprocessMs,
      rssAfterImportMb,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      output: { rows: matrix.rows, cols: matrix.cols },
      recipe: {
        genes: recipe.genes.length,
        components: recipe.pca?.components ?? 0,
        iterations: recipe.pca?.iterations ?? 0,
        varianceCaptured: recipe.pca?.explainedVarianceRatio.reduce((a, b) => a + b, 0) ?? null,
      },
    }),
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
