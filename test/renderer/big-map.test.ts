import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initialShow3d, isSoftwareRenderer, SOFTWARE_3D_LIMIT } from '../../renderer/big-map.js';

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
