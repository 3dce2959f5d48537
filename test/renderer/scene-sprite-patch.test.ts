import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  patchPointCloud,
  unexpectedShape,
  type PointCloudLike,
  type PointCloudProto,
  type SpriteBuffers,
} from '../../renderer/scene-sprite-patch.js';
import type { SpriteOptions } from '../../renderer/scene-sprite-arrays.js';

const CIRCLE = '\u25CF';

/** A stand-in for gl-scatter3d's PointCloud that records what its own methods were asked to do. */
function fakeCloudClass(calls: string[]) {
  function Cloud(this: PointCloudLike) {
    this.opacity = 1;
    this.hasAlpha = false;
  }
  const proto: PointCloudProto = {
    update(this: PointCloudLike, o: SpriteOptions) {
      calls.push(`glyph update ${(o.position as unknown[]).length}`);
      this.opacity = typeof o.opacity === 'number' ? o.opacity : 1;
      this.hasAlpha = this.opacity < 1;
      this.points = o.position;
      this.pointCount = (o.position as unknown[]).length;
    },
    draw: () => calls.push('glyph draw'),
    drawTransparent: () => calls.push('glyph drawTransparent'),
    drawPick: () => calls.push('glyph drawPick'),
    dispose: () => calls.push('glyph dispose'),
    pick: () => null,
  };
  Cloud.prototype = proto;
  return { proto, make: () => new (Cloud as unknown as new () => PointCloudLike)() };
}

function setUp() {
  const calls: string[] = [];
  const { proto, make } = fakeCloudClass(calls);
  const buffers = { count: 0 } as SpriteBuffers;
  patchPointCloud(
    proto,
    (_obj, arrays) => {
      calls.push(`upload ${arrays.count}`);
      return { ...buffers, count: arrays.count };
    },
    (_obj, _camera, pick) => calls.push(pick ? 'sprite pick' : 'sprite draw'),
    (obj) => {
      if (obj.sprites) calls.push('release');
      obj.sprites = null;
    },
  );
  return { calls, proto, obj: make() };
}

const points = [
  [0, 0, 0],
  [1, 2, 3],
];

test('a patched cloud keeps one vertex a point: Plotly sets its options from no points, sprites draw', () => {
  const { calls, proto, obj } = setUp();
  proto.update.call(obj, { position: points, glyph: CIRCLE, size: 8, color: [1, 0, 0, 1] });
  assert.deepEqual(calls, ['glyph update 0', 'upload 2']);
  // what gl-scatter3d's own pick and bounds read is the real data
  assert.equal(obj.points, points);
  assert.equal(obj.pointCount, 2);
  assert.deepEqual(obj.bounds, [
    [0, 0, 0],
    [1, 2, 3],
  ]);
  assert.equal(obj.dirty, true);
  calls.length = 0;
  proto.draw.call(obj, {});
  proto.drawTransparent.call(obj, {});
  proto.drawPick.call(obj, {});
  assert.deepEqual(calls, ['sprite draw', 'sprite pick']);
});

test('translucent sprites draw in the transparent pass only', () => {
  const { calls, proto, obj } = setUp();
  proto.update.call(obj, { position: points, glyph: CIRCLE, opacity: 0.8 });
  calls.length = 0;
  proto.draw.call(obj, {});
  proto.drawTransparent.call(obj, {});
  assert.deepEqual(calls, ['sprite draw']);
  assert.equal(obj.hasAlpha, true);
});

test('an update sprites cannot draw goes back to Plotly, dropping the sprite buffers', () => {
  const { calls, proto, obj } = setUp();
  proto.update.call(obj, { position: points, glyph: CIRCLE });
  calls.length = 0;
  proto.update.call(obj, { position: points, glyph: 'A' });
  proto.draw.call(obj, {});
  proto.drawPick.call(obj, {});
  proto.dispose.call(obj);
  assert.deepEqual(calls, ['release', 'glyph update 2', 'glyph draw', 'glyph drawPick', 'glyph dispose']);
});

test('patching twice wraps once; an unexpected prototype is named', () => {
  const { calls, proto, obj } = setUp();
  const update = proto.update;
  patchPointCloud(
    proto,
    () => assert.fail('not patched again'),
    () => undefined,
    () => undefined,
  );
  assert.equal(proto.update, update);
  proto.update.call(obj, { position: points, glyph: CIRCLE });
  assert.deepEqual(calls, ['glyph update 0', 'upload 2']);
  assert.equal(unexpectedShape(proto), null);
  assert.equal(unexpectedShape(null), 'no prototype');
  assert.equal(unexpectedShape({ ...proto, drawPick: undefined }), 'no drawPick()');
});
