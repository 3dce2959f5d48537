/**
 * A thin wrapper over h5wasm for the HDF5 readers (h5ad, loom, Cell Ranger .h5): opens a path or in-memory
 * bytes, checks the file is whole before HDF5 sees it, and reads datasets in bounded chunks so a large matrix
 * never passes through the WebAssembly heap (2 GB at most) in one piece. Every failure becomes a
 * DataImportError naming the file and the dataset.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Dataset, Group, File as H5File, OutputData } from 'h5wasm/node';
import { DataImportError, abortError, type DataImportErrorKind } from '../errors.js';
import type { DataSource } from '../options.js';
import { sourceName } from '../source-text.js';
import { checkSuperblock } from './h5-superblock.js';

/** A numeric chunk as h5wasm returns it. */
export type NumericArray =
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array
  | Float32Array
  | Float64Array;

/** Elements read per chunk: 4 Mi elements keep each read at 16–32 MB of WebAssembly heap. */
export const CHUNK_ELEMENTS = 1 << 22;

type H5Module = typeof import('h5wasm/node');
let h5wasmModule: Promise<H5Module> | undefined;

/** h5wasm, loaded once and only when an HDF5 file is opened (it is 4 MB of JavaScript + WebAssembly). */
async function loadH5wasm(): Promise<H5Module> {
  h5wasmModule ??= import('h5wasm/node').then(async (mod) => {
    await mod.ready;
    return mod;
  });
  return h5wasmModule;
}

/** Options shared by the chunked readers. */
export interface ReadControl {
  /** Cancels between chunks. Default: none. */
  signal?: AbortSignal;
}

/** An open HDF5 file. Always `close()` it (the readers do so in `finally`). */
export class Hdf5File {
  private constructor(
    /** The name used in messages (the path, or the upload's name). */
    readonly name: string,
    private readonly file: H5File,
    private readonly tempDir: string | undefined,
  ) {}

  /** Opens a path or in-memory bytes (written to a private temporary file: h5wasm's Node build reads files). */
  static async open(source: DataSource): Promise<Hdf5File> {
    const name = sourceName(source);
    let path: string;
    let tempDir: string | undefined;
    if (typeof source === 'string') {
      path = resolve(source);
    } else {
      tempDir = await mkdtemp(join(tmpdir(), 'tripletlens-h5-'));
      path = join(tempDir, 'upload.h5');
      await writeFile(path, source.bytes);
    }
    try {
      await checkSuperblock(path, name);
      const h5 = await loadH5wasm();
      const file = new h5.File(path, 'r');
      if (typeof file.file_id !== 'bigint' || file.file_id < 0n) {
        throw new DataImportError(
          'bad-structure',
          name,
          'HDF5 could not open this file: it is damaged or not complete. Copy or download it again.',
        );
      }
      return new Hdf5File(name, file, tempDir);
    } catch (err) {
      if (tempDir) await rm(tempDir, { recursive: true, force: true });
      if (err instanceof DataImportError) throw err;
      throw new DataImportError(
        'bad-structure',
        name,
        `HDF5 could not open this file (${oneLine(err)}): it is damaged or not complete.`,
      );
    }
  }

  /** Closes the file and removes the temporary copy of in-memory bytes. */
  async close(): Promise<void> {
    try {
      this.file.close();
    } catch {
      // Closing a file HDF5 already gave up on has nothing left to release.
    }
    if (this.tempDir) await rm(this.tempDir, { recursive: true, force: true });
  }

  /** An error about one object of the file: "x.h5ad, dataset /X/indptr: …". */
  fail(path: string, detail: string, kind: DataImportErrorKind = 'bad-structure'): DataImportError {
    return new DataImportError(kind, this.name, detail, { dataset: path });
  }

  private entity(path: string): Group | Dataset | null {
    try {
      const found = this.file.get(path);
      if (found && 'type' in found && (found.type === 'Group' || found.type === 'Dataset')) {
        return found as Group | Dataset;
      }
      return null;
    } catch (err) {
      throw this.fail(path, `HDF5 could not read this object (${oneLine(err)}).`);
    }
  }

  /** True when `path` is a group. */
  isGroup(path: string): boolean {
    return this.entity(path)?.type === 'Group';
  }

  /** True when `path` is a dataset. */
  isDataset(path: string): boolean {
    return this.entity(path)?.type === 'Dataset';
  }

  /** The members of a group ([] when it is absent or not a group). */
  keys(path: string): string[] {
    const entity = this.entity(path);
    if (entity?.type !== 'Group') return [];
    try {
      return (entity as Group).keys();
    } catch (err) {
      throw this.fail(path, `HDF5 could not list this group (${oneLine(err)}).`);
    }
  }

  /** An attribute's value, or undefined when the object or the attribute is absent. */
  attr(path: string, name: string): OutputData | undefined {
    const entity = this.entity(path);
    if (!entity) return undefined;
    try {
      const attrs = entity.attrs;
      if (!(name in attrs)) return undefined;
      return attrs[name].value ?? undefined;
    } catch (err) {
      throw this.fail(path, `HDF5 could not read its attribute "${name}" (${oneLine(err)}).`);
    }
  }

  /** A string attribute ('encoding-type'…), or undefined when absent or not a string. */
  stringAttr(path: string, name: string): string | undefined {
    const value = this.attr(path, name);
    if (typeof value === 'string') return value;
    if (Array.isArray(value) && value.length === 1 && typeof value[0] === 'string') return value[0];
    return undefined;
  }

  /** The dataset at `path`, or a 'bad-structure' error saying it is missing. */
  dataset(path: string, what = 'this dataset'): Dataset {
    const entity = this.entity(path);
    if (entity?.type !== 'Dataset') {
      throw this.fail(path, `${what} is missing${entity ? ' (a group is there instead)' : ''}.`);
    }
    return entity as Dataset;
  }

  /** A dataset's dimensions. */
  shape(path: string): number[] {
    const shape = this.dataset(path).shape;
    return shape ? shape.map(Number) : [];
  }

  /** What kind of values a dataset holds. */
  valueKind(path: string): 'string' | 'bool' | 'int' | 'float' | 'other' {
    const meta = this.dataset(path).metadata;
    if (meta.type === 3) return 'string';
    if (meta.type === 8) return isBooleanEnum(meta.enum_type) ? 'bool' : 'int';
    if (meta.type === 0) return 'int';
    if (meta.type === 1) return 'float';
    return 'other';
  }

  /** A whole (small) dataset of strings: names, barcodes, obs columns. Fixed-length bytes are decoded as UTF-8. */
  readStrings(path: string): string[] {
    const value = this.read(path);
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
    if (typeof value === 'string') return [value];
    throw this.fail(path, 'expected text (names), found numbers or another type.');
  }

  /** A whole (small) numeric dataset as float64 (int64 converted exactly up to 2⁵³). */
  readNumbers(path: string): Float64Array {
    const value = this.read(path);
    if (ArrayBuffer.isView(value)) return toFloat64(value as NumericArray);
    if (typeof value === 'number') return Float64Array.of(value);
    if (typeof value === 'bigint') return Float64Array.of(Number(value));
    throw this.fail(path, 'expected numbers, found text or another type.');
  }

  /** A whole dataset as h5wasm returns it. */
  read(path: string): OutputData {
    const dataset = this.dataset(path);
    try {
      const value = dataset.value;
      if (value === null) throw new Error('empty dataspace');
      return value;
    } catch (err) {
      throw this.fail(path, `HDF5 could not read it (${oneLine(err)}); the file may be damaged.`);
    }
  }

  /** Elements [start, end) of a 1-D numeric dataset. */
  readRange(path: string, start: number, end: number): NumericArray {
    const dataset = this.dataset(path);
    try {
      const value = dataset.slice([[start, end]]);
      if (!ArrayBuffer.isView(value)) throw new Error('not numeric');
      return value as NumericArray;
    } catch (err) {
      throw this.fail(
        path,
        `HDF5 could not read elements ${start}–${end} (${oneLine(err)}); the file may be damaged.`,
      );
    }
  }

  /** Rows [r0, r1) × columns [c0, c1) of a 2-D numeric dataset, row-major. */
  readBlock(path: string, r0: number, r1: number, c0: number, c1: number): NumericArray {
    const dataset = this.dataset(path);
    try {
      const value = dataset.slice([
        [r0, r1],
        [c0, c1],
      ]);
      if (!ArrayBuffer.isView(value)) throw new Error('not numeric');
      return value as NumericArray;
    } catch (err) {
      throw this.fail(
        path,
        `HDF5 could not read rows ${r0}–${r1} (${oneLine(err)}); the file may be damaged.`,
      );
    }
  }

  /**
   * Calls `visit(chunk, offset)` for consecutive chunks of a 1-D numeric dataset, yielding to the event loop
   * between chunks (so a worker can answer and an abort can land).
   */
  async forEachChunk(
    path: string,
    length: number,
    visit: (chunk: NumericArray, offset: number) => void,
    control: ReadControl = {},
  ): Promise<void> {
    for (let start = 0; start < length; start += CHUNK_ELEMENTS) {
      if (control.signal?.aborted) throw abortError(this.name);
      const end = Math.min(length, start + CHUNK_ELEMENTS);
      visit(this.readRange(path, start, end), start);
      if (end < length) await yieldToEventLoop();
    }
  }
}

/** Lets pending I/O, messages and aborts run between chunks. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((done) => setImmediate(done));
}

function isBooleanEnum(enumType: unknown): boolean {
  const members = (enumType as { members?: Record<string, number> } | undefined)?.members;
  if (!members) return false;
  const names = Object.keys(members).sort();
  return names.length === 2 && names[0] === 'FALSE' && names[1] === 'TRUE';
}

/** The first line of an error's message (h5wasm's can span an HDF5 error stack). */
function oneLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0].slice(0, 200);
}

/**
 * Reads an int64 array through its 32-bit words: `Number(bigint)` per element costs ~50× a typed copy, and
 * indices/indptr of Cell Ranger files are int64. Exact below 2⁵³.
 */
function int64Words(
  values: BigInt64Array | BigUint64Array,
  out: Float64Array | Float32Array,
  at: number,
): void {
  const words = new Int32Array(values.buffer, values.byteOffset, values.length * 2);
  const signed = values instanceof BigInt64Array;
  for (let i = 0; i < values.length; i++) {
    const lo = words[2 * i] >>> 0;
    const hi = words[2 * i + 1];
    out[at + i] = (signed ? hi : hi >>> 0) * 4294967296 + lo;
  }
}

/** Copies a numeric chunk into a float64 array at `at` (int64 exactly up to 2⁵³). */
export function copyToFloat64(chunk: NumericArray, out: Float64Array, at: number): void {
  if (chunk instanceof BigInt64Array || chunk instanceof BigUint64Array) int64Words(chunk, out, at);
  else out.set(chunk, at);
}

/** Copies a numeric chunk into a float32 array at `at` (the expression values' type). */
export function copyToFloat32(chunk: NumericArray, out: Float32Array, at: number): void {
  if (chunk instanceof BigInt64Array || chunk instanceof BigUint64Array) int64Words(chunk, out, at);
  else out.set(chunk, at);
}

/**
 * Copies a numeric chunk of indices into an int32 array at `at`. A value outside int32 (possible only in an
 * int64 or uint32 file) becomes -1, which every caller's range check then reports.
 */
export function copyToInt32(chunk: NumericArray, out: Int32Array, at: number): void {
  if (chunk instanceof BigInt64Array || chunk instanceof BigUint64Array) {
    const words = new Int32Array(chunk.buffer, chunk.byteOffset, chunk.length * 2);
    for (let i = 0; i < chunk.length; i++) {
      const lo = words[2 * i];
      out[at + i] = words[2 * i + 1] === 0 && lo >= 0 ? lo : -1;
    }
  } else if (chunk instanceof Uint32Array || chunk instanceof Float32Array || chunk instanceof Float64Array) {
    for (let i = 0; i < chunk.length; i++) {
      const v = chunk[i];
      out[at + i] = v >= 0 && v <= 2147483647 && Number.isInteger(v) ? v : -1;
    }
  } else {
    out.set(chunk, at);
  }
}

/** A whole numeric array as float64. */
export function toFloat64(values: NumericArray): Float64Array {
  const out = new Float64Array(values.length);
  copyToFloat64(values, out, 0);
  return out;
}
