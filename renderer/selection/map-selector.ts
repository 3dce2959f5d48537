/**
 * Box and lasso selection on the Explore map. In 3-D Plotly selects nothing: the drag is taken from the scene
 * (which would rotate) and drawn on an overlay, and the cells whose projection through the scene's live
 * camera falls inside are picked. A 2-D map's drag is taken from Plotly too — its lasso selects the drawn
 * points again at every mouse move, ~100 ms of Chromium CPU a move already at 10⁴ cells (bench/README.md) —
 * and drawn on the overlay; its cells are picked once, on release, from every cell. Only before a 2-D map
 * has recorded its cells (`pageDrag2d` false) does Plotly draw the box or lasso itself (layout dragmode
 * 'select'/'lasso') and report the points; Plotly would also merge Shift/Alt drags with its own earlier
 * polygons, which know nothing of a selection made by Select class, Invert or Undo — so such a drag that
 * starts with Shift or Alt is handed to Plotly without them, and the modifier is applied here.
 */
import { selectMode, type DragTool } from '../screens/explore-model.js';
import type { PlotView } from '../plot-view.js';
import type { SelectMode } from './cell-rows.js';
import { rowsInScreenPolygon, rowsOfSelectedPoints, type DrawnTrace } from './picking.js';
import { plotArea2d } from './drawn-plot.js';
import { dataPolygon, insideArea } from './plot-area.js';
import { createScreenDrag } from './screen-drag.js';
import type { SceneTransform, Viewport } from './scene-projection.js';

export interface MapSelector {
  /** The SVG the 3-D box or lasso is drawn on: place it over the plot, in a positioned parent. */
  overlay: SVGSVGElement;
  /** The drag tool and whether the map is drawn in 3-D. */
  configure(tool: DragTool, threeD: boolean): void;
}

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
 * `fullRows(polygon)`: in 2-D, the rows of every cell inside a box or lasso given in data coordinates; null
 * to take Plotly's selected points. Default: always null. `pageDrag2d()`: whether the 2-D map's cells are
 * known, so the page draws its box and lasso itself (screen-drag.ts) and selects from every cell once on
 * release. Default: never.
 */
export function createMapSelector(
  plot: PlotView,
  onPick: (rows: number[], mode: SelectMode) => void,
  fullRows: (polygon: number[]) => number[] | null = () => null,
  pageDrag2d: () => boolean = () => false,
): MapSelector {
  const overlay = document.createElementNS(SVG, 'svg');
  overlay.setAttribute('class', 'select-overlay');
  overlay.setAttribute('data-testid', 'select-overlay');
  overlay.setAttribute('aria-hidden', 'true');
  const shape = document.createElementNS(SVG, 'polygon');
  overlay.appendChild(shape);

  const screenDrag = createScreenDrag(overlay, shape);

  let tool: DragTool = 'navigate';
  let threeD = true;
  let mode: SelectMode = 'replace';
  // 2-D: a drag started with a selecting tool; Plotly's next plotly_selected is its result
  let pending2d = false;
  let handingOver = false;

  const element = plot.element;

  /** Hands a press to Plotly as `init` says (its drag starts from the mousedown it sees). */
  function handOver(e: MouseEvent, init: MouseEventInit): void {
    const press = new MouseEvent('mousedown', {
      bubbles: true,
      cancelable: true,
      view: window,
      clientX: e.clientX,
      clientY: e.clientY,
      screenX: e.screenX,
      screenY: e.screenY,
      button: e.button,
      buttons: e.buttons,
      ...init,
    });
    handingOver = true;
    try {
      e.target?.dispatchEvent(press);
    } finally {
      handingOver = false;
    }
  }

  // ---- 2-D --------------------------------------------------------------------------------------------------
  function start2d(e: MouseEvent): void {
    mode = selectMode(e);
    pending2d = true;
    if (!e.shiftKey && !e.altKey) return;
    // Plotly starts its drag from the mousedown it sees: give it the same press without the modifiers
    e.stopPropagation();
    e.preventDefault();
    handOver(e, { ctrlKey: e.ctrlKey, metaKey: e.metaKey });
  }
  plot.onSelected((points, polygon) => {
    if (!pending2d || threeD || tool === 'navigate' || points === undefined) return;
    pending2d = false;
    onPick((polygon && fullRows(polygon)) ?? rowsOfSelectedPoints(points), mode);
  });

  /**
   * A 2-D map: the box or lasso is drawn here and its cells picked once on release, from every cell through
   * `fullRows`; Plotly's would select the drawn points again at every mouse move. A click selects nothing,
   * as in 3-D (the page ignores a cell's click while a selecting tool is on).
   */
  function startPage2d(e: MouseEvent): void {
    const area = plotArea2d(element);
    if (!area || !insideArea(area, e.clientX, e.clientY)) return;
    e.stopPropagation();
    e.preventDefault();
    mode = selectMode(e);
    const pickMode = mode;
    screenDrag.start(e, tool === 'box' ? 'box' : 'lasso', (polygon) =>
      onPick(fullRows(dataPolygon(area, polygon)) ?? [], pickMode),
    );
  }

  // ---- 3-D --------------------------------------------------------------------------------------------------
  function start3d(e: MouseEvent): void {
    const scene = drawnScene(element);
    if (!scene || !scene.container.contains(e.target as Node)) return;
    // the scene would rotate (and hover) with this drag: it is the lasso's
    e.stopPropagation();
    e.preventDefault();
    mode = selectMode(e);
    const pickMode = mode;
    screenDrag.start(e, tool === 'box' ? 'box' : 'lasso', (polygon) => {
      const traces = ((element as unknown as { data?: DrawnTrace[] }).data ?? []) as DrawnTrace[];
      onPick(rowsInScreenPolygon(traces, scene.transform, scene.viewport, polygon), pickMode);
    });
  }

  element.addEventListener(
    'mousedown',
    (e) => {
      if (handingOver || tool === 'navigate' || e.button !== 0) return;
      if (threeD) start3d(e);
      else if (pageDrag2d()) startPage2d(e);
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
