/**
 * The shape of a box or lasso drag from its mouse positions (client px), and whether it was a click. Pure.
 */
import { boxPolygon, polygonBounds } from './polygon.js';

/** A drag shorter than this (px, either way) is a click, not a selection. */
export const MIN_DRAG_PX = 3;

/** The polygon of a drag's points: the box between the first and last for the box tool. */
export function dragPolygon(tool: 'box' | 'lasso', pts: readonly number[]): number[] {
  return tool === 'box' && pts.length >= 4
    ? boxPolygon(pts[0], pts[1], pts[pts.length - 2], pts[pts.length - 1]).slice()
    : pts.slice();
}

/** Whether a drag's points stay within {@link MIN_DRAG_PX} both ways (a click). */
export function isClick(pts: readonly number[]): boolean {
  const { minX, maxX, minY, maxY } = polygonBounds(pts);
  return maxX - minX < MIN_DRAG_PX && maxY - minY < MIN_DRAG_PX;
}
