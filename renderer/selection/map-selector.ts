/**
 * Box and lasso selection on the Explore map. In 2-D, Plotly draws the box or lasso itself (layout dragmode
 * 'select'/'lasso') and reports the points; Plotly would also merge Shift/Alt drags with its own earlier
 * polygons, which know nothing of a selection made by Select class, Invert or Undo — so a drag that starts
 * with Shift or Alt is handed to Plotly without them, and the modifier is applied here, to the app's
 * selection. In 3-D Plotly selects nothing: the drag is taken from the scene (which would rotate) and drawn
 * on an overlay, and the cells whose projection through the scene's live camera falls inside are picked.
 */
import { selectMode, type DragTool } from '../screens/explore-model.js';
import type { PlotView } from '../plot-view.js';
import type { SelectMode } from './cell-rows.js';
import { rowsInScreenPolygon, rowsOfSelectedPoints, type DrawnTrace } from './picking.js';
import { boxPolygon } from './polygon.js';
import type { SceneTransform, Viewport } from './scene-projection.js';

export interface MapSelector {
  /** The SVG the 3-D box or lasso is drawn on: place it over the plot, in a positioned parent. */
  overlay: SVGSVGElement;
  /** The drag tool and whether the map is drawn in 3-D. */
  configure(tool: DragTool, threeD: boolean): void;
}

/** A drag shorter than this (px, either way) is a click, not a selection. */
const MIN_DRAG_PX = 3;

const SVG = 'http://www.w3.org/2000/svg';

/** The parts of Plotly's 3-D scene the lasso reads (Plotly keeps them on its private `_scene`). */
interface PlotlyScene {
  glplot?: {
    cameraParams?: { model: ArrayLike<number>; view: ArrayLike<number>; projection: ArrayLike<number> };
  };
  dataScale?: [number, number, number];
  container?: HTMLElement;
}

/** The drawn scene's live transform and canvas box, or null when no 3-D scene is drawn. */
function drawnScene(
  plot: HTMLElement,
): { transform: SceneTransform; viewport: Viewport; container: HTMLElement } | null {
  const scene = (plot as unknown as { _fullLayout?: { scene?: { _scene?: PlotlyScene } } })._fullLayout?.scene
    ?._scene;
  const camera = scene?.glplot?.cameraParams;
  if (!scene?.container || !camera) return null;
  const canvas = scene.container.querySelector('canvas') ?? scene.container;
  const r = canvas.getBoundingClientRect();
  return {
    transform: {
      model: camera.model,
      view: camera.view,
      projection: camera.projection,
      dataScale: scene.dataScale,
    },
    viewport: { left: r.left, top: r.top, width: r.width, height: r.height },
    container: scene.container,
  };
}

/**
 * `fullRows(polygon)`: in 2-D, the rows of every cell inside a box or lasso given in data coordinates, when
 * the map draws only some of its points (a thinned big map); null to take Plotly's selected points. Default:
 * always null.
 */
export function createMapSelector(
  plot: PlotView,
  onPick: (rows: number[], mode: SelectMode) => void,
  fullRows: (polygon: number[]) => number[] | null = () => null,
): MapSelector {
  const overlay = document.createElementNS(SVG, 'svg');
  overlay.setAttribute('class', 'select-overlay');
  overlay.setAttribute('data-testid', 'select-overlay');
  overlay.setAttribute('aria-hidden', 'true');
  const shape = document.createElementNS(SVG, 'polygon');
  overlay.appendChild(shape);

  let tool: DragTool = 'navigate';
  let threeD = true;
  let mode: SelectMode = 'replace';
  // 2-D: a drag started with a selecting tool; Plotly's next plotly_selected is its result
  let pending2d = false;
  let handingOver = false;
  // 3-D: the drag in progress (client coordinates)
  let drag: { points: number[]; scene: NonNullable<ReturnType<typeof drawnScene>> } | null = null;

  const element = plot.element;

  // ---- 2-D --------------------------------------------------------------------------------------------------
  function start2d(e: MouseEvent): void {
    mode = selectMode(e);
    pending2d = true;
    if (!e.shiftKey && !e.altKey) return;
    // Plotly starts its drag from the mousedown it sees: give it the same press without the modifiers
    e.stopPropagation();
    e.preventDefault();
    const plain = new MouseEvent('mousedown', {
      bubbles: true,
      cancelable: true,
      view: window,
      clientX: e.clientX,
      clientY: e.clientY,
      screenX: e.screenX,
      screenY: e.screenY,
      button: e.button,
      buttons: e.buttons,
      ctrlKey: e.ctrlKey,
      metaKey: e.metaKey,
    });
    handingOver = true;
    try {
      e.target?.dispatchEvent(plain);
    } finally {
      handingOver = false;
    }
  }
  plot.onSelected((points, polygon) => {
    if (!pending2d || threeD || tool === 'navigate' || points === undefined) return;
    pending2d = false;
    onPick((polygon && fullRows(polygon)) ?? rowsOfSelectedPoints(points), mode);
  });

  // ---- 3-D --------------------------------------------------------------------------------------------------
  const drawShape = (): void => {
    if (!drag) return shape.setAttribute('points', '');
    const box = overlay.getBoundingClientRect();
    const pts = polygonOf(drag.points);
    const text: string[] = [];
    for (let i = 0; i < pts.length; i += 2) text.push(`${pts[i] - box.left},${pts[i + 1] - box.top}`);
    shape.setAttribute('points', text.join(' '));
  };
  const polygonOf = (pts: number[]): number[] =>
    tool === 'box' && pts.length >= 4
      ? boxPolygon(pts[0], pts[1], pts[pts.length - 2], pts[pts.length - 1]).slice()
      : pts;

  function start3d(e: MouseEvent): void {
    const scene = drawnScene(element);
    if (!scene || !scene.container.contains(e.target as Node)) return;
    // the scene would rotate (and hover) with this drag: it is the lasso's
    e.stopPropagation();
    e.preventDefault();
    mode = selectMode(e);
    drag = { points: [e.clientX, e.clientY], scene };
    overlay.classList.add('active');
    window.addEventListener('mousemove', move3d, true);
    window.addEventListener('mouseup', end3d, true);
    drawShape();
  }
  function move3d(e: MouseEvent): void {
    if (!drag) return;
    e.stopPropagation();
    if (tool === 'box') drag.points = [drag.points[0], drag.points[1], e.clientX, e.clientY];
    else drag.points.push(e.clientX, e.clientY);
    drawShape();
  }
  function end3d(e: MouseEvent): void {
    window.removeEventListener('mousemove', move3d, true);
    window.removeEventListener('mouseup', end3d, true);
    const done = drag;
    drag = null;
    overlay.classList.remove('active');
    drawShape();
    if (!done) return;
    e.stopPropagation();
    // the release ends a lasso, not a click on the cell under it (the browser sends one right after the
    // release when both happened over the same element; none otherwise, so stop listening soon after)
    const swallow = (c: MouseEvent): void => c.stopPropagation();
    window.addEventListener('click', swallow, { capture: true, once: true });
    setTimeout(() => window.removeEventListener('click', swallow, { capture: true }), 0);
    if (tool === 'box') done.points = [done.points[0], done.points[1], e.clientX, e.clientY];
    const xs = done.points.filter((_, i) => i % 2 === 0);
    const ys = done.points.filter((_, i) => i % 2 === 1);
    if (Math.max(...xs) - Math.min(...xs) < MIN_DRAG_PX && Math.max(...ys) - Math.min(...ys) < MIN_DRAG_PX)
      return;
    const traces = ((element as unknown as { data?: DrawnTrace[] }).data ?? []) as DrawnTrace[];
    onPick(
      rowsInScreenPolygon(traces, done.scene.transform, done.scene.viewport, polygonOf(done.points)),
      mode,
    );
  }

  element.addEventListener(
    'mousedown',
    (e) => {
      if (handingOver || tool === 'navigate' || e.button !== 0) return;
      if (threeD) start3d(e);
      else start2d(e);
    },
    true,
  );

  return {
    overlay,
    configure(nextTool, nextThreeD) {
      tool = nextTool;
      threeD = nextThreeD;
      pending2d = false;
      element.classList.toggle('selecting-3d', threeD && tool !== 'navigate');
    },
  };
}
