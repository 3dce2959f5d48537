/**
 * The patch of gl-scatter3d's PointCloud prototype behind scene-sprites.ts: update keeps one vertex a point
 * (scene-sprite-arrays.ts) and the draws draw those; where sprites cannot stand in for the glyphs, the object
 * keeps Plotly's own update and drawing. No WebGL here: the GPU side is injected, so it is unit-tested.
 */
import { spriteArrays, type SpriteArrays, type SpriteOptions } from './scene-sprite-arrays.js';

/** The camera gl-plot3d hands each object's draw. */
export interface Camera {
  model?: ArrayLike<number>;
  view?: ArrayLike<number>;
  projection?: ArrayLike<number>;
}

/** The parts of gl-scatter3d's PointCloud used here. */
export interface PointCloudLike {
  /** Its WebGL context (typed where it is drawn: scene-sprites.ts). */
  gl: unknown;
  pixelRatio: number;
  opacity: number;
  hasAlpha: boolean;
  pickId: number;
  axes?: { bounds?: number[][] };
  points: unknown;
  pointCount: number;
  bounds: number[][];
  dirty: boolean;
  /** The sprite buffers, when this object draws sprites. */
  sprites?: SpriteBuffers | null;
}

/** The prototype methods patched (all functions on gl-scatter3d's PointCloud). */
export interface PointCloudProto {
  update(this: PointCloudLike, options: SpriteOptions): void;
  draw(this: PointCloudLike, camera: Camera): void;
  drawTransparent(this: PointCloudLike, camera: Camera): void;
  drawPick(this: PointCloudLike, camera: Camera): void;
  dispose(this: PointCloudLike): void;
  pick?: unknown;
  /** Marks a prototype patched already. */
  spritesPatched?: true;
}

/** One object's sprite buffers (the GPU side, scene-sprites.ts, keeps its buffers beside the count). */
export interface SpriteBuffers {
  count: number;
}

/** Why `proto` is not gl-scatter3d's PointCloud as expected, or null when it is. */
export function unexpectedShape(proto: unknown): string | null {
  if (!proto || typeof proto !== 'object') return 'no prototype';
  const p = proto as Record<string, unknown>;
  for (const m of ['update', 'draw', 'drawTransparent', 'drawPick', 'pick', 'dispose'])
    if (typeof p[m] !== 'function') return `no ${m}()`;
  return null;
}

/**
 * Patches `proto` (gl-scatter3d's PointCloud.prototype) to draw sprites wherever spriteArrays can stand in
 * for the glyphs; elsewhere the object keeps Plotly's own update and drawing. `upload` puts the arrays on
 * the GPU (injected so tests need no WebGL); `drawSprites` draws them.
 */
export function patchPointCloud(
  proto: PointCloudProto,
  upload: (obj: PointCloudLike, arrays: SpriteArrays) => SpriteBuffers,
  drawSprites: (obj: PointCloudLike, camera: Camera, pick: boolean) => void,
  release: (obj: PointCloudLike) => void,
): void {
  if (proto.spritesPatched) return;
  const original = {
    update: proto.update,
    draw: proto.draw,
    drawTransparent: proto.drawTransparent,
    drawPick: proto.drawPick,
    dispose: proto.dispose,
  };
  proto.update = function (options) {
    const arrays = spriteArrays(options ?? {});
    if (typeof arrays === 'string') {
      release(this);
      original.update.call(this, options);
      return;
    }
    // gl-scatter3d sets its options (opacity, projections, line width…) from these and builds no glyphs
    original.update.call(this, { ...options, position: [] });
    this.points = options.position;
    this.pointCount = arrays.count;
    this.bounds = arrays.bounds;
    this.hasAlpha = this.hasAlpha || arrays.hasAlpha;
    this.sprites = upload(this, arrays);
    this.dirty = true;
  };
  // gl-scatter3d draws opaque objects in draw and translucent ones in drawTransparent; the pick always
  proto.draw = function (camera) {
    if (!this.sprites) original.draw.call(this, camera);
    else if (!this.hasAlpha) drawSprites(this, camera, false);
  };
  proto.drawTransparent = function (camera) {
    if (!this.sprites) original.drawTransparent.call(this, camera);
    else if (this.hasAlpha) drawSprites(this, camera, false);
  };
  proto.drawPick = function (camera) {
    if (!this.sprites) original.drawPick.call(this, camera);
    else drawSprites(this, camera, true);
  };
  proto.dispose = function () {
    release(this);
    original.dispose.call(this);
  };
  proto.spritesPatched = true;
}
