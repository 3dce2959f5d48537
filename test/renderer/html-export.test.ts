import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildStandaloneHtml, figureJson } from '../../renderer/html-export.js';

test('typed arrays become rounded JSON arrays and NaN becomes null', () => {
  const json = figureJson({ x: new Float32Array([1 / 3, NaN, 2]), n: 5 });
  assert.deepEqual(JSON.parse(json), { x: [0.333333, null, 2], n: 5 });
});

test('the page embeds the figure and Plotly, and data cannot close the script element', () => {
  const html = buildStandaloneHtml({
    title: 'Map <of> cells',
    subtitle: 'pbmc & co',
    data: [{ type: 'scatter3d', name: '</script><script>alert(1)</script>', x: new Float32Array([1]) }],
    layout: { title: { text: 'x' } },
    plotlySource: 'window.Plotly = { s: "</script>" };',
  });
  // exactly the three script elements we wrote
  assert.equal(html.match(/<script/gi)?.length, 3);
  assert.equal(html.match(/<\/script>/gi)?.length, 3);
  assert.match(html, /<title>Map &lt;of&gt; cells<\/title>/);
  assert.match(html, /pbmc &amp; co/);
  assert.match(html, /window\.Plotly = \{ s: "<\\\/script>" \};/);
  const json = /<script type="application\/json" id="figure">(.*?)<\/script>/s.exec(html);
  assert.ok(json);
  const figure = JSON.parse(json[1]) as { data: { name: string; x: number[] }[] };
  assert.equal(figure.data[0].name, '</script><script>alert(1)</script>');
  assert.deepEqual(figure.data[0].x, [1]);
});
