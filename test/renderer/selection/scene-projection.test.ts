import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  lookAt,
  multiply,
  orthographic,
  perspective,
  projectPoints,
  SCENE_FAR,
  SCENE_FOVY,
  SCENE_NEAR,
  sceneModel,
} from '../../../renderer/selection/scene-projection.js';

const close = (actual: ArrayLike<number>, expected: ArrayLike<number>, tol = 1e-9) => {
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < expected.length; i++)
    assert.ok(Math.abs(actual[i] - expected[i]) <= tol, `[${i}] ${actual[i]} vs ${expected[i]}`);
};

// What Plotly 3's scatter3d scene reported (glplot.cameraParams, bounds, aspect, dataScale) for the sample's
// 3-D map in headless Chromium: a 691 × 668 px canvas, the default camera eye (1.25, 1.25, 1.25), z up.
const PLOTLY = {
  view: [
    -0.7071067811865476, -0.40824829046386296, 0.5773502691896257, 0, 0.7071067811865475, -0.408248290463863,
    0.5773502691896258, 0, 0, 0.816496580927726, 0.5773502691896257, 0, 0, 0, -2.165063509461097, 1,
  ],
  projection: [
    2.333856236852717, 0, 0, 0, 0, 2.414213562373095, 0, 0, 0, 0, -1.000020000200002, -1, 0, 0,
    -0.020000200002000017, 0,
  ],
  model: [
    0.9273312610721841, 0, 0, 0, 0, 1.2008617379233357, 0, 0, 0, 0, 0.7486611136082664, 0,
    -0.09503673861867523, -0.05818002717338547, -0.09802352862521017, 1,
  ],
  bounds: [
    [-0.42876586880744927, -0.48280143565986466, -0.4003182248036452],
    [0.6337341311925507, 0.5796985643401353, 0.6621817751963548],
  ] as [[number, number, number], [number, number, number]],
  aspect: [0.9852894648891957, 1.2759155965435443, 0.795452433208783] as [number, number, number],
};

test('lookAt, perspective and sceneModel rebuild the matrices Plotly drew the scene with', () => {
  close(lookAt([1.25, 1.25, 1.25], [0, 0, 0], [0, 0, 1]), PLOTLY.view, 1e-12);
  close(perspective(SCENE_FOVY, 691 / 668, SCENE_NEAR, SCENE_FAR), PLOTLY.projection, 1e-12);
  close(sceneModel(PLOTLY.bounds, PLOTLY.aspect), PLOTLY.model, 1e-12);
});

test('the camera looks at its centre: the centre lands mid-viewport, the eye maps to the origin', () => {
  const view = lookAt([0, -3, 0.5], [0, 0, 0], [0, 0, 1]);
  const eyeInView = multiply(view, [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, -3, 0.5, 1]);
  close([eyeInView[12], eyeInView[13], eyeInView[14]], [0, 0, 0], 1e-12);
  const identity = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
  const scene = { model: identity, view, projection: perspective(SCENE_FOVY, 2, SCENE_NEAR, SCENE_FAR) };
  const xy = projectPoints([0], [0], [0], scene, { left: 100, top: 50, width: 400, height: 200 });
  close(xy, [300, 150]);
});

test('screen x grows to the camera right and screen y grows downwards', () => {
  // looking along +y from below the origin with z up: +x is to the right, +z is up
  const view = lookAt([0, -5, 0], [0, 0, 0], [0, 0, 1]);
  const identity = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
  const scene = { model: identity, view, projection: perspective(SCENE_FOVY, 1, SCENE_NEAR, SCENE_FAR) };
  const [cx, cy, rx, ry, ux, uy] = projectPoints([0, 1, 0], [0, 0, 0], [0, 0, 1], scene, {
    left: 0,
    top: 0,
    width: 100,
    height: 100,
  });
  assert.ok(rx > cx && Math.abs(ry - cy) < 1e-9, 'x to the right');
  assert.ok(uy < cy && Math.abs(ux - cx) < 1e-9, 'z upwards');
  // perspective: 1 unit at distance 5 with a 45° field of view is 1 / (5·tan 22.5°) of the half-height
  close([rx - cx], [50 / (5 * Math.tan(SCENE_FOVY / 2))], 1e-9);
});

test('dataScale multiplies the data before the model, and a point behind the camera is drawn nowhere', () => {
  const identity = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
  const view = lookAt([0, 0, 5], [0, 0, 0], [0, 1, 0]);
  const vp = { left: 0, top: 0, width: 100, height: 100 };
  const projection = perspective(SCENE_FOVY, 1, SCENE_NEAR, SCENE_FAR);
  const scaled = projectPoints(
    [10],
    [0],
    [0],
    { model: identity, view, projection, dataScale: [0.1, 1, 1] },
    vp,
  );
  const plain = projectPoints([1], [0], [0], { model: identity, view, projection }, vp);
  close(scaled, plain);
  const behind = projectPoints([0], [0], [9], { model: identity, view, projection }, vp);
  assert.ok(Number.isNaN(behind[0]) && Number.isNaN(behind[1]));
});

test('orthographic projection ignores depth', () => {
  const identity = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
  const view = lookAt([0, 0, 5], [0, 0, 0], [0, 1, 0]);
  const scene = { model: identity, view, projection: orthographic(1, SCENE_NEAR, SCENE_FAR) };
  const vp = { left: 0, top: 0, width: 100, height: 100 };
  const [nearX, , farX] = projectPoints([0.5, 0.5], [0, 0], [1, -1], scene, vp);
  close([nearX, farX], [75, 75]);
});

test('the recorded Plotly scene puts the centre of the bounds mid-canvas', () => {
  const mid = [0, 1, 2].map((i) => (PLOTLY.bounds[0][i] + PLOTLY.bounds[1][i]) / 2);
  const xy = projectPoints([mid[0]], [mid[1]], [mid[2]], PLOTLY, {
    left: 333,
    top: 87,
    width: 691,
    height: 668,
  });
  close(xy, [333 + 691 / 2, 87 + 668 / 2], 1e-6);
});
