import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  initialShow3d,
  isSoftwareRenderer,
  points3dLimit,
  SOFTWARE_3D_LIMIT,
  SOFTWARE_3D_POINTS,
} from '../../renderer/big-map.js';
import { SUBSAMPLE_3D_ABOVE } from '../../renderer/map-subsample.js';

test('software WebGL renderers are recognised, GPUs are not', () => {
  assert.equal(
    isSoftwareRenderer('ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)), SwiftShader driver)'),
    true,
  );
  assert.equal(isSoftwareRenderer('llvmpipe (LLVM 15.0.6, 256 bits)'), true);
  assert.equal(
    isSoftwareRenderer('ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0, D3D11)'),
    false,
  );
  assert.equal(isSoftwareRenderer('Apple M2'), false);
});

test('big maps open in 2-D only without a GPU; 2-D runs are always 2-D', () => {
  assert.equal(initialShow3d(700, 3, true), true);
  assert.equal(initialShow3d(SOFTWARE_3D_LIMIT, 3, true), true);
  assert.equal(initialShow3d(SOFTWARE_3D_LIMIT + 1, 3, true), false);
  assert.equal(initialShow3d(100_000, 3, false), true);
  assert.equal(initialShow3d(700, 2, false), false);
});

test('without a GPU and without sprites the 3-D view draws fewer points; else up to the full subsample limit', () => {
  assert.equal(points3dLimit(false), SUBSAMPLE_3D_ABOVE);
  assert.equal(points3dLimit(false, true), SUBSAMPLE_3D_ABOVE);
  // with point sprites, 100 000 points open in < 3 s without a GPU (bench/README.md, "UI: drawing big maps")
  assert.equal(points3dLimit(true), SUBSAMPLE_3D_ABOVE);
  assert.equal(points3dLimit(true, true), SOFTWARE_3D_POINTS);
  assert.ok(SOFTWARE_3D_POINTS < SUBSAMPLE_3D_ABOVE);
  // a map that opens in 3-D without a GPU is subsampled there rather than drawn in full
  assert.ok(SOFTWARE_3D_POINTS <= SOFTWARE_3D_LIMIT);
});
