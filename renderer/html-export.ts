/**
 * Builds the standalone interactive HTML export: one file holding the figure's data and layout as JSON and
 * Plotly's own source in a <script>, so it opens offline, anywhere, without TripletLens. Pure (no DOM):
 * typed arrays are turned into plain JSON arrays (rounded to 6 significant digits to keep the file small),
 * and the embedded text is escaped so that no data value can end the script element early: every "<" in the
 * JSON becomes \u003c (valid only inside JSON strings, which is the only place "<" can occur in JSON).
 * The legend's shortened class names (legend-names.ts) get their full names as tooltips, as in the app.
 */
import { legendTitlesScript } from './legend-titles.js';

/** What the export needs. */
export interface StandaloneHtmlInput {
  /** Page title (also shown as a heading). */
  title: string;
  /** Plotly traces (may contain typed arrays). */
  data: unknown[];
  /** Plotly layout. */
  layout: unknown;
  /** The text of plotly.min.js. */
  plotlySource: string;
  /** One line under the title (dataset, date, metrics…). Default ''. */
  subtitle?: string;
}

function isTypedArray(value: unknown): value is ArrayLike<number> {
  return ArrayBuffer.isView(value) && !(value instanceof DataView);
}

/** JSON.stringify that writes typed arrays as arrays of rounded numbers (NaN → null, as Plotly expects gaps). */
export function figureJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (isTypedArray(v)) {
      const out = new Array<number | null>(v.length);
      for (let i = 0; i < v.length; i++) {
        const n = Number(v[i]);
        out[i] = Number.isFinite(n) ? Number(n.toPrecision(6)) : null;
      }
      return out;
    }
    return v;
  });
}

/** JSON text that cannot close or open a script element: "<" is written as its \u003c escape. */
export function escapeJsonForScript(json: string): string {
  return json.replace(/</g, '\\u003c');
}

/**
 * JavaScript source safe inside a <script> element: "</script" becomes "<\/script" (the same text inside a
 * string or a regular expression literal, where "\/" means "/").
 */
export function escapeScriptSource(source: string): string {
  return source.replace(/<\/(script)/gi, '<\\/$1');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The whole HTML document. */
export function buildStandaloneHtml(input: StandaloneHtmlInput): string {
  const figure = escapeJsonForScript(figureJson({ data: input.data, layout: input.layout }));
  const subtitle = input.subtitle ? `<p>${escapeHtml(input.subtitle)}</p>` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(input.title)}</title>
<style>
html, body { margin: 0; height: 100%; font-family: system-ui, sans-serif; }
body { display: flex; flex-direction: column; }
header { padding: 8px 16px; }
header h1 { font-size: 18px; margin: 0; }
header p { margin: 4px 0 0; color: #555; font-size: 13px; }
#plot { flex: 1; min-height: 400px; }
</style>
</head>
<body>
<header><h1>${escapeHtml(input.title)}</h1>${subtitle}</header>
<div id="plot"></div>
<script>${escapeScriptSource(input.plotlySource)}</script>
<script type="application/json" id="figure">${figure}</script>
<script>
(function () {
  var figure = JSON.parse(document.getElementById('figure').textContent);
  Plotly.newPlot('plot', figure.data, figure.layout, { responsive: true, displaylogo: false });
})();
${escapeScriptSource(legendTitlesScript("document.getElementById('plot')"))}
</script>
</body>
</html>
`;
}
