/**
 * The full class name of a shortened legend entry (legend-names.ts) as a tooltip: Plotly's legend has no hover
 * text of its own. Each entry is an SVG group whose d3 datum (`__data__`, Plotly's private state) holds its
 * trace; the tooltip is an SVG <title> set as the pointer enters the entry, so it follows whatever trace the
 * entry shows after a redraw, and an entry whose datum is not as expected gets none.
 */
import { escapeHoverText, isLegendOnly, LEGEND_ONLY } from './plot-model.js';

const SVG = 'http://www.w3.org/2000/svg';

/**
 * The tooltip of the legend entry drawn from `datum` (Plotly's `[{ trace }]`): its class's full name when the
 * entry shows it shortened, else null.
 */
export function legendEntryTitle(datum: unknown): string | null {
  const trace = Array.isArray(datum) ? (datum[0] as { trace?: unknown } | undefined)?.trace : undefined;
  if (typeof trace !== 'object' || trace === null || !isLegendOnly(trace)) return null;
  const { name, legendgroup } = trace as { name?: unknown; legendgroup?: unknown };
  if (typeof legendgroup !== 'string' || name === escapeHoverText(legendgroup)) return null;
  return legendgroup;
}

/** The DOM used here (structural: the Node build that type-checks tests has no DOM types). */
interface LegendNode {
  closest(selector: string): LegendNode | null;
  querySelector(selector: string): LegendNode | null;
  prepend(node: LegendNode): void;
  remove(): void;
  textContent: string | null;
  ownerDocument: { createElementNS(namespace: string, name: string): LegendNode };
  /** d3's datum, on Plotly's legend entries. */
  __data__?: unknown;
}

/** Gives the shortened legend entries of the plot in `element` their full names as tooltips. */
export function wireLegendTitles(element: EventTarget): void {
  element.addEventListener('mouseover', (event) => {
    const target = event.target as Partial<LegendNode> | null;
    const entry = typeof target?.closest === 'function' ? target.closest('.legend .traces') : null;
    if (!entry) return;
    const full = legendEntryTitle(entry.__data__);
    let title = entry.querySelector(':scope > title');
    if (full === null) return void title?.remove();
    if (!title) entry.prepend((title = entry.ownerDocument.createElementNS(SVG, 'title')));
    if (title.textContent !== full) title.textContent = full;
  });
}

/**
 * wireLegendTitles as the source of a script for the standalone HTML export (html-export.ts): the exported
 * file draws the same legend with Plotly's own source, so its shortened entries get their full names the same
 * way — the live page cannot run it (its CSP refuses script text), the export has nothing else to run. ES5,
 * no imports: the escape and the legend-only mark are written in; legend-titles.test.ts holds it to
 * legendEntryTitle. `plotExpression` is JavaScript giving the plot's element.
 */
export function legendTitlesScript(plotExpression: string): string {
  return `(function (plot) {
  function escapeHoverText(text) {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  }
  function legendEntryTitle(datum) {
    var trace = Array.isArray(datum) && datum[0] ? datum[0].trace : undefined;
    if (typeof trace !== 'object' || trace === null || trace.meta !== ${JSON.stringify(LEGEND_ONLY)}) return null;
    if (typeof trace.legendgroup !== 'string' || trace.name === escapeHoverText(trace.legendgroup)) return null;
    return trace.legendgroup;
  }
  plot.addEventListener('mouseover', function (event) {
    var target = event.target;
    var entry = target && typeof target.closest === 'function' ? target.closest('.legend .traces') : null;
    if (!entry) return;
    var full = legendEntryTitle(entry.__data__);
    var title = entry.querySelector(':scope > title');
    if (full === null) {
      if (title) title.remove();
      return;
    }
    if (!title) {
      title = entry.ownerDocument.createElementNS(${JSON.stringify(SVG)}, 'title');
      entry.prepend(title);
    }
    if (title.textContent !== full) title.textContent = full;
  });
})(${plotExpression});`;
}
