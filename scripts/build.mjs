// Builds every runnable piece into dist/ with esbuild (type checking is `npm run typecheck`, part of lint).
// Node-side bundles keep node_modules external; the renderer is bundled whole (Plotly included) for the page.
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const at = (p) => join(root, p);
const present = (entries) => entries.filter((e) => existsSync(at(e.in)));

rmSync(at('dist'), { recursive: true, force: true });

// What each output file imports (esbuild's metafile, outputs only, paths relative to the package root), kept
// in dist/build-meta.json: the package test derives from it the files the app loads at run time. Not shipped.
const buildMeta = { outputs: {} };
const record = (result) => {
  for (const [file, out] of Object.entries(result.metafile.outputs)) {
    buildMeta.outputs[file] = { entryPoint: out.entryPoint, imports: out.imports };
  }
};
const common = { absWorkingDir: root, metafile: true };

const nodeEntries = present([
  { in: 'src/cli/run.ts', out: 'cli/run' },
  { in: 'src/worker/engine-worker.ts', out: 'worker/engine-worker' },
  // a worker thread's script must be a file of its own (src/neighbours/thread-pool.ts finds it there)
  { in: 'src/neighbours/forest-worker.ts', out: 'neighbours/forest-worker' },
  { in: 'src/markers/rank-index-worker.ts', out: 'markers/rank-index-worker' },
  { in: 'src/train/mask-worker.ts', out: 'train/mask-worker' },
  { in: 'src/evaluate/metrics-worker.ts', out: 'evaluate/metrics-worker' },
  { in: 'electron/main.ts', out: 'electron/main' },
]);
const nodeResult = await build({
  ...common,
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
record(nodeResult);

// The sandboxed preload must be a single CommonJS file.
if (existsSync(at('electron/preload.ts'))) {
  const preloadResult = await build({
    ...common,
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
  record(preloadResult);
}

if (existsSync(at('renderer/main.ts'))) {
  const rendererResult = await build({
    ...common,
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
  record(rendererResult);
  mkdirSync(at('dist/renderer'), { recursive: true });
  for (const file of ['index.html', 'styles.css']) {
    if (existsSync(at(`renderer/${file}`))) cpSync(at(`renderer/${file}`), at(`dist/renderer/${file}`));
  }
  // plotly.css (Plotly's styles for a strict CSP) and plotly.min.js (for the HTML export)
  const { writeRendererAssets } = await import('./renderer-assets.mjs');
  await writeRendererAssets(root, at('dist/renderer'));
}
writeFileSync(at('dist/build-meta.json'), `${JSON.stringify(buildMeta)}\n`);
console.log(`built ${nodeEntries.length} node entr${nodeEntries.length === 1 ? 'y' : 'ies'} into dist/`);
