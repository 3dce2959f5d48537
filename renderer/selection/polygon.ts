/**
 * Which points fall inside a lasso or a box drawn on the screen. Pure: points and polygon are in the same
 * pixel coordinates (x right, y down); the polygon is closed implicitly (last vertex back to the first).
 */

/** A polygon as [x0, y0, x1, y1, …] (at least three vertices to hold anything). */
export type Polygon = readonly number[];

/** The four corners of the box between two screen points, as a polygon. */
export function boxPolygon(x0: number, y0: number, x1: number, y1: number): Polygon {
  return [x0, y0, x1, y0, x1, y1, x0, y1];
}

/** The bounding box of a flat [x0, y0, x1, y1, …] point list (min > max both ways when it has no point). */
export function polygonBounds(points: Polygon): { minX: number; maxX: number; minY: number; maxY: number } {
  let [minX, maxX, minY, maxY] = [Infinity, -Infinity, Infinity, -Infinity];
  for (let i = 0; i + 1 < points.length; i += 2) {
    minX = Math.min(minX, points[i]);
    maxX = Math.max(maxX, points[i]);
    minY = Math.min(minY, points[i + 1]);
    maxY = Math.max(maxY, points[i + 1]);
  }
  return { minX, maxX, minY, maxY };
}

/** Even-odd rule: whether (x, y) is inside `polygon` (a self-crossing lasso keeps its crossed loops out). */
export function pointInPolygon(x: number, y: number, polygon: Polygon): boolean {
  const n = polygon.length >> 1;
  if (n < 3) return false;
  let inside = false;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = polygon[2 * i];
    const yi = polygon[2 * i + 1];
    const xj = polygon[2 * j];
    const yj = polygon[2 * j + 1];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * The rows of the points inside `polygon`: point i is at (xy[2i], xy[2i+1]) and stands for dataset row
 * rows[i]. Points that are not finite (behind the camera) are never inside. Unsorted; may repeat a row.
 */
export function rowsInPolygon(xy: ArrayLike<number>, rows: ArrayLike<number>, polygon: Polygon): number[] {
  const out: number[] = [];
  if (polygon.length < 6) return out;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < polygon.length; i += 2) {
    minX = Math.min(minX, polygon[i]);
    maxX = Math.max(maxX, polygon[i]);
    minY = Math.min(minY, polygon[i + 1]);
    maxY = Math.max(maxY, polygon[i + 1]);
  }
  for (let i = 0; i < rows.length; i++) {
    const x = xy[2 * i];
    const y = xy[2 * i + 1];
    // the bounding box first: most points of a big map are far from a small lasso
    if (!(x >= minX && x <= maxX && y >= minY && y <= maxY)) continue;
    if (pointInPolygon(x, y, polygon)) out.push(rows[i]);
  }
  return out;
}
