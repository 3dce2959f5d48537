/**
 * Turns a data source (a path or bytes in memory, gzip-compressed or not) into a stream of decoded UTF-8
 * text chunks, about 256 KB each, without ever holding the whole file. Reports progress as the fraction of the
 * source's bytes consumed and honours an AbortSignal between chunks.
 */
import { createReadStream, type Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Readable, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { DataImportError, abortError } from './errors.js';
import type { DataSource } from './options.js';
import { explainByteKind, isGzip, rDataWords, sessionWords, sniffBytes, tarArchiveWords } from './sniff.js';
import { refusalInWords } from './setting-words.js';

/**
 * Bytes read from disk (or sliced from memory) at a time. 256 KB measured fastest on a 100 MB table (CPU
 * time 1.55 s against 2.0 s at 1 MB and 2.5 s at 4 MB): a chunk's field strings then die young instead of
 * surviving into the old generation of the garbage collector.
 */
export const CHUNK_BYTES = 1 << 18;

/** Running totals of a text stream, updated as it is read (used to estimate a file's row count). */
export interface SourceStats {
  totalBytes: number;
  consumedBytes: number;
  decodedChars: number;
}

export interface TextStreamOptions {
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
  /** Filled in while reading. */
  stats?: SourceStats;
  /** Bytes read at a time. Default CHUNK_BYTES (256 KiB); tests use tiny values to exercise chunk edges. */
  chunkBytes?: number;
}

/** Why a file cannot be read, by errno code, in words; other codes are given as they are. */
const READ_REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOTDIR: 'a part of its path is a file, not a folder',
  ELOOP: 'its path has too many levels of symbolic links (a link pointing at itself?)',
  ENAMETOOLONG: 'its path is too long',
  EIO: 'an input/output error (is the disk still connected?)',
};

/** Why a path cannot be read, by errno code: 'permission denied' — or, for a code without words, the code. */
export function readFailureReason(code: string): string {
  return READ_REASONS[code] ?? code;
}

/** "cannot read the file: permission denied." — or, for a code without words, "cannot read the file (EXDEV)." */
function cannotRead(code: string): string {
  const reason = READ_REASONS[code];
  return reason === undefined ? `cannot read the file (${code}).` : `cannot read the file: ${reason}.`;
}

/** The name errors and tables use for a source. */
export function sourceName(source: DataSource): string {
  return typeof source === 'string' ? source : source.name;
}

/**
 * Throws unless `path` is a regular file (or a folder, which the folder readers take): a FIFO, a socket or a
 * device such as /dev/zero has no size and may never end or never start, so it is refused before it is
 * opened (opening a FIFO blocks until someone writes to it).
 */
export async function assertRegularFile(path: string): Promise<Stats> {
  let info: Stats;
  try {
    info = await stat(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new DataImportError('not-found', path, 'no such file. Check the path.');
    throw new DataImportError('unreadable', path, cannotRead(code ?? String(err)));
  }
  if (info.isFile() || info.isDirectory()) return info;
  const what = info.isFIFO()
    ? 'a named pipe (FIFO)'
    : info.isSocket()
      ? 'a socket'
      : info.isCharacterDevice() || info.isBlockDevice()
        ? 'a device'
        : 'not a file';
  throw new DataImportError(
    'not-a-regular-file',
    path,
    `this is ${what}, not a regular file, so its size is unknown and it may never end. Save the data to a file (e.g. command > table.csv) and import that.`,
  );
}

async function sourceSize(source: DataSource): Promise<number> {
  if (typeof source !== 'string') return source.bytes.length;
  try {
    const info = await assertRegularFile(source);
    if (info.isDirectory()) {
      throw new DataImportError('unreadable', source, 'this is a folder, not a file.');
    }
    return info.size;
  } catch (err) {
    if (err instanceof DataImportError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new DataImportError('not-found', source, 'no such file. Check the path.');
    throw new DataImportError('unreadable', source, cannotRead(code ?? String(err)));
  }
}

function* memorySlices(bytes: Uint8Array, size: number): Generator<Uint8Array> {
  for (let offset = 0; offset < bytes.length; offset += size) {
    yield bytes.subarray(offset, Math.min(bytes.length, offset + size));
  }
}

async function leadingBytes(source: DataSource): Promise<Uint8Array> {
  if (typeof source !== 'string') return source.bytes.subarray(0, 2);
  const handle = await open(source, 'r');
  try {
    const buffer = new Uint8Array(2);
    const { bytesRead } = await handle.read(buffer, 0, 2, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function rawStream(source: DataSource, size: number): Readable {
  if (typeof source === 'string') return createReadStream(source, { highWaterMark: size });
  return Readable.from(memorySlices(source.bytes, size), { objectMode: false });
}

/** Index of the first byte that cannot start or continue valid UTF-8 (an unfinished tail is not invalid). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const length =
      b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (length === 0) return i;
    for (let k = 1; k < length; k++) {
      if (i + k >= bytes.length) return -1;
      if ((bytes[i + k] & 0xc0) !== 0x80) return i;
    }
    i += length;
  }
  return -1;
}

function newlineBytesBefore(bytes: Uint8Array, end: number): number {
  let count = 0;
  for (let i = 0; i < end; i++) if (bytes[i] === 0x0a) count++;
  return count;
}

function newlinesIn(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/**
 * Yields the source's text in chunks. A UTF-8 byte-order mark is removed; UTF-16, UTF-32, binary, Excel, HDF5
 * and invalid UTF-8 content raise a DataImportError saying what the file is and how to convert it.
 */
export async function* readSourceText(
  source: DataSource,
  options: TextStreamOptions = {},
): AsyncGenerator<string, void, undefined> {
  const file = sourceName(source);
  const { signal, onProgress } = options;
  const stats = options.stats ?? { totalBytes: 0, consumedBytes: 0, decodedChars: 0 };
  if (signal?.aborted) throw abortError(file);
  const total = await sourceSize(source);
  stats.totalBytes = total;
  if (total === 0) throw new DataImportError('empty-file', file, 'the file is empty (0 bytes).');

  let gzip: boolean;
  try {
    gzip = isGzip(await leadingBytes(source));
  } catch (err) {
    throw mapReadError(file, err);
  }
  let consumed = 0;
  const chunkBytes = Math.max(64, options.chunkBytes ?? CHUNK_BYTES);
  const raw = rawStream(source, chunkBytes);
  async function* counted(): AsyncGenerator<Uint8Array> {
    for await (const chunk of raw as AsyncIterable<Uint8Array>) {
      if (!gzip) {
        consumed += chunk.length;
        stats.consumedBytes = consumed;
      }
      yield chunk;
    }
  }
  const gunzip = gzip ? createGunzip({ chunkSize: chunkBytes }) : undefined;
  const gunzipped = gunzip ? pipeline(Readable.from(counted()), gunzip, () => undefined) : undefined;
  const stream: AsyncIterable<Uint8Array> = gunzipped ?? counted();

  const decoder = new TextDecoder('utf-8', { fatal: true });
  let checked = false;
  let linesSoFar = 0;
  try {
    for await (const chunk of stream) {
      if (signal?.aborted) throw abortError(file);
      if (!checked) {
        checked = true;
        const kind = sniffBytes(chunk.subarray(0, 8192));
        if (kind !== 'text') {
          const errorKind =
            kind === 'utf16' ? 'utf16' : kind === 'utf32le' || kind === 'utf32be' ? 'utf32' : 'binary';
          if (kind === 'session')
            throw refusalInWords(errorKind, file, (side) => sessionWords(side === 'app' ? 'app' : 'cli'));
          // binary bytes of a known kind: an archive to extract (GEO's GSE…_RAW.tar, a packed 10x folder), an
          // R object saved with saveRDS
          const known = kind === 'binary' ? (tarArchiveWords(chunk, file, gzip) ?? rDataWords(chunk)) : null;
          throw new DataImportError(errorKind, file, known ?? explainByteKind(kind, file));
        }
      }
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        throw new DataImportError(
          'encoding',
          file,
          'the text is not valid UTF-8 (perhaps Latin-1 or Windows-1252, e.g. from an old Excel). Save the file as "CSV UTF-8" and import it again.',
          { line: linesSoFar + 1 + newlineBytesBefore(chunk, Math.max(0, firstInvalidUtf8(chunk))) },
        );
      }
      // Compressed bytes the decompressor has used, not those read ahead into its buffers: this keeps the
      // decompression ratio, and the row estimates made from it, right from the first chunk (a gzip bomb).
      if (gunzip) {
        consumed = Math.min(total, gunzip.bytesWritten);
        stats.consumedBytes = consumed;
      }
      linesSoFar += newlinesIn(text);
      stats.decodedChars += text.length;
      if (text.length > 0) yield text;
      onProgress?.(Math.min(1, consumed / total));
    }
    let tail: string;
    try {
      tail = decoder.decode();
    } catch {
      throw new DataImportError('encoding', file, 'the file ends in the middle of a UTF-8 character.', {
        line: linesSoFar + 1,
      });
    }
    if (tail.length > 0) yield tail;
    if (signal?.aborted) throw abortError(file);
  } catch (err) {
    throw mapReadError(file, err);
  } finally {
    gunzipped?.destroy();
    raw.destroy();
  }
}

function mapReadError(file: string, err: unknown): DataImportError {
  if (err instanceof DataImportError) return err;
  const code = (err as NodeJS.ErrnoException | undefined)?.code ?? '';
  const message = err instanceof Error ? err.message : String(err);
  if (code.startsWith('Z_') || /unexpected end of file|incorrect header check|invalid/i.test(message)) {
    return new DataImportError(
      'gzip',
      file,
      `the gzip-compressed data is damaged or cut short (${message}). Download or copy the file again.`,
    );
  }
  return new DataImportError('unreadable', file, cannotRead(code || message));
}
