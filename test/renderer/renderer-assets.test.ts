import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inlineStyleIds, plotlyCss } from '../../scripts/renderer-assets.mjs';
import { packageRoot } from '../../src/util/paths.js';

// The installed Plotly: if an upgrade moves its style rules, the build must fail loudly, not ship a page
// whose mode bar and hover labels are unstyled under the strict CSP.
const plotly = readFileSync(join(packageRoot(), 'node_modules', 'plotly.js-dist', 'plotly.js'), 'utf8');

test('Plotly style rules become a stylesheet with Plotly’s own selectors', () => {
  const css = plotlyCss(plotly);
  assert.match(css, /^\.js-plotly-plot \.plotly \.modebar \{ position:absolute;top:2px;right:2px; \}$/m);
  assert.match(css, /^\.plotly-notifier \{ /m);
  assert.ok(!/\bX\b \.|^Y /m.test(css), 'every X/Y placeholder was expanded');
  assert.ok(css.split('\n').length > 40);
});

test('a source without the rules object is refused with a clear message', () => {
  assert.throws(() => plotlyCss('var nothing = 1;'), /CSS rules object was not found/);
});

test('the ids of Plotly’s self-inserting <style> elements are found', () => {
  const ids = inlineStyleIds(plotly);
  assert.ok(ids.length >= 1);
  for (const id of ids) assert.ok(plotly.includes(`document.getElementById("${id}")`));
  const fake =
    'if (!document.getElementById("abcdef0123456789")) {\n  var e1 = document.createElement("style");';
  assert.deepEqual(inlineStyleIds(fake), ['abcdef0123456789']);
});
