/**
 * A thin wrapper over h5wasm for the HDF5 readers (h5ad, loom, Cell Ranger .h5): opens a path or in-memory
 * bytes, checks the file is whole before HDF5 sees it, and reads datasets in bounded chunks so a large matrix
 * never passes through the WebAssembly heap (2 GB at most) in one piece. Every failure becomes a
 * DataImportError naming the file and the dataset.
 */
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Dataset, Group, File as H5File, Metadata, OutputData } from 'h5wasm/node';
import { DataImportError, abortError, type DataImportErrorKind } from '../errors.js';
import type { DataSource } from '../options.js';
import { sourceName } from '../source-text.js';
import { checkMatrixMemory, memoryLimitFor, type MatrixNeed, type MemoryLimit } from '../memory-guard.js';
import { checkSuperblock } from './h5-superblock.js';
import { decodeHalfFloats } from './float16.js';
import { debugging, lastConsoleLine, loadH5wasm, quiet, type H5Module } from './h5wasm-load.js';
import { yieldToEventLoop } from '../../util/yield-to-event-loop.js';
import { countText } from '../../api/count-text.js';
import { makeOwnedTemp } from '../../util/owned-temp.js';

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

/**
 * The most cells a matrix may declare: 2²⁵ ≈ 33.5 million, several times the largest single-file datasets.
 * Their ids alone take about 1.5 GB of Node's ~4 GB heap; a damaged shape far beyond it would exhaust the
 * heap (a fatal error no catch can stop) while the ids were being numbered.
 */
export const MAX_CELLS = 2 ** 25;
/** The most genes (columns) a matrix may declare: CSR column indices are int32. */
export const MAX_GENES = 2 ** 31 - 1;

/** Elements read per chunk: 4 Mi elements keep each read at 16–32 MB of WebAssembly heap. */
export const CHUNK_ELEMENTS = 1 << 22;

/**
 * Bytes of rows one read of a record array takes (`readRecords`): HDF5, as built in h5wasm, reads
 * variable-length strings three times slower a string in one read of 600 000 of them (scanpy's
 * rank_genes_groups names, 20 000 genes × 30 groups) than in reads of 64–128 kB of rows: 0.6 s of CPU, against
 * 1.7–2 s from 256 kB a read on (2026-12-03, bench/h5ad-uns-copy.ts).
 */
export const RECORD_BLOCK_BYTES = 1 << 16;

/** Options shared by the chunked readers. */
export interface ReadControl {
  /** Cancels between chunks. Default: none. */
  signal?: AbortSignal;
  /** Elements per chunk. Default CHUNK_ELEMENTS; tests set tiny values so chunk edges are crossed. */
  chunkElements?: number;
  /** Called with the fraction of the matrix read so far, 0…1. Default: none. */
  onProgress?: (fraction: number) => void;
  /** The most memory the matrix may take (checked before it is allocated). Default: the memory available. */
  memory?: MemoryLimit;
}

/** The control for one phase of a read: progress 0…1 within it maps to from…to overall. */
export function phase(control: ReadControl, from: number, to: number): ReadControl {
  const report = control.onProgress;
  return { ...control, onProgress: report && ((f) => report(from + (to - from) * f)) };
}

/**
 * The read control for import options: their signal and progress, the memory limit (`maxMemoryBytes`, or
 * the memory available now), and `chunkBytes` (tests) as 4-byte elements.
 */
export function readControl(options: {
  signal?: AbortSignal;
  chunkBytes?: number;
  onProgress?: (fraction: number) => void;
  maxMemoryBytes?: number;
}): ReadControl {
  const control: ReadControl = {
    signal: options.signal,
    onProgress: options.onProgress,
    memory: memoryLimitFor(options.maxMemoryBytes),
  };
  if (options.chunkBytes !== undefined)
    control.chunkElements = Math.max(1, Math.floor(options.chunkBytes / 4));
  return control;
}

/**
 * Bytes of the WebAssembly buffer a chunked read of `values` values goes through (8 B a value at most:
 * int64 indices), blocks of at least `minimum` values (a dense row).
 */
export function readBufferBytes(control: ReadControl, values: number, minimum = 1): number {
  return Math.min(values, Math.max(control.chunkElements ?? CHUNK_ELEMENTS, minimum)) * 8;
}

/** Throws a 'too-large' error naming the dataset when a matrix about to be allocated exceeds the limit. */
export function checkReadMemory(h5: Hdf5File, path: string, control: ReadControl, need: MatrixNeed): void {
  checkMatrixMemory(h5.name, control.memory ?? memoryLimitFor(undefined), need, h5.where(path));
}

/** An open HDF5 file. Always `close()` it (the readers do so in `finally`). */
export class Hdf5File {
  private constructor(
    /** The name used in messages (the path, or the upload's name). */
    readonly name: string,
    private readonly file: H5File,
    private readonly tempDir: string | undefined,
    private readonly module: H5Module['Module'],
  ) {}

  /** Datasets whose compression filters are known to be readable. */
  private readonly filtersChecked = new Set<string>();

  /** A WebAssembly buffer reused by every numeric read (see readHyperslab). */
  private scratch = { ptr: 0, bytes: 0 };

  /** Where reads of half floats (float16) are decoded to float32, reused like `scratch`. */
  private halfScratch = new Float32Array(0);

  /** Opens a path or in-memory bytes (written to a private temporary file: h5wasm's Node build reads files). */
  static async open(source: DataSource): Promise<Hdf5File> {
    const name = sourceName(source);
    let path: string;
    let tempDir: string | undefined;
    if (typeof source === 'string') {
      path = resolve(source);
    } else {
      ({ path, tempDir } = await writeTemporaryCopy(source.bytes, name));
    }
    try {
      await checkSuperblock(path, name);
      const h5 = await loadH5wasm();
      const file = quiet(() => new h5.File(path, 'r'));
      if (typeof file.file_id !== 'bigint' || file.file_id < 0n) {
        throw new DataImportError(
          'bad-structure',
          name,
          'HDF5 could not open this file: it is damaged or not complete. Copy or download it again.',
        );
      }
      return new Hdf5File(name, file, tempDir, h5.Module);
    } catch (err) {
      if (tempDir) await rm(tempDir, { recursive: true, force: true });
      if (err instanceof DataImportError) throw err;
      throw new DataImportError(
        'bad-structure',
        name,
        `HDF5 could not open this file${h5wasmWords(err)}: it is damaged or not complete. Copy or download it again.`,
      );
    }
  }

  /** Closes the file and removes the temporary copy of in-memory bytes. */
  async close(): Promise<void> {
    try {
      if (this.scratch.ptr) this.module._free(this.scratch.ptr);
      this.scratch = { ptr: 0, bytes: 0 };
      quiet(() => this.file.close());
    } catch {
      // Closing a file HDF5 already gave up on has nothing left to release.
    }
    if (this.tempDir) await rm(this.tempDir, { recursive: true, force: true });
  }

  /**
   * An error about one object of the file: "x.h5ad, dataset /X/indptr: …", "x.h5ad, group /obs: …" (`where`).
   * `absent` is what an object that is not there (or cannot be read) is called: the one the reader expected.
   */
  fail(
    path: string,
    detail: string,
    kind: DataImportErrorKind = 'bad-structure',
    absent: 'group' | 'dataset' = 'dataset',
  ): DataImportError {
    return new DataImportError(kind, this.name, detail, this.where(path, absent));
  }

  /**
   * The place of the object at `path` in a message: a group (the root '/' too) is named as one, a dataset as
   * one; `absent` names an object that is not there or cannot be read (default 'dataset').
   */
  where(
    path: string,
    absent: 'group' | 'dataset' = 'dataset',
  ): { dataset: string; objectKind: 'group' | 'dataset' } {
    let objectKind = absent;
    try {
      const type = quiet(() => (this.file.get(path) as { type?: unknown } | null)?.type);
      if (type === 'Group') objectKind = 'group';
      else if (type === 'Dataset') objectKind = 'dataset';
    } catch {
      // an object HDF5 cannot open is called what the reader expected there
    }
    return { dataset: path, objectKind };
  }

  private entity(path: string): Group | Dataset | null {
    try {
      const found = quiet(() => this.file.get(path));
      if (found && 'type' in found && (found.type === 'Group' || found.type === 'Dataset')) {
        return found as Group | Dataset;
      }
      return null;
    } catch (err) {
      throw this.fail(path, `HDF5 could not read this object${h5wasmWords(err)}; the file may be damaged.`);
    }
  }

  /** An h5wasm call on one object, muted, its failure a DataImportError naming the object. */
  private guard<T>(path: string, call: () => T): T {
    try {
      return quiet(call);
    } catch (err) {
      throw this.fail(path, `HDF5 could not read this object${h5wasmWords(err)}; the file may be damaged.`);
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
      return quiet(() => (entity as Group).keys());
    } catch (err) {
      throw this.fail(path, `HDF5 could not list this group${h5wasmWords(err)}; the file may be damaged.`);
    }
  }

  /** An attribute's value, or undefined when the object or the attribute is absent. */
  attr(path: string, name: string): OutputData | undefined {
    const entity = this.entity(path);
    if (!entity) return undefined;
    try {
      return quiet(() => {
        const attrs = entity.attrs;
        return name in attrs ? (attrs[name].value ?? undefined) : undefined;
      });
    } catch (err) {
      throw this.fail(
        path,
        `HDF5 could not read its attribute "${name}"${h5wasmWords(err)}; the file may be damaged.`,
      );
    }
  }

  /**
   * Every attribute of a group or dataset with its value as h5wasm returns it and its type ([] when the
   * object is absent): what a verbatim copy of the object needs.
   */
  attributes(path: string): { name: string; value: OutputData | null; metadata: Metadata }[] {
    const entity = this.entity(path);
    if (!entity) return [];
    return this.guard(path, () =>
      Object.entries(entity.attrs).map(([name, a]) => ({ name, value: a.value, metadata: a.metadata })),
    );
  }

  /** A dataset's type and shape as h5wasm describes them (shape null: an empty dataspace, anndata's None). */
  metadata(path: string): Metadata {
    const dataset = this.dataset(path);
    return this.guard(path, () => dataset.metadata);
  }

  /** A string attribute ('encoding-type'…), or undefined when absent or not a string. */
  stringAttr(path: string, name: string): string | undefined {
    const value = this.attr(path, name);
    if (typeof value === 'string') return value;
    if (Array.isArray(value) && value.length === 1 && typeof value[0] === 'string') return value[0];
    return undefined;
  }

  /**
   * Throws unless a declared matrix size is one TripletLens could hold and map: a damaged (or hostile) shape
   * must fail here, before a per-cell array is built from it and the process runs out of memory, and an
   * empty one (0 cells or 0 genes, e.g. a subset that kept nothing) before inspect shows a shape with no
   * values and training fails without naming the file.
   */
  checkSize(path: string, cells: number, genes: number): void {
    if (cells === 0 || genes === 0) {
      throw this.fail(
        path,
        `the matrix holds ${countText(cells)} cells × ${countText(genes)} genes: it has no ${cells === 0 ? 'cells' : 'genes'}, so there is nothing to map.`,
        // the kinds a text table without rows or without gene columns gets
        cells === 0 ? 'no-data-rows' : 'no-gene-columns',
      );
    }
    if (cells > MAX_CELLS || genes > MAX_GENES) {
      throw this.fail(
        path,
        `the matrix declares ${countText(cells)} cells × ${countText(genes)} genes, beyond what TripletLens can hold (${countText(MAX_CELLS)} cells, ${countText(MAX_GENES)} genes); the file may be damaged.`,
      );
    }
  }

  /** The dataset at `path`, or a 'bad-structure' error saying it is missing. */
  dataset(path: string, what = 'this dataset'): Dataset {
    const entity = this.entity(path);
    if (entity?.type !== 'Dataset') {
      throw this.fail(path, `${what} is missing${entity ? ' (a group is there instead)' : ''}.`);
    }
    return entity as Dataset;
  }

  /**
   * Throws when a dataset is compressed with a filter h5wasm does not carry (h5py's lzf, blosc, zstd…):
   * HDF5 would otherwise abort inside WebAssembly and the message could only say "damaged".
   */
  private checkFilters(path: string, dataset: Dataset): void {
    if (this.filtersChecked.has(path)) return;
    const filters = this.guard(path, () => dataset.filters);
    const foreign = filters.find((f) => !BUILT_IN_FILTERS.has(f.id));
    if (foreign) {
      const name = KNOWN_FILTERS[foreign.id] ?? foreign.name ?? `filter ${foreign.id}`;
      throw this.fail(
        path,
        `this dataset is compressed with ${name} (HDF5 filter ${foreign.id}), which TripletLens cannot decode. Re-save the file with gzip or no compression (e.g. adata.write_h5ad(path, compression="gzip")).`,
        'unsupported-format',
      );
    }
    this.filtersChecked.add(path);
  }

  /** The gzip (deflate) level a dataset is stored with, or null when it is not gzip-compressed. */
  gzipLevel(path: string): number | null {
    const dataset = this.dataset(path);
    const deflate = this.guard(path, () => dataset.filters).find((f) => f.id === DEFLATE_FILTER);
    return deflate ? (deflate.cd_values[0] ?? DEFAULT_GZIP_LEVEL) : null;
  }

  /** A dataset's dimensions. */
  shape(path: string): number[] {
    const dataset = this.dataset(path);
    const shape = this.guard(path, () => dataset.shape);
    return shape ? shape.map(Number) : [];
  }

  /** What kind of values a dataset holds. */
  valueKind(path: string): 'string' | 'bool' | 'int' | 'float' | 'other' {
    const dataset = this.dataset(path);
    const meta = this.guard(path, () => dataset.metadata);
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

  /** A whole dataset as h5wasm returns it; half floats (which h5wasm cannot return) as float32. */
  read(path: string): OutputData {
    const dataset = this.dataset(path);
    this.checkFilters(path, dataset);
    const meta = this.guard(path, () => dataset.metadata);
    if (isHalfFloat(meta)) {
      const shape = (meta.shape ?? []).map(Number);
      return this.readHyperslab(
        path,
        shape.map(() => 0),
        shape,
        'the dataset',
      ).slice();
    }
    try {
      const value = quiet(() => dataset.value);
      if (value === null) throw new Error('empty dataspace');
      return value;
    } catch (err) {
      throw this.fail(path, `HDF5 could not read it${h5wasmWords(err)}; the file may be damaged.`);
    }
  }

  /**
   * Elements [start, end) of a 1-D numeric dataset. The result is a view of a scratch buffer inside the
   * WebAssembly heap, valid only until the next read from this file: copy it out at once.
   */
  readRange(path: string, start: number, end: number): NumericArray {
    return this.readHyperslab(path, [start], [end - start], `elements ${start}–${end}`);
  }

  /** Rows [r0, r1) × columns [c0, c1) of a 2-D numeric dataset, row-major; a scratch view as for readRange. */
  readBlock(path: string, r0: number, r1: number, c0: number, c1: number): NumericArray {
    return this.readHyperslab(path, [r0, c0], [r1 - r0, c1 - c0], `rows ${r0}–${r1}`);
  }

  /**
   * The rows of a 1-D compound dataset (a record array) as stored — `metadata(path).size` bytes a row, each
   * member at its offset, little-endian — in blocks of at most `blockBytes` (default `RECORD_BLOCK_BYTES`,
   * 64 kB): `visit(rows, heap,
   * start)` gets rows `start`… as a view of the WebAssembly heap and the heap itself, in which a
   * variable-length text member's 4-byte pointer points to its NUL-terminated UTF-8 bytes. Both are valid
   * only during `visit`: the block's strings are released after it, the buffer reused. No value becomes a JS
   * object on the way, as in h5wasm's own read (an array a row, a typed array a value).
   */
  readRecords(
    path: string,
    visit: (rows: Uint8Array, heap: Uint8Array, start: number) => void,
    blockBytes = RECORD_BLOCK_BYTES,
  ): void {
    const dataset = this.dataset(path);
    this.checkFilters(path, dataset);
    const meta = this.guard(path, () => dataset.metadata);
    const length = Number(meta.shape?.[0] ?? 0);
    if (meta.type !== 6 || meta.shape?.length !== 1)
      throw this.fail(path, 'expected a one-dimensional record array.');
    const step = Math.max(1, Math.floor(blockBytes / meta.size));
    const strings = meta.compound_type?.members.some((m) => m.vlen) ?? false;
    for (let start = 0; start < length; start += step) {
      const count = Math.min(step, length - start);
      const ptr = this.scratchFor(count * meta.size, path);
      this.readInto(path, dataset, [start], [count], `rows ${start}–${start + count}`, ptr);
      try {
        // the heap may have grown during the read: take the buffer afterwards
        const heap = this.module.HEAPU8;
        visit(heap.subarray(ptr, ptr + count * meta.size), heap, start);
      } finally {
        if (strings)
          quiet(() =>
            this.module.reclaim_vlen_memory_count(this.file.file_id, dataset.path, '', BigInt(ptr), [
              BigInt(count),
            ]),
          );
      }
    }
  }

  /**
   * Reads a hyperslab into one reused WebAssembly buffer and returns a typed view of it. h5wasm's own
   * `slice` copies every chunk into a fresh ArrayBuffer, so a 10⁸-value matrix would leave as much garbage
   * again for the collector; with one buffer the import's memory is the result plus one chunk.
   */
  private readHyperslab(path: string, offset: number[], count: number[], what: string): NumericArray {
    const dataset = this.dataset(path);
    this.checkFilters(path, dataset);
    const meta = this.guard(path, () => dataset.metadata);
    const base = meta.type === 8 ? (meta.enum_type as { type: number } | undefined)?.type : meta.type;
    if ((base !== 0 && base !== 1) || meta.vlen)
      throw this.fail(path, 'expected numbers, found text or another type.');
    if (isHalfFloat(meta)) return this.readHalfFloats(path, dataset, offset, count, what);
    const Accessor = numericAccessor(base, meta.size, meta.signed);
    if (!Accessor) throw this.fail(path, `numbers of ${meta.size * 8} bits are not supported.`);
    const n = count.reduce((a, b) => a * b, 1);
    if (n === 0) return new Accessor(0);
    const ptr = this.scratchFor(n * meta.size, path);
    this.readInto(path, dataset, offset, count, what, ptr);
    // The heap may have grown during the read: take the buffer afterwards.
    return new Accessor(this.module.HEAPU8.buffer, ptr, n);
  }

  /** A hyperslab of half floats, decoded into a reused float32 buffer (a view valid until the next read). */
  private readHalfFloats(
    path: string,
    dataset: Dataset,
    offset: number[],
    count: number[],
    what: string,
  ): Float32Array {
    const n = count.reduce((a, b) => a * b, 1);
    if (n === 0) return new Float32Array(0);
    const ptr = this.scratchFor(n * 2, path);
    this.readInto(path, dataset, offset, count, what, ptr);
    if (this.halfScratch.length < n) this.halfScratch = new Float32Array(n);
    const out = this.halfScratch.subarray(0, n);
    decodeHalfFloats(new Uint16Array(this.module.HEAPU8.buffer, ptr, n), out);
    return out;
  }

  /** Reads a hyperslab's values, as stored, into the WebAssembly heap at `ptr`. */
  private readInto(
    path: string,
    dataset: Dataset,
    offset: number[],
    count: number[],
    what: string,
    ptr: number,
  ): void {
    let status: number;
    try {
      status = quiet(() =>
        this.module.get_dataset_data(
          this.file.file_id,
          dataset.path,
          count.map(BigInt),
          offset.map(BigInt),
          count.map(() => 1n),
          BigInt(ptr),
        ),
      );
    } catch (err) {
      throw this.fail(path, `HDF5 could not read ${what}${h5wasmWords(err)}; the file may be damaged.`);
    }
    if (status < 0) throw this.fail(path, `HDF5 could not read ${what}; the file may be damaged.`);
  }

  /** The scratch buffer, grown to at least `bytes`. */
  private scratchFor(bytes: number, path: string): number {
    if (this.scratch.bytes >= bytes) return this.scratch.ptr;
    if (this.scratch.ptr) this.module._free(this.scratch.ptr);
    this.scratch = { ptr: 0, bytes: 0 };
    const ptr = bytes < 2 ** 31 ? this.module._malloc(bytes) : 0;
    if (!ptr) throw this.fail(path, `HDF5's memory could not hold a read of ${bytes} bytes.`);
    this.scratch = { ptr, bytes };
    return ptr;
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
    const step = control.chunkElements ?? CHUNK_ELEMENTS;
    for (let start = 0; start < length; start += step) {
      if (control.signal?.aborted) throw abortError(this.name);
      const end = Math.min(length, start + step);
      visit(this.readRange(path, start, end), start);
      control.onProgress?.(end / length);
      if (end < length) await yieldToEventLoop();
    }
  }
}

/** In-memory bytes as a private temporary file (h5wasm's Node build opens files by path). */
async function writeTemporaryCopy(
  bytes: Uint8Array,
  name: string,
): Promise<{ path: string; tempDir: string }> {
  let tempDir: string | undefined;
  try {
    // owned: a reader killed with its file open leaves a copy as large as the upload, which the next sweeps
    tempDir = await makeOwnedTemp('tripletlens-h5-');
    const path = join(tempDir, 'upload.h5');
    await writeFile(path, bytes);
    return { path, tempDir };
  } catch (err) {
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
    const code = (err as NodeJS.ErrnoException).code ?? oneLine(err);
    throw new DataImportError(
      'unreadable',
      name,
      `a temporary copy for the HDF5 reader could not be written in ${tmpdir()} (${code}); free some disk space there or set TMPDIR.`,
    );
  }
}

/** HDF5's own filters, compiled into h5wasm: deflate (gzip), shuffle, fletcher32, szip, nbit, scaleoffset. */
const BUILT_IN_FILTERS = new Set([1, 2, 3, 4, 5, 6]);
/** HDF5's deflate (gzip) filter, and the level h5py writes when none is given. */
const DEFLATE_FILTER = 1;
const DEFAULT_GZIP_LEVEL = 4;
/** Names for the registered filters single-cell files use most. */
const KNOWN_FILTERS: Record<number, string> = {
  32000: "h5py's LZF",
  32001: 'Blosc',
  32004: 'LZ4',
  32008: 'Bitshuffle',
  32015: 'Zstandard',
};

type NumericConstructor = new (...args: [number] | [ArrayBufferLike, number, number]) => NumericArray;

/** The typed array for an HDF5 integer (class 0) or float (class 1) of `size` bytes. */
function numericAccessor(
  base: number,
  size: number,
  signed: boolean | undefined,
): NumericConstructor | undefined {
  if (base === 1) return size === 8 ? Float64Array : size === 4 ? Float32Array : undefined;
  const table: Record<number, [NumericConstructor, NumericConstructor]> = {
    1: [Int8Array, Uint8Array],
    2: [Int16Array, Uint16Array],
    4: [Int32Array, Uint32Array],
    8: [BigInt64Array, BigUint64Array],
  };
  const pair = table[size];
  return pair ? pair[signed ? 0 : 1] : undefined;
}

/** True for an IEEE half float (numpy's float16): h5wasm has no typed array for it, so it is decoded here. */
function isHalfFloat(meta: { type: number; size: number; vlen?: boolean }): boolean {
  return meta.type === 1 && meta.size === 2 && !meta.vlen;
}

/** True for h5py's boolean: an enum of FALSE = 0 and TRUE = 1. */
export function isBooleanEnum(enumType: unknown): boolean {
  const members = (enumType as { members?: Record<string, number> } | undefined)?.members;
  if (!members) return false;
  const names = Object.keys(members).sort();
  return names.length === 2 && names[0] === 'FALSE' && names[1] === 'TRUE';
}

/**
 * h5wasm's own words for a failed call, " (h5wasm: error - name not defined!)", for a maintainer: only with
 * `TRIPLETLENS_DEBUG` set, as HDF5's diagnostics (h5wasm-load.ts). They say nothing a user can act on; the
 * message around them is ours and names the file, the element and what to do.
 */
function h5wasmWords(err: unknown): string {
  return debugging() ? ` (h5wasm: ${oneLine(err)})` : '';
}

/** The first line of an error's message (h5wasm's can span an HDF5 error stack). */
function oneLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  const first = text.split('\n')[0].slice(0, 200);
  const last = lastConsoleLine();
  return /^Aborted/.test(first) && last && last !== first ? `${first}; ${last}` : first;
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
