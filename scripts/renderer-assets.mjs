// Assets the renderer needs beside app.js, derived from plotly.js-dist at build time:
// - plotly.css: Plotly's own style rules as a stylesheet. Plotly normally inserts them into an inline
//   <style> element, which a strict CSP (style-src 'self') blocks; index.html links this file with the id
//   and class Plotly looks for ("plotly.js-style-global" + "no-inline-styles"), so Plotly skips the insert.
// - plotly.min.js: Plotly's source, fetched by the page for the standalone HTML export. Minifying 10 MB
//   takes a few seconds, so the result is cached in node_modules/.cache keyed by Plotly's version.
// - index.html: Plotly's bundled maplibre CSS inserts an inline <style> at load unless an element with its
//   id exists; the placeholder comment in index.html becomes an empty <template> with that id. (TripletLens
//   draws no maps; without the marker a strict CSP only logs a refused style.)
import { transform } from 'esbuild';
import { existsSync, mkdirSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';

/** Writes plotly.css and plotly.min.js into `outDir`. */
export async function writeRendererAssets(root, outDir) {
  const pkgDir = join(root, 'node_modules', 'plotly.js-dist');
  const version = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')).version;
  const source = readFileSync(join(pkgDir, 'plotly.js'), 'utf8');
  writeFileSync(join(outDir, 'plotly.css'), plotlyCss(source));

  const cacheDir = join(root, 'node_modules', '.cache', 'tripletlens');
  const cached = join(cacheDir, `plotly-${version}.min.js`);
  if (!existsSync(cached)) {
    const { code } = await transform(source, { minify: true, target: 'es2020', legalComments: 'inline' });
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(cached, code);
  }
  copyFileSync(cached, join(outDir, 'plotly.min.js'));

  const html = join(outDir, 'index.html');
  if (existsSync(html)) {
    const ids = inlineStyleIds(source);
    const markers = ids.map((id) => `<template id="${id}"></template>`).join('');
    writeFileSync(html, readFileSync(html, 'utf8').replace('<!-- plotly-inline-style-markers -->', markers));
  }
}

/** Ids of the <style> elements Plotly's bundled CSS modules insert unless an element with that id exists. */
export function inlineStyleIds(source) {
  const ids = [];
  const pattern =
    /if \(!document\.getElementById\("([0-9a-f]{16,})"\)\) \{\s*var \w+ = document\.createElement\("style"\)/g;
  for (const m of source.matchAll(pattern)) ids.push(m[1]);
  return ids;
}

/** Plotly's rules object (build/plotcss.js inside the bundle) turned into CSS with the same selectors. */
export function plotlyCss(source) {
  const match = /var rules = (\{[\s\S]*?\n\s*\});\n\s*for \(selector in rules\)/.exec(source);
  if (!match)
    throw new Error(
      'plotly.js-dist changed: its CSS rules object was not found (scripts/renderer-assets.mjs)',
    );
  // The object literal holds only string keys and values; evaluating it at build time is safe.
  const rules = new Function(`return ${match[1]};`)();
  const lines = ['/* Plotly.js style rules, extracted at build time (see scripts/renderer-assets.mjs). */'];
  for (const [selector, body] of Object.entries(rules)) {
    const full = selector
      .replace(/^,/, ' ,')
      .replace(/X/g, '.js-plotly-plot .plotly')
      .replace(/Y/g, '.plotly-notifier');
    lines.push(`${full} { ${body} }`);
  }
  return `${lines.join('\n')}\n`;
}
