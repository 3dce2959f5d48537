/**
 * The size guard of import: before a dense matrix is allocated, and again while its rows stream in, the
 * memory the import will need is estimated and compared with the memory this process may use, so a table
 * too large for the machine stops with a message instead of swapping for minutes or being killed.
 */
import { readFileSync } from 'node:fs';
import { freemem } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import type { ErrorLocation } from './errors.js';
import { refusalInWords, type SettingSide } from './setting-words.js';
import { countText } from '../api/count-text.js';

/** How much memory an import may use, and how that figure was found (quoted in the message). */
export interface MemoryLimit {
  bytes: number;
  /** E.g. 'the free system memory', or 'set with --max-memory' (the CLI's words for a limit the user set). */
  how: string;
  /** A limit the user set: the page is told it was set as TripletLens started, not the CLI's flag. */
  given?: boolean;
}

/** Where the available memory is read from; tests inject their own. */
export interface MemoryProbe {
  freeBytes(): number;
  /** A file's text, or undefined when it does not exist (cgroup files). */
  readText(path: string): string | undefined;
}

const NODE_PROBE: MemoryProbe = {
  freeBytes: () => freemem(),
  readText: (path) => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  },
};

/** cgroup v2 then v1 files: the container's limit and its current usage. */
const CGROUP_FILES: readonly [limit: string, usage: string][] = [
  ['/sys/fs/cgroup/memory.max', '/sys/fs/cgroup/memory.current'],
  ['/sys/fs/cgroup/memory/memory.limit_in_bytes', '/sys/fs/cgroup/memory/memory.usage_in_bytes'],
];

/** A cgroup limit at or above this means "no limit" (v1 writes 2⁶³ rounded to a page). */
const UNLIMITED = 2 ** 60;

/**
 * The memory an import may use by default: the system's available memory (os.freemem, which is Linux's
 * MemAvailable), or the room left under the container's cgroup limit when that is smaller.
 */
export function availableMemory(probe: MemoryProbe = NODE_PROBE): MemoryLimit {
  let best: MemoryLimit = { bytes: probe.freeBytes(), how: 'the free system memory' };
  for (const [limitFile, usageFile] of CGROUP_FILES) {
    const limitText = probe.readText(limitFile)?.trim();
    if (limitText === undefined) continue;
    const limit = Number(limitText);
    if (limitText === 'max' || !Number.isFinite(limit) || limit >= UNLIMITED) break;
    const usage = Number(probe.readText(usageFile)?.trim() ?? 0) || 0;
    const room = Math.max(0, limit - usage);
    if (room < best.bytes) {
      best = {
        bytes: room,
        how: `the room left under this container's memory limit of ${formatBytes(limit)}`,
      };
    }
    break;
  }
  return best;
}

const UNITS: Record<string, number> = { '': 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40 };

/**
 * A memory size as people write it: '8G', '512M', '1.5GB', '64k', '2TiB' (binary multiples) or plain bytes.
 * Undefined when the text is not such a size or is not positive.
 */
export function parseMemorySize(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?\s*$/i.exec(text);
  if (!match) return undefined;
  const bytes = Math.round(Number(match[1]) * UNITS[match[2].toLowerCase()]);
  return bytes > 0 && Number.isFinite(bytes) ? bytes : undefined;
}

/** Bytes for people: '812 MB', '3.4 GB', '1.6 MB' (binary multiples; one decimal from GB up and below 10 MB). */
export function formatBytes(bytes: number): string {
  if (bytes >= 2 ** 30) return `${(bytes / 2 ** 30).toFixed(1)} GB`;
  if (bytes >= 10 * 2 ** 20) return `${Math.round(bytes / 2 ** 20)} MB`;
  if (bytes >= 2 ** 20) return `${(bytes / 2 ** 20).toFixed(1)} MB`;
  if (bytes >= 2 ** 10) return `${Math.round(bytes / 2 ** 10)} KB`;
  return `${bytes} bytes`;
}

/** The V8 cost of one short string kept per row (header, array slot and rounding), beside its characters. */
const STRING_OVERHEAD_BYTES = 64;

/** Share of the JavaScript heap's free room the kept ids and labels may take (parsing needs the rest). */
const HEAP_SHARE = 0.75;

/** What a text import keeps per row, in bytes. */
export interface RowCost {
  /** Everything: the matrix row (held twice at the peak) and the strings. */
  total: number;
  /** The id and metadata strings, which live on the JavaScript heap. */
  text: number;
}

/** The cost of a row of `genes` values and `stringColumns` kept strings of `averageStringChars` each. */
export function rowCost(genes: number, stringColumns: number, averageStringChars: number): RowCost {
  const text = stringColumns * (STRING_OVERHEAD_BYTES + averageStringChars);
  // The float32 matrix is held twice at its peak: while it grows, and when it is trimmed to size.
  return { total: genes * 4 * 2 + text, text };
}

/** Bytes the JavaScript heap can still grow by before Node stops with "heap out of memory". */
export function heapRoom(): number {
  const heap = getHeapStatistics();
  return heap.heap_size_limit - heap.used_heap_size;
}

/**
 * The end of every 'too-large' message in `side`'s words: the limit, where it came from, and what the user can
 * do — on the command line `--max-memory`; on the page the setting the app started with (the desktop app's
 * TRIPLETLENS_MAX_MEMORY, serve's --max-memory), which no field of the page changes.
 */
function overLimit(limit: MemoryLimit, side: SettingSide): string {
  const how = limit.given === true && side === 'app' ? 'set as TripletLens started' : limit.how;
  const raise =
    side === 'app'
      ? 'raise the limit (start the desktop app with TRIPLETLENS_MAX_MEMORY=16G, or tripletlens serve with --max-memory 16G)'
      : 'raise the limit with --max-memory SIZE (e.g. --max-memory 16G)';
  return `more than the limit of ${formatBytes(limit.bytes)} (${how}). Free memory or use a larger machine, select fewer cells or genes first, or ${raise} if you know it fits.`;
}

/** Checks estimated row counts against the limits; throws a 'too-large' DataImportError when they do not fit. */
export class MemoryGuard {
  private readonly file: string;
  private readonly limit: MemoryLimit;
  private readonly genes: number;
  private readonly rowNoun: string;
  private readonly cost: RowCost;
  private readonly heapBytes: number;

  /**
   * @param genes values per row of the matrix
   * @param options.rowNoun what a file row is in messages: 'cells' (default) or 'genes' (a transposed file)
   * @param options.heapBytes room left on the JavaScript heap; default heapRoom() now
   */
  constructor(
    file: string,
    limit: MemoryLimit,
    genes: number,
    cost: RowCost,
    options: { rowNoun?: string; heapBytes?: number } = {},
  ) {
    this.file = file;
    this.rowNoun = options.rowNoun ?? 'cells';
    this.limit = limit;
    this.genes = genes;
    this.cost = cost;
    this.heapBytes = options.heapBytes ?? heapRoom();
  }

  /**
   * Throws when `rows` rows do not fit.
   * @param rows the estimated (or, while reading, projected) number of rows of the whole file
   * @param line while reading: the line reached, quoted in the message
   */
  check(rows: number, line?: number): void {
    const n = Math.ceil(rows);
    const need = n * this.cost.total;
    const text = n * this.cost.text;
    const heap = this.heapBytes * HEAP_SHARE;
    if (need <= this.limit.bytes && text <= heap) return;
    const when =
      line === undefined
        ? 'estimated from the header and the file size before reading'
        : `projected from the rows read so far; stopped at line ${line}, nothing was loaded`;
    const columnNoun = this.rowNoun === 'genes' ? 'samples' : 'genes';
    const size = `about ${countText(n)} ${this.rowNoun} × ${countText(this.genes)} ${columnNoun} (${when})`;
    const detail = (side: SettingSide): string =>
      need > this.limit.bytes
        ? `${size} need about ${formatBytes(need)} to import (a ${formatBytes(n * this.genes * 4)} float32 matrix, held twice while it is read, plus ids and metadata), ${overLimit(this.limit, side)}`
        : `${size} have about ${formatBytes(text)} of ids and metadata text, more than the ${formatBytes(heap)} the JavaScript heap has room for. Drop unneeded text columns, or raise Node's heap limit (NODE_OPTIONS=--max-old-space-size=MB).`;
    throw refusalInWords(
      'too-large',
      this.file,
      (side) => `too large for the memory available: ${detail(side)}`,
      line === undefined ? {} : { line },
    );
  }
}

/** The limit for an import: the caller's, or the available memory. */
export function memoryLimitFor(maxMemoryBytes: number | undefined, probe?: MemoryProbe): MemoryLimit {
  if (maxMemoryBytes !== undefined) {
    return { bytes: maxMemoryBytes, how: 'set with --max-memory', given: true };
  }
  return availableMemory(probe);
}

/** Bytes of a CSR matrix: a 4-byte value and a 4-byte column index per non-zero, an 8-byte pointer per row. */
export function csrBytes(rows: number, nonZeros: number): number {
  return nonZeros * 8 + (rows + 1) * 8;
}

/** Bytes of a dense float32 matrix. */
export function denseBytes(rows: number, cols: number): number {
  return rows * cols * 4;
}

/** What a reader of a structured file (HDF5, MatrixMarket) is about to allocate, known before it does. */
export interface MatrixNeed {
  cells: number;
  genes: number;
  /** Stored non-zeros of a sparse matrix; undefined for a dense one. */
  nonZeros?: number;
  /** The bytes needed at the read's peak. */
  bytes: number;
  /** What the bytes are, e.g. 'a CSR matrix of 4 B value + 4 B index per non-zero and 8 B per cell'. */
  detail: string;
  /** How the sizes are known, e.g. 'from the HDF5 dataset shapes, before reading'. */
  when: string;
}

/**
 * The memory guard of the HDF5 and MatrixMarket readers: the same limit, message and kind ('too-large') as
 * the text reader's MemoryGuard, for a matrix whose size the file states before any value is read.
 * @param where the HDF5 dataset or the MatrixMarket line the sizes were read from
 */
export function checkMatrixMemory(
  file: string,
  limit: MemoryLimit,
  need: MatrixNeed,
  where: ErrorLocation = {},
): void {
  if (need.bytes <= limit.bytes) return;
  const count = countText;
  const stored = need.nonZeros === undefined ? '' : ` with ${count(need.nonZeros)} non-zeros`;
  const size = `${count(need.cells)} cells × ${count(need.genes)} genes${stored} (${need.when})`;
  throw refusalInWords(
    'too-large',
    file,
    (side) =>
      `too large for the memory available: ${size} need about ${formatBytes(need.bytes)} to import (${need.detail}), ${overLimit(limit, side)}`,
    where,
  );
}
