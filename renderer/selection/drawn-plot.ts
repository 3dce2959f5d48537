/** The drawn 2-D Plotly chart's plot area, read from Plotly's private layout (see plot-area.ts). */
import type { PlotArea2d } from './plot-area.js';

/** Plotly's linear 2-D axis, as its `_fullLayout` holds it. */
interface PlotlyAxis {
  p2d?: (px: number) => number;
  _length?: number;
}

/** The main 2-D subplot's plot area of a drawn Plotly chart `gd`, or null when none is drawn. */
export function plotArea2d(gd: HTMLElement): PlotArea2d | null {
  const layout = (gd as unknown as { _fullLayout?: { xaxis?: PlotlyAxis; yaxis?: PlotlyAxis } })._fullLayout;
  const xaxis = layout?.xaxis;
  const yaxis = layout?.yaxis;
  // the rectangle Plotly itself takes drags on (its plot area)
  const drag = gd.querySelector('.draglayer .xy .nsewdrag');
  if (!xaxis?.p2d || !yaxis?.p2d || !drag) return null;
  const r = drag.getBoundingClientRect();
  if (!(r.width > 0 && r.height > 0)) return null;
  const xp2d = xaxis.p2d;
  const yp2d = yaxis.p2d;
  return {
    left: r.left,
    top: r.top,
    width: xaxis._length ?? r.width,
    height: yaxis._length ?? r.height,
    xOf: (px) => xp2d(px),
    yOf: (py) => yp2d(py),
  };
}
