import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeFrame, decodeJson, encodeFrame, encodeFrameParts, encodeJson } from '../../src/api/wire.js';

const value = {
  name: 'x',
  nested: [{ bytes: new Uint8Array([1, 2, 3]) }],
  coords: new Float32Array([0.5, -1.25, 3e-8]),
  ints: new Int32Array([-1, 7]),
  f64: new Float64Array([Math.PI]),
  nothing: null,
};

test('frames carry typed arrays as raw bytes and restore them with their types', () => {
  const frame = encodeFrame(value);
  const back = decodeFrame(frame) as typeof value;
  assert.deepEqual(back, value);
  assert.ok(back.coords instanceof Float32Array);
  assert.ok(back.ints instanceof Int32Array);
  assert.ok(back.nested[0].bytes instanceof Uint8Array);
});

test('frames decode from an unaligned view (as a Node Buffer slice can be)', () => {
  const frame = encodeFrame({ c: new Float32Array([1, 2]) });
  const shifted = new Uint8Array(frame.length + 1);
  shifted.set(frame, 1);
  const back = decodeFrame(shifted.subarray(1)) as { c: Float32Array };
  assert.deepEqual(Array.from(back.c), [1, 2]);
});

test('a typed array view into a larger buffer encodes only its own bytes', () => {
  const big = new Float32Array([9, 1, 2, 9]);
  const back = decodeFrame(encodeFrame({ v: big.subarray(1, 3) })) as { v: Float32Array };
  assert.deepEqual(Array.from(back.v), [1, 2]);
});

test('malformed frames are refused with a readable error', () => {
  assert.throws(() => decodeFrame(new TextEncoder().encode('{"a":1}')), /not a TripletLens frame/);
  const frame = encodeFrame({ b: new Uint8Array(100) });
  assert.throws(() => decodeFrame(frame.subarray(0, frame.length - 50)), /truncated/);
});

test('JSON encoding (for server-sent events) round-trips typed arrays through base64', () => {
  const text = encodeJson(value);
  assert.ok(!text.includes('"0":'), 'typed arrays are not spelled out index by index');
  assert.deepEqual(decodeJson(text), value);
});

test('typed arrays at the top, inside arrays and beside many strings come back from both encodings', () => {
  const run = {
    ids: Array.from({ length: 1000 }, (_, i) => `cell${i}`),
    parts: [new Float32Array([1, 2]), 'x', [new Int32Array([3])], { deep: { f: new Float64Array([4]) } }],
  };
  for (const back of [decodeFrame(encodeFrame(run)), decodeJson(encodeJson(run))]) {
    assert.deepEqual(back, run);
    const parts = (back as typeof run).parts;
    assert.ok(parts[0] instanceof Float32Array);
    assert.ok((parts[2] as unknown[])[0] instanceof Int32Array);
  }
  assert.deepEqual(decodeFrame(encodeFrame(new Int32Array([5, 6]))), new Int32Array([5, 6]));
  assert.deepEqual(decodeJson(encodeJson(new Uint8Array([7]))), new Uint8Array([7]));
});

test('a frame in parts: the same bytes as the whole frame, each typed array sent as a view of itself', () => {
  const bytes = new Uint8Array([1, 2, 3, 4, 5]);
  const value = { ok: true, result: { fileName: 'x.h5ad', bytes, coords: new Float32Array([1.5]) } };
  const { parts, byteLength } = encodeFrameParts(value);
  const joined = new Uint8Array(byteLength);
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  assert.equal(offset, byteLength);
  assert.deepEqual(joined, encodeFrame(value));
  assert.deepEqual(decodeFrame(joined), value);
  // the export's bytes are not copied into the frame
  assert.ok(parts.some((p) => p.buffer === bytes.buffer && p.byteOffset === 0 && p.length === 5));
});

test('a long array of few distinct strings travels as its categories and codes, and comes back whole', () => {
  const n = 5000;
  const reply = {
    ids: Array.from({ length: n }, (_, i) => `cell${i}`),
    predicted: Array.from({ length: n }, (_, i) => `type${i % 7}`),
    split: Array.from({ length: n }, (_, i) => (i % 5 === 0 ? 'holdout' : 'train')),
    joined: [
      { name: 'donor', values: Array.from({ length: n }, (_, i) => (i % 3 ? `donor_${i % 100}` : '')) },
    ],
    wide: Array.from({ length: n }, (_, i) => `donor_${Math.floor(i / 10) % 300}`),
    mixed: Array.from({ length: n }, (_, i) => (i === n - 1 ? 3 : 'a')),
    short: ['a', 'a', 'b'],
  };
  const frame = encodeFrame(reply);
  const header = new TextDecoder().decode(
    frame.subarray(8, 8 + new DataView(frame.buffer).getUint32(4, true)),
  );
  const parsed = JSON.parse(header) as Record<string, unknown>;
  // the categorical columns by their codes; the ids (all distinct), a mixed array and a short one as they are
  assert.deepEqual(
    (parsed.predicted as { $strings: string[] }).$strings,
    [0, 1, 2, 3, 4, 5, 6].map((k) => `type${k}`),
  );
  assert.deepEqual((parsed.split as { $strings: string[] }).$strings, ['holdout', 'train']);
  assert.ok('$strings' in (parsed.joined as { values: object }[])[0].values);
  // a byte a code up to 256 categories, else four
  const codesType = (v: unknown) => (v as { $codes: { $type: string } }).$codes.$type;
  assert.equal(codesType(parsed.predicted), 'Uint8Array');
  assert.equal(codesType(parsed.wide), 'Int32Array');
  assert.ok(Array.isArray(parsed.ids) && Array.isArray(parsed.mixed) && Array.isArray(parsed.short));
  assert.deepEqual(decodeFrame(frame), reply);
  const plain = new TextEncoder().encode(JSON.stringify(reply)).length;
  assert.ok(frame.length < plain * 0.75, `${frame.length} bytes against ${plain} as JSON`);
});

test('a coded string array whose codes are missing or point past its categories is refused', () => {
  const frame = encodeFrame({ v: Array.from({ length: 2000 }, (_, i) => `c${i % 2}`) });
  const header = new DataView(frame.buffer).getUint32(4, true);
  const blobStart = 8 + header + ((8 - ((8 + header) % 8)) % 8) + 8;
  const bad = frame.slice();
  new DataView(bad.buffer).setInt32(blobStart, 2, true);
  assert.throws(() => decodeFrame(bad), /Malformed message: a string code with no category/);
  const noCodes = encodeFrame({ v: { $strings: ['a'], $codes: [0] } });
  assert.throws(() => decodeFrame(noCodes), /Malformed message: a coded string array without its codes/);
});
