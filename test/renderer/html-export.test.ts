import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildStandaloneHtml, figureJson } from '../../renderer/html-export.js';
import { buildMapFigure, DEFAULT_MAP_VIEW, type MapPoints } from '../../renderer/plot-model.js';

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

// A walkthrough: the exported HTML had the legend's shortened class names (legend-names.ts) and, unlike the app
// (legend-titles.ts), no way to read the full one. Its script now gives the entries their full names as the
// app does; here it runs against stand-ins of the page, Plotly and a legend entry as Plotly draws it.
test('the exported page gives a shortened legend entry its full name as a tooltip, a whole one none', () => {
  const long = 'CD16-negative, CD56-bright natural killer cell, human';
  const labels = [long, long, 'B & T cells'];
  const points: MapPoints = {
    coords: new Float32Array(labels.length * 2),
    dims: 2,
    ids: labels.map((_, i) => `c${i}`),
    labels,
    split: labels.map(() => 'train' as const),
  };
  const { data, layout } = buildMapFigure(points, { ...DEFAULT_MAP_VIEW, show3d: false });
  const html = buildStandaloneHtml({ title: 'map', data, layout, plotlySource: '' });
  const json = /<script type="application\/json" id="figure">(.*?)<\/script>/s.exec(html)?.[1] ?? '';
  const page = /<script>\n(\(function \(\) \{.*?)<\/script>/s.exec(html)?.[1] ?? '';
  assert.ok(json && page, 'the figure and the page’s own script');

  /** A stand-in of an element: the calls the script makes. */
  class Node {
    textContent: string | null = null;
    children: Node[] = [];
    listeners = new Map<string, (event: { target: unknown }) => void>();
    constructor(
      public tag: string,
      public __data__?: unknown,
    ) {}
    addEventListener(type: string, listener: (event: { target: unknown }) => void) {
      this.listeners.set(type, listener);
    }
    closest(selector: string) {
      return selector === '.legend .traces' && this.tag === 'g' ? this : null;
    }
    querySelector(selector: string) {
      return selector === ':scope > title' ? (this.children.find((c) => c.tag === 'title') ?? null) : null;
    }
    prepend(node: Node) {
      this.children.unshift(node);
    }
    get ownerDocument() {
      return { createElementNS: (_ns: string, tag: string) => new Node(tag) };
    }
  }
  const plot = new Node('div');
  const figureNode = Object.assign(new Node('script'), { textContent: json });
  const document = {
    getElementById: (id: string) => (id === 'plot' ? plot : id === 'figure' ? figureNode : null),
  };
  let drawn: { data: Record<string, unknown>[] } | null = null;
  const Plotly = { newPlot: (_id: string, d: Record<string, unknown>[]) => (drawn = { data: d }) };
  new Function('document', 'Plotly', page)(document, Plotly);
  assert.ok(drawn, 'the figure is drawn');
  const legendOnly = (drawn as { data: Record<string, unknown>[] }).data.filter(
    (t) => t.meta === 'legend-only',
  );
  const hover = plot.listeners.get('mouseover');
  assert.ok(hover, 'the plot listens for the pointer');
  const titles = legendOnly.map((trace) => {
    const entry = new Node('g', [{ trace }]);
    hover({ target: entry });
    return [trace.legendgroup, entry.children.find((c) => c.tag === 'title')?.textContent ?? null];
  });
  assert.deepEqual(titles, [
    [long, long],
    ['B & T cells', null],
  ]);
});
