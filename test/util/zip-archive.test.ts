import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, readZip, writeZip, ZipFormatError, ZipTooLargeError } from '../../src/util/zip-archive.js';

const text = (s: string) => new TextEncoder().encode(s);

test('crc32 matches the standard check value', () => {
  assert.equal(crc32(text('123456789')), 0xcbf43926);
  assert.equal(crc32(new Uint8Array(0)), 0);
});

test('writeZip/readZip round trip stored, deflated and empty entries', () => {
  const floats = new Float32Array([1.5, -2, Math.PI, 0]);
  const json = text(JSON.stringify({ a: 'x'.repeat(500), b: [1, 2, 3] }));
  const zip = writeZip([
    { name: 'session.json', data: json },
    { name: 'coords.f32', data: new Uint8Array(floats.buffer), compress: false },
    { name: 'model/empty.txt', data: new Uint8Array(0) },
    { name: 'ünïcode name.txt', data: text('é') },
  ]);
  const files = readZip(zip);
  assert.deepEqual([...files.keys()], ['session.json', 'coords.f32', 'model/empty.txt', 'ünïcode name.txt']);
  assert.deepEqual(files.get('session.json'), json);
  const back = files.get('coords.f32')!;
  assert.deepEqual(new Float32Array(back.slice().buffer), floats);
  assert.equal(files.get('model/empty.txt')!.length, 0);
  // the JSON was deflated: the archive is smaller than the repeated text
  assert.ok(zip.length < json.length);
});

test('readZip refuses what is not a well-formed archive with one clear message', () => {
  const good = writeZip([{ name: 'a.txt', data: text('hello world, hello world, hello world') }]);
  assert.throws(() => readZip(text('not a zip at all, just text that is long enough')), ZipFormatError);
  assert.throws(() => readZip(good.subarray(0, good.length - 30)), /not a ZIP archive|damaged|cut short/);
  // a flipped byte in the data: the CRC catches it (or inflate does)
  const flipped = good.slice();
  flipped[40] ^= 0xff;
  assert.throws(() => readZip(flipped), /damaged|decompressed|bytes, not/);
  assert.throws(() => readZip(new Uint8Array(3)), /too short/);
});

test('readZip stops an entry that inflates beyond its declared size (zip bomb)', () => {
  const zip = writeZip([{ name: 'big.txt', data: new Uint8Array(100_000) }]);
  // shrink the declared uncompressed size in both headers to 10 bytes
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  view.setUint32(22, 10, true);
  const central = zip.length - 22 - (46 + 'big.txt'.length);
  view.setUint32(central + 24, 10, true);
  assert.throws(() => readZip(zip), ZipFormatError);
  assert.throws(() => readZip(writeZip([{ name: 'x', data: new Uint8Array(50) }]), 10), /too large/);
});

test('writeZip refuses unsafe or repeated names', () => {
  assert.throws(() => writeZip([{ name: '../evil', data: text('x') }]), /Invalid name/);
  assert.throws(() => writeZip([{ name: '/abs', data: text('x') }]), /Invalid name/);
  assert.throws(
    () =>
      writeZip([
        { name: 'a', data: text('x') },
        { name: 'a', data: text('y') },
      ]),
    /Two archive entries/,
  );
});

test('archives interoperate with the system zip tools (unzip reads ours, we read zip’s)', async (t) => {
  const unzip = spawnSync('unzip', ['-v'], { encoding: 'utf8' });
  const zipTool = spawnSync('zip', ['-v'], { encoding: 'utf8' });
  if (unzip.status !== 0 || zipTool.status !== 0) {
    t.skip('unzip/zip are not installed (apt-get install zip unzip)');
    return;
  }
  const dir = await mkdtemp(join(tmpdir(), 'zip-test-'));
  try {
    const ours = join(dir, 'ours.zip');
    await writeFile(ours, writeZip([{ name: 'dir/a.json', data: text('{"x": "yyyyyyyyyyyyyyyyyyyy"}') }]));
    const tested = spawnSync('unzip', ['-p', ours, 'dir/a.json'], { encoding: 'utf8' });
    assert.equal(tested.status, 0, tested.stderr);
    assert.equal(tested.stdout, '{"x": "yyyyyyyyyyyyyyyyyyyy"}');
    await writeFile(join(dir, 'b.txt'), 'b'.repeat(1000));
    const made = spawnSync('zip', ['-q', 'theirs.zip', 'b.txt'], { cwd: dir, encoding: 'utf8' });
    assert.equal(made.status, 0, made.stderr);
    const files = readZip(new Uint8Array(await readFile(join(dir, 'theirs.zip'))));
    assert.equal(new TextDecoder().decode(files.get('b.txt')), 'b'.repeat(1000));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('an archive over maxBytes is refused before it is built, saying its size and the limit', () => {
  const entries = [{ name: 'a.bin', data: new Uint8Array(1000), compress: false }];
  const size = writeZip(entries).length;
  assert.equal(writeZip(entries, size).length, size);
  assert.throws(
    () => writeZip(entries, size - 1),
    (err: unknown) =>
      err instanceof ZipTooLargeError &&
      err instanceof ZipFormatError &&
      err.bytes === size &&
      err.message === `The archive would be ${size} bytes, more than the ${size - 1} it may be`,
  );
});
