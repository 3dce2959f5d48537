/**
 * The vertex data of a 3-D scatter drawn as point sprites (scene-sprites.ts): one vertex a point where
 * gl-scatter3d builds a glyph mesh of 15–57 vertices a point. Pure (no WebGL): from the options Plotly hands
 * gl-scatter3d's update (positions, RGBA colours, sizes, glyph characters), or the reason it cannot stand in.
 */

/**
 * The shapes a sprite can take, by the character Plotly's gl3d_markers gives each marker symbol, with the
 * sprite's side per unit of gl-scatter3d's size and of the scene's pixel ratio (Plotly's plotGlPixelRatio,
 * 2 by default): the glyph's drawn width measured in headless Chromium (marker sizes 4–40), so a sprite
 * covers what the glyph covered.
 */
export const SPRITE_SHAPES: ReadonlyMap<string, { code: number; side: number }> = new Map([
  ['\u25CF', { code: 0, side: 0.43 }], // circle
  ['\u25CB', { code: 1, side: 0.44 }], // circle-open
  ['\u25A0', { code: 2, side: 0.485 }], // square
  ['\u25A1', { code: 3, side: 0.6 }], // square-open
  ['\u25C6', { code: 4, side: 0.755 }], // diamond
  ['\u25C7', { code: 5, side: 0.755 }], // diamond-open
  ['+', { code: 6, side: 0.465 }], // cross
  ['\u274C', { code: 7, side: 0.465 }], // x
]);

/** The parts of gl-scatter3d's update options used here (scatter3d's convert.js builds them). */
export interface SpriteOptions {
  position?: unknown;
  color?: unknown;
  size?: unknown;
  glyph?: unknown;
  opacity?: unknown;
  project?: unknown;
}

/** One attribute array a point, as the sprite shaders read them. */
export interface SpriteArrays {
  /** x, y, z a point (0 for a point with a non-finite coordinate, which is not drawn). */
  position: Float32Array;
  /** RGBA bytes a point. */
  color: Uint8ClampedArray;
  /** The point's index as 4 little-endian bytes: gl-scatter3d's pick id, read back by its own `pick`. */
  id: Uint8Array;
  /** Side in CSS px (0: not drawn) and shape code a point. */
  sizeShape: Float32Array;
  count: number;
  /** Lower and upper corner of the finite points (Infinity / -Infinity when there are none). */
  bounds: [number[], number[]];
  /** Whether any colour is translucent. */
  hasAlpha: boolean;
}

const isArrayLike = (v: unknown): v is ArrayLike<unknown> =>
  Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));

/** The colour of point `i`: one RGBA a point, one RGBA for all, or black (gl-scatter3d's rules). */
function colorAt(colors: unknown, perPoint: boolean, i: number): ArrayLike<unknown> {
  if (perPoint) {
    const c = (colors as ArrayLike<unknown>)[i];
    return isArrayLike(c) ? c : [0, 0, 0, 0];
  }
  return isArrayLike(colors) ? colors : [0, 0, 0, 1];
}

/** The size of point `i`, as gl-scatter3d reads it (orthographic: 12 when none is given). */
function sizeAt(sizes: unknown, i: number): number {
  if (isArrayLike(sizes)) return i < sizes.length ? Number(sizes[i]) : 12;
  return sizes ? Number(sizes) : 12;
}

/** The sprite shape of every point, or the reason one has none (a glyph no sprite draws). */
function shapesOf(glyphs: unknown, n: number): { code: number; side: number }[] | string {
  const lookup = (g: unknown) => SPRITE_SHAPES.get(typeof g === 'string' ? g : '');
  if (!isArrayLike(glyphs)) {
    const one = lookup(glyphs);
    return one ? new Array<{ code: number; side: number }>(n).fill(one) : `glyph ${String(glyphs)}`;
  }
  const out: { code: number; side: number }[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const s = lookup(i < glyphs.length ? glyphs[i] : undefined);
    if (!s) return `glyph ${String(glyphs[i])}`;
    out[i] = s;
  }
  return out;
}

/**
 * The sprite arrays for gl-scatter3d's update `options`, or a one-line reason when sprites cannot draw them
 * as its glyphs would (a glyph without a sprite shape, points projected onto the walls).
 */
export function spriteArrays(options: SpriteOptions): SpriteArrays | string {
  const points = isArrayLike(options.position) ? options.position : [];
  const n = points.length;
  if (isArrayLike(options.project) && Array.from(options.project).some(Boolean))
    return 'projections on the walls';
  if (options.project === true) return 'projections on the walls';
  const shapes = shapesOf(options.glyph, n);
  if (typeof shapes === 'string') return shapes;
  const colors = options.color;
  const perPoint = isArrayLike(colors) && n > 0 && isArrayLike(colors[0]);
  const position = new Float32Array(3 * n);
  const color = new Uint8ClampedArray(4 * n);
  const ids = new Uint32Array(n);
  const sizeShape = new Float32Array(2 * n);
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  let hasAlpha = false;
  for (let i = 0; i < n; i++) {
    ids[i] = i;
    const p = points[i] as ArrayLike<number>;
    if (!(isFinite(p[0]) && isFinite(p[1]) && isFinite(p[2]))) continue;
    for (let j = 0; j < 3; j++) {
      position[3 * i + j] = p[j];
      if (p[j] < lo[j]) lo[j] = p[j];
      if (p[j] > hi[j]) hi[j] = p[j];
    }
    const c = colorAt(colors, perPoint, i);
    const alpha = c.length === 4 ? Number(c[3]) : 1;
    if (alpha < 1) hasAlpha = true;
    for (let j = 0; j < 3; j++) color[4 * i + j] = Math.round(255 * Number(c[j]));
    color[4 * i + 3] = Math.round(255 * alpha);
    const size = sizeAt(options.size, i);
    sizeShape[2 * i] = size > 0 ? size * shapes[i].side : 0;
    sizeShape[2 * i + 1] = shapes[i].code;
  }
  return {
    position,
    color,
    id: new Uint8Array(ids.buffer),
    sizeShape,
    count: n,
    bounds: [lo, hi],
    hasAlpha,
  };
}
