// A user exported an .h5ad to a disk that filled up: HDF5 printed "No space left on device", h5wasm carried on,
// and the export reported success with a file cut short. The system's refusal must stop the write instead.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeResultH5ad, type H5adResult } from '../../../src/engine/h5ad/write-result-h5ad.js';
import { throwingLostWrites } from '../../../src/engine/h5ad/lost-writes.js';

const CELLS = 2000;
const GENES = 50;

/** A result big enough that HDF5 writes its X in several system writes. */
function result(): H5adResult {
  return {
    source: '/nonexistent/input.csv',
    obsNames: Array.from({ length: CELLS }, (_, i) => `c${i}`),
    obs: [{ name: 'cell_type', values: Array.from({ length: CELLS }, (_, i) => `t${i % 3}`) }],
    varNames: Array.from({ length: GENES }, (_, j) => `g${j}`),
    X: { rows: CELLS, cols: GENES, data: Float32Array.from({ length: CELLS * GENES }, (_, i) => i % 7) },
    embedding: { rows: CELLS, cols: 2, data: new Float32Array(CELLS * 2) },
    report: {},
    categoryColors: {},
  };
}

/**
 * Makes the system refuse every write to a file in `dir` past `allowed` bytes with ENOSPC, as a full disk does
 * (HDF5 goes through fs.writeSync); returns the function that undoes it.
 */
function fillDiskAfter(dir: string, allowed: number): () => void {
  const { openSync, writeSync } = fs;
  const inDir = new Set<number>();
  let written = 0;
  fs.openSync = ((path: fs.PathLike, ...rest: unknown[]) => {
    const fd = (openSync as (...args: unknown[]) => number)(path, ...rest);
    if (String(path).startsWith(dir)) inDir.add(fd);
    return fd;
  }) as typeof fs.openSync;
  fs.writeSync = ((fd: number, buffer: NodeJS.ArrayBufferView, ...rest: unknown[]) => {
    // writeSync(fd, buffer, offset, length, position): h5wasm hands over its whole heap and a length
    const length = typeof rest[1] === 'number' ? rest[1] : buffer.byteLength;
    if (inDir.has(fd) && written + length > allowed) {
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    }
    if (inDir.has(fd)) written += length;
    return (writeSync as (...args: unknown[]) => number)(fd, buffer, ...rest);
  }) as typeof fs.writeSync;
  return () => {
    fs.openSync = openSync;
    fs.writeSync = writeSync;
  };
}

test('a write the system refuses (a full disk) fails the .h5ad export, and nothing is left at the destination', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tl-lost-writes-'));
  const restore = fillDiskAfter(dir, 64 * 1024);
  try {
    const path = join(dir, 'out.h5ad');
    await assert.rejects(writeResultH5ad(path, result()), (err: Error) => {
      assert.match(err.message, /Cannot write .*out\.h5ad: the disk is full \(no space left on device\)/);
      return true;
    });
    assert.deepEqual(await readdir(dir), []);
  } finally {
    restore();
    await rm(dir, { recursive: true, force: true });
  }
});

test('with room on the disk the same export is written, and fs is as it was afterwards', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tl-lost-writes-'));
  const { openSync, writeSync } = fs;
  try {
    await writeResultH5ad(join(dir, 'out.h5ad'), result());
    assert.deepEqual(await readdir(dir), ['out.h5ad']);
    assert.equal(fs.openSync, openSync);
    assert.equal(fs.writeSync, writeSync);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

/** Makes the system refuse `call` on files in `dir` with `code`, as a full disk or a lost network drive does. */
function refuse(dir: string, call: 'openSync' | 'closeSync', code: string): () => void {
  const original = fs[call] as (...args: unknown[]) => unknown;
  const inDir = new Set<number>();
  const { openSync } = fs;
  const error = () => Object.assign(new Error(`${code}: refused, ${call}`), { code });
  if (call === 'openSync') {
    fs.openSync = ((path: fs.PathLike, ...rest: unknown[]) => {
      if (String(path).startsWith(dir)) throw error();
      return original(path, ...rest);
    }) as typeof fs.openSync;
    return () => void (fs.openSync = openSync);
  }
  fs.openSync = ((path: fs.PathLike, ...rest: unknown[]) => {
    const fd = (openSync as (...args: unknown[]) => number)(path, ...rest);
    if (String(path).startsWith(dir)) inDir.add(fd);
    return fd;
  }) as typeof fs.openSync;
  fs.closeSync = ((fd: number) => {
    original(fd);
    if (inDir.delete(fd)) throw error();
  }) as typeof fs.closeSync;
  return () => {
    fs.openSync = openSync;
    fs.closeSync = original as typeof fs.closeSync;
  };
}

test('a file the system will not create (the disk already full) is said as the full disk, not a null handle', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tl-lost-writes-'));
  const restore = refuse(dir, 'openSync', 'ENOSPC');
  try {
    await assert.rejects(writeResultH5ad(join(dir, 'out.h5ad'), result()), /the disk is full/);
    assert.deepEqual(await readdir(dir), []);
  } finally {
    restore();
    await rm(dir, { recursive: true, force: true });
  }
});

// NFS and SMB report a lost write when the file is closed: that export is no more finished than the others
test('a close the system refuses (an I/O error on a network drive) fails the export too', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tl-lost-writes-'));
  const restore = refuse(dir, 'closeSync', 'EIO');
  try {
    await assert.rejects(writeResultH5ad(join(dir, 'out.h5ad'), result()), /an input\/output error/);
    assert.deepEqual(await readdir(dir), []);
  } finally {
    restore();
    await rm(dir, { recursive: true, force: true });
  }
});

test('a patch of fs made while a write is watched is kept when the watch ends', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tl-lost-writes-'));
  const { writeSync } = fs;
  const later = ((...args: unknown[]) =>
    (writeSync as (...a: unknown[]) => number)(...args)) as typeof fs.writeSync;
  try {
    await throwingLostWrites(join(dir, 'watched.h5'), async () => {
      fs.writeSync = later;
    });
    assert.equal(fs.writeSync, later);
  } finally {
    fs.writeSync = writeSync;
    await rm(dir, { recursive: true, force: true });
  }
});

test("a refused write to another file is not this file's failure", async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tl-lost-writes-'));
  try {
    const other = join(dir, 'other.bin');
    const value = await throwingLostWrites(join(dir, 'watched.h5'), async () => {
      const fd = fs.openSync(other, 'w');
      fs.closeSync(fd);
      assert.throws(() => fs.writeSync(fd, new Uint8Array(4)), { code: 'EBADF' });
      return 7;
    });
    assert.equal(value, 7);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

// NFS reports a lost write at fsync, which the watch runs before each close: the export fails, and the
// file's descriptors are still closed (a leaked one kept the temporary open, on Windows undeletable)
test('an fsync the system refuses fails the export, and every descriptor of the file is still closed', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tl-lost-writes-'));
  const { openSync, closeSync, fsyncSync } = fs;
  const open = new Set<number>();
  fs.openSync = ((path: fs.PathLike, ...rest: unknown[]) => {
    const fd = (openSync as (...args: unknown[]) => number)(path, ...rest);
    if (String(path).startsWith(dir)) open.add(fd);
    return fd;
  }) as typeof fs.openSync;
  fs.closeSync = ((fd: number) => {
    open.delete(fd);
    closeSync(fd);
  }) as typeof fs.closeSync;
  fs.fsyncSync = ((fd: number) => {
    if (open.has(fd)) throw Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' });
    fsyncSync(fd);
  }) as typeof fs.fsyncSync;
  try {
    await assert.rejects(writeResultH5ad(join(dir, 'out.h5ad'), result()), /an input\/output error/);
    assert.equal(open.size, 0, 'no descriptor of the file left open');
    assert.deepEqual(await readdir(dir), []);
  } finally {
    Object.assign(fs, { openSync, closeSync, fsyncSync });
    await rm(dir, { recursive: true, force: true });
  }
});
