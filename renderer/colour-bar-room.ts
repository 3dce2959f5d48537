/**
 * The room Plotly keeps in a chart's margins for a colour bar placed by the container: the 2-D map's upright
 * bar (plot-model.ts colorbarPlacement, xref 'container') is given its room in `_fullLayout._reservedMargin`
 * under the bar's id ('cb' + the trace's uid), and Plotly never takes that room back when a later draw has no
 * bar there (plotly.js #6612, the same for a legend placed by the container): after colouring a 2-D map by a
 * gene, a column of categories drew the plot area pushed right by the bar's width and the y axis's title over
 * its own tick labels. Plotly gives no public way to release it, so plot-view.ts drops the bars' room before
 * drawing a figure that shows no bar; a figure with a bar reserves its room again as Plotly draws it.
 */
import type { Data } from 'plotly.js-dist';

/** The part of a drawn Plotly graph div this module reads and writes (Plotly's private state). */
interface ReservedMargins {
  _fullLayout?: { _reservedMargin?: Record<string, unknown> };
}

/** Whether a trace of `data` shows a colour scale's bar. */
export function showsColourBar(data: readonly Data[]): boolean {
  return data.some((t) => (t as { marker?: { showscale?: unknown } }).marker?.showscale === true);
}

/**
 * Before `gd` draws `data`: when no trace of it shows a colour bar, forgets the room Plotly reserved for the
 * bars it drew before (their ids start with 'cb'), so the next draw lays the margins out without them.
 */
export function releaseColourBarRoom(gd: object, data: readonly Data[]): void {
  if (showsColourBar(data)) return;
  const reserved = (gd as ReservedMargins)._fullLayout?._reservedMargin;
  if (!reserved) return;
  for (const id of Object.keys(reserved)) if (id.startsWith('cb')) delete reserved[id];
}
