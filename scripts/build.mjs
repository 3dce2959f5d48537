// Builds every runnable piece into dist/ with esbuild (type checking is `npm run typecheck`, part of lint).
// Node-side bundles keep node_modules external; the renderer is bundled whole (Plotly included) for the page.
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const at = (p) => join(root, p);
const present = (entries) => entries.filter((e) => existsSync(at(e.in)));

rmSync(at('dist'), { recursive: true, force: true });

const nodeEntries = present([
  { in: 'src/cli/run.ts', out: 'cli/run' },
  { in: 'src/worker/engine-worker.ts', out: 'worker/engine-worker' },
  { in: 'electron/main.ts', out: 'electron/main' },
]);
await build({
  entryPoints: nodeEntries.map((e) => ({ in: at(e.in), out: e.out })),
  outdir: at('dist'),
  bundle: true,
  // Code splitting keeps each CLI command's dynamic import() a separate chunk, so `inspect` and `--help`
  // never load TensorFlow (without it esbuild hoists every command's imports into run.js).
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  external: ['electron'],
  sourcemap: true,
  logLevel: 'warning',
});

// The sandboxed preload must be a single CommonJS file.
if (existsSync(at('electron/preload.ts'))) {
  await build({
    entryPoints: [at('electron/preload.ts')],
    outfile: at('dist/electron/preload.cjs'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['electron'],
    sourcemap: true,
    logLevel: 'warning',
  });
}

if (existsSync(at('renderer/main.ts'))) {
  await build({
    entryPoints: [at('renderer/main.ts')],
    outfile: at('dist/renderer/app.js'),
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    sourcemap: true,
    minify: true,
    logLevel: 'warning',
  });
  mkdirSync(at('dist/renderer'), { recursive: true });
  for (const file of ['index.html', 'styles.css']) {
    if (existsSync(at(`renderer/${file}`))) cpSync(at(`renderer/${file}`), at(`dist/renderer/${file}`));
  }
  // plotly.css (Plotly's styles for a strict CSP) and plotly.min.js (for the HTML export)
  const { writeRendererAssets } = await import('./renderer-assets.mjs');
  await writeRendererAssets(root, at('dist/renderer'));
}
console.log(`built ${nodeEntries.length} node entr${nodeEntries.length === 1 ? 'y' : 'ies'} into dist/`);
