/**
 * Where the points of a 3-D map land on the screen: the same model → view → projection transform Plotly's
 * WebGL scene (gl-plot3d) draws with, then the perspective divide and the viewport. Plotly gives no
 * selection in 3-D, so the lasso over a 3-D map selects the cells whose projection falls inside it. Pure:
 * matrices are 4×4, column-major (WebGL's and gl-matrix's layout).
 *
 * The scene draws data coordinates multiplied by a per-axis `dataScale`; its model matrix centres the axis
 * bounds (in those scaled units) and stretches them to the aspect ratio; the view is the camera's look-at of
 * `center` from `eye` with `up`; the projection a 45° perspective (or orthographic) with the canvas's aspect.
 * `lookAt`, `perspective` and `sceneModel` rebuild those matrices from the camera and bounds (tested against
 * what Plotly itself reported); the map reads the scene's live matrices, which follow every rotation and zoom.
 */

/** A 4×4 matrix, column-major. */
export type Mat4 = ArrayLike<number>;

type Vec3 = readonly [number, number, number];

/** The transform of one 3-D scene. */
export interface SceneTransform {
  model: Mat4;
  view: Mat4;
  projection: Mat4;
  /** Multiplies data coordinates before the model matrix (Plotly's `scene.dataScale`). Default [1, 1, 1]. */
  dataScale?: Vec3;
}

/** The scene's canvas on the screen, in CSS pixels (left/top in the coordinates the lasso is drawn in). */
export interface Viewport {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The vertical field of view of Plotly's 3-D scenes (gl-plot3d's default). */
export const SCENE_FOVY = Math.PI / 4;
/** gl-plot3d's near and far clipping planes. */
export const SCENE_NEAR = 0.01;
export const SCENE_FAR = 1000;

/** `a · b` for column-major 4×4 matrices. */
export function multiply(a: Mat4, b: Mat4): Float64Array {
  const out = new Float64Array(16);
  for (let col = 0; col < 4; col++) {
    for (let row = 0; row < 4; row++) {
      let s = 0;
      for (let k = 0; k < 4; k++) s += a[k * 4 + row] * b[col * 4 + k];
      out[col * 4 + row] = s;
    }
  }
  return out;
}

/** The view matrix of a camera at `eye` looking at `center` with `up` pointing up (gl-matrix's lookAt). */
export function lookAt(eye: Vec3, center: Vec3, up: Vec3): Float64Array {
  let z0 = eye[0] - center[0];
  let z1 = eye[1] - center[1];
  let z2 = eye[2] - center[2];
  let len = Math.hypot(z0, z1, z2) || 1;
  z0 /= len;
  z1 /= len;
  z2 /= len;
  // x = up × z
  let x0 = up[1] * z2 - up[2] * z1;
  let x1 = up[2] * z0 - up[0] * z2;
  let x2 = up[0] * z1 - up[1] * z0;
  len = Math.hypot(x0, x1, x2) || 1;
  x0 /= len;
  x1 /= len;
  x2 /= len;
  // y = z × x
  const y0 = z1 * x2 - z2 * x1;
  const y1 = z2 * x0 - z0 * x2;
  const y2 = z0 * x1 - z1 * x0;
  const dot = (a: number, b: number, c: number) => a * eye[0] + b * eye[1] + c * eye[2];
  return Float64Array.from([
    x0,
    y0,
    z0,
    0,
    x1,
    y1,
    z1,
    0,
    x2,
    y2,
    z2,
    0,
    -dot(x0, x1, x2),
    -dot(y0, y1, y2),
    -dot(z0, z1, z2),
    1,
  ]);
}

/** A perspective projection (gl-matrix's perspective). */
export function perspective(fovy: number, aspect: number, near: number, far: number): Float64Array {
  const f = 1 / Math.tan(fovy / 2);
  const nf = 1 / (near - far);
  const out = new Float64Array(16);
  out[0] = f / aspect;
  out[5] = f;
  out[10] = (far + near) * nf;
  out[11] = -1;
  out[14] = 2 * far * near * nf;
  return out;
}

/** An orthographic projection of the box [-aspect, aspect] × [-1, 1] (gl-plot3d's choice). */
export function orthographic(aspect: number, near: number, far: number): Float64Array {
  const out = new Float64Array(16);
  out[0] = 1 / aspect;
  out[5] = 1;
  out[10] = -2 / (far - near);
  out[14] = -(far + near) / (far - near);
  out[15] = 1;
  return out;
}

/**
 * gl-plot3d's model matrix: axis i's bounds [lo, hi] (in scaled units) centred and stretched to aspect[i].
 */
export function sceneModel(bounds: readonly [Vec3, Vec3], aspect: Vec3): Float64Array {
  const out = new Float64Array(16);
  out[15] = 1;
  for (let i = 0; i < 3; i++) {
    const s = aspect[i] / (bounds[1][i] - bounds[0][i]);
    out[5 * i] = s;
    out[12 + i] = -s * 0.5 * (bounds[0][i] + bounds[1][i]);
  }
  return out;
}

/**
 * The screen position of each point (x[i], y[i], z[i]) as [sx0, sy0, sx1, sy1, …] in the viewport's
 * coordinates; NaN for a point behind the camera (it is drawn nowhere, so no lasso may hold it).
 */
export function projectPoints(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  z: ArrayLike<number>,
  scene: SceneTransform,
  viewport: Viewport,
): Float64Array {
  const m = multiply(scene.projection, multiply(scene.view, scene.model));
  const [sx, sy, sz] = scene.dataScale ?? [1, 1, 1];
  const out = new Float64Array(x.length * 2);
  for (let i = 0; i < x.length; i++) {
    const px = x[i] * sx;
    const py = y[i] * sy;
    const pz = z[i] * sz;
    const cx = m[0] * px + m[4] * py + m[8] * pz + m[12];
    const cy = m[1] * px + m[5] * py + m[9] * pz + m[13];
    const cw = m[3] * px + m[7] * py + m[11] * pz + m[15];
    if (!(cw > 0)) {
      out[2 * i] = NaN;
      out[2 * i + 1] = NaN;
      continue;
    }
    out[2 * i] = viewport.left + (0.5 + (0.5 * cx) / cw) * viewport.width;
    out[2 * i + 1] = viewport.top + (0.5 - (0.5 * cy) / cw) * viewport.height;
  }
  return out;
}
