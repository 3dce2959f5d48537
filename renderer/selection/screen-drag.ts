/**
 * A box or lasso the page draws itself on an SVG overlay (the 3-D scene, where Plotly selects nothing, and a
 * big 2-D map, where Plotly's own lasso selects the drawn points again at every mouse move): each move only
 * redraws the path; the cells are picked once, on release. While it lasts the moves and the release are
 * kept from the plot under it (which would rotate, pan or hover).
 */
import { dragPolygon, isClick } from './drag-shape.js';

export interface ScreenDrag {
  /**
   * Starts a drag at the press `e`: `finish(polygon)` gets the box or lasso on release, in client px,
   * unless the press was released within MIN_DRAG_PX (drag-shape.ts): a click, which picks nothing.
   */
  start(e: MouseEvent, tool: 'box' | 'lasso', finish: (polygon: number[]) => void): void;
}

/** Draws drags on `overlay` (its `shape` the path; the class 'active' while one lasts). */
export function createScreenDrag(overlay: SVGSVGElement, shape: SVGPolygonElement): ScreenDrag {
  let drag: {
    points: number[];
    tool: 'box' | 'lasso';
    finish: (polygon: number[]) => void;
  } | null = null;

  const drawShape = (): void => {
    if (!drag) return shape.setAttribute('points', '');
    const box = overlay.getBoundingClientRect();
    const pts = dragPolygon(drag.tool, drag.points);
    const text: string[] = [];
    for (let i = 0; i < pts.length; i += 2) text.push(`${pts[i] - box.left},${pts[i + 1] - box.top}`);
    shape.setAttribute('points', text.join(' '));
  };
  // one path redraw a frame at most: the browser may send several moves a frame
  let frame = 0;
  const scheduleShape = (): void => {
    if (frame === 0)
      frame = requestAnimationFrame(() => {
        frame = 0;
        drawShape();
      });
  };

  function move(e: MouseEvent): void {
    if (!drag) return;
    e.stopPropagation();
    if (drag.tool === 'box') drag.points = [drag.points[0], drag.points[1], e.clientX, e.clientY];
    else drag.points.push(e.clientX, e.clientY);
    scheduleShape();
  }
  function end(e: MouseEvent): void {
    window.removeEventListener('mousemove', move, true);
    window.removeEventListener('mouseup', end, true);
    const done = drag;
    drag = null;
    overlay.classList.remove('active');
    drawShape();
    if (!done) return;
    e.stopPropagation();
    if (done.tool === 'box') done.points = [done.points[0], done.points[1], e.clientX, e.clientY];
    // the release ends a lasso, not a click on the cell under it (the browser sends one right after the
    // release when both happened over the same element; none otherwise, so stop listening soon after)
    const swallow = (c: MouseEvent): void => c.stopPropagation();
    window.addEventListener('click', swallow, { capture: true, once: true });
    setTimeout(() => window.removeEventListener('click', swallow, { capture: true }), 0);
    if (!isClick(done.points)) done.finish(dragPolygon(done.tool, done.points));
  }

  return {
    start(e, tool, finish) {
      drag = { points: [e.clientX, e.clientY], tool, finish };
      overlay.classList.add('active');
      window.addEventListener('mousemove', move, true);
      window.addEventListener('mouseup', end, true);
      drawShape();
    },
  };
}
