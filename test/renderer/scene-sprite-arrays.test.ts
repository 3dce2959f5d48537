import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SPRITE_SHAPES, spriteArrays, type SpriteArrays } from '../../renderer/scene-sprite-arrays.js';

const CIRCLE = '\u25CF';
const DIAMOND = '\u25C6';

function arrays(options: Parameters<typeof spriteArrays>[0]): SpriteArrays {
  const a = spriteArrays(options);
  assert.notEqual(typeof a, 'string', String(a));
  return a as SpriteArrays;
}

test('one vertex a point: position, RGBA bytes, the index as pick id, side and shape', () => {
  const a = arrays({
    position: [
      [1, 2, 3],
      [-1, 5, 0],
      [4, -2, 9],
    ],
    color: [
      [1, 0, 0, 1],
      [0, 0.5, 1, 0.8],
      [0, 0, 0, 1],
    ],
    size: [16, 8, 16],
    glyph: [CIRCLE, DIAMOND, CIRCLE],
  });
  assert.equal(a.count, 3);
  assert.deepEqual(Array.from(a.position), [1, 2, 3, -1, 5, 0, 4, -2, 9]);
  assert.deepEqual(Array.from(a.color.subarray(0, 8)), [255, 0, 0, 255, 0, 128, 255, 204]);
  // little-endian index bytes, as gl-scatter3d's Uint32 ids read through an UNSIGNED_BYTE attribute
  assert.deepEqual(Array.from(a.id), [0, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0]);
  const circle = SPRITE_SHAPES.get(CIRCLE);
  const diamond = SPRITE_SHAPES.get(DIAMOND);
  assert.ok(circle && diamond);
  assert.deepEqual(Array.from(a.sizeShape), [
    Math.fround(16 * circle.side),
    circle.code,
    Math.fround(8 * diamond.side),
    diamond.code,
    Math.fround(16 * circle.side),
    circle.code,
  ]);
  assert.deepEqual(a.bounds, [
    [-1, -2, 0],
    [4, 5, 9],
  ]);
  assert.equal(a.hasAlpha, true);
});

test('one colour, size and glyph for all; the pick id counts past 255', () => {
  const n = 300;
  const a = arrays({
    position: Array.from({ length: n }, (_, i) => [i, 0, 0]),
    color: [0, 1, 0, 1],
    size: 12,
    glyph: CIRCLE,
  });
  assert.equal(a.hasAlpha, false);
  assert.deepEqual(Array.from(a.color.subarray(4 * 299, 4 * 300)), [0, 255, 0, 255]);
  assert.deepEqual(Array.from(a.id.subarray(4 * 299, 4 * 300)), [299 & 255, 299 >> 8, 0, 0]);
  assert.equal(a.sizeShape[2 * 299], Math.fround(12 * (SPRITE_SHAPES.get(CIRCLE)?.side ?? NaN)));
});

test('a point with a non-finite coordinate is not drawn and not in the bounds, but keeps its index', () => {
  const a = arrays({
    position: [
      [0, 0, 0],
      [NaN, 1, 1],
      [2, Infinity, 2],
      [1, 1, 1],
    ],
    glyph: CIRCLE,
    size: 10,
  });
  assert.equal(a.sizeShape[2], 0);
  assert.equal(a.sizeShape[4], 0);
  assert.ok(a.sizeShape[6] > 0);
  assert.equal(a.id[12], 3);
  assert.deepEqual(a.bounds, [
    [0, 0, 0],
    [1, 1, 1],
  ]);
  assert.ok(Array.from(a.position).every(Number.isFinite));
});

test('glyphs without a sprite shape and projections on the walls stay with Plotly', () => {
  assert.match(String(spriteArrays({ position: [[0, 0, 0]], glyph: 'A' })), /glyph A/);
  assert.match(
    String(
      spriteArrays({
        position: [
          [0, 0, 0],
          [1, 1, 1],
        ],
        glyph: [CIRCLE, '\u2605'],
      }),
    ),
    /glyph/,
  );
  assert.match(
    String(spriteArrays({ position: [[0, 0, 0]], glyph: CIRCLE, project: [false, true, false] })),
    /projections/,
  );
  assert.equal(
    typeof spriteArrays({ position: [[0, 0, 0]], glyph: CIRCLE, project: [false, false, false] }),
    'object',
  );
});

test('no points: empty arrays', () => {
  const a = arrays({ position: [], glyph: CIRCLE });
  assert.equal(a.count, 0);
  assert.equal(a.position.length, 0);
});
