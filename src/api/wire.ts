/**
 * How EngineApi values cross HTTP (IPC uses structured clone and needs none of this).
 *
 * - Request and response bodies use a binary frame (content type `application/x-tripletlens-frame`):
 *     "TLW1" | uint32 LE length of the JSON | JSON (UTF-8) | padding to 8 | blob 0 | padding | blob 1 …
 *   where every typed array in the value is replaced in the JSON by {"$blob": index, "$type": "Float32Array"}.
 *   Uploads and coordinates therefore travel as raw bytes, not base64 or number lists. A long array of few
 *   distinct strings (a categorical column: labels, predicted classes, a joined metadata column, the split)
 *   travels as its categories and its codes — a Uint8Array up to 256 categories, else an Int32Array —,
 *   {"$strings": [...], "$codes": {"$blob": …}}, and decodes back to the same string array
 *   (`categoricalStrings`).
 * - Server-sent events are text, so events use JSON where typed arrays become {"$type": …, "$b64": base64}.
 *
 * DOM- and Node-safe (loaded by both tsconfigs): only ArrayBuffer, DataView, TextEncoder/Decoder, btoa/atob.
 */
import { CoreError } from './core-error.js';

type TypedArray = Uint8Array | Int32Array | Float32Array | Float64Array;
type TypedName = 'Uint8Array' | 'Int32Array' | 'Float32Array' | 'Float64Array';

const MAGIC = [0x54, 0x4c, 0x57, 0x31]; // "TLW1"
export const FRAME_CONTENT_TYPE = 'application/x-tripletlens-frame';

function typedName(value: unknown): TypedName | null {
  if (value instanceof Uint8Array) return 'Uint8Array';
  if (value instanceof Int32Array) return 'Int32Array';
  if (value instanceof Float32Array) return 'Float32Array';
  if (value instanceof Float64Array) return 'Float64Array';
  return null;
}

function makeTyped(name: string, buffer: ArrayBuffer, byteOffset: number, byteLength: number): TypedArray {
  // Bytes (uploads, which can be hundreds of MB) are a view into the frame, not a copy.
  if (name === 'Uint8Array') return new Uint8Array(buffer, byteOffset, byteLength);
  // Wider types are copied into a fresh, aligned buffer: a view into the frame may be misaligned.
  const bytes = new Uint8Array(buffer, byteOffset, byteLength).slice();
  switch (name) {
    case 'Int32Array':
      return new Int32Array(bytes.buffer, 0, byteLength / 4);
    case 'Float32Array':
      return new Float32Array(bytes.buffer, 0, byteLength / 4);
    case 'Float64Array':
      return new Float64Array(bytes.buffer, 0, byteLength / 8);
    default:
      throw new CoreError('bad-request', `Unknown typed array type '${name}' in message`);
  }
}

function asBytes(value: TypedArray): Uint8Array {
  return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
}

const pad8 = (n: number) => (8 - (n % 8)) % 8;

/** Arrays shorter than this travel as they are: their codes would save little. */
const CODED_MIN_LENGTH = 1024;
/** A string array is coded when its first this many strings have at most a quarter distinct... */
const CODED_PROBE = 1024;
/** ...and it has at most this many distinct strings in all (a run's ids, all distinct, never are). */
const CODED_MAX_CATEGORIES = 65536;

/**
 * `value` as its categories (in order of first appearance) and one code a string, when it is a long array of
 * strings only with few distinct ones; else null. Gives up early on an array whose start is mostly distinct.
 */
export function categoricalStrings(value: unknown): { categories: string[]; codes: Int32Array } | null {
  if (!Array.isArray(value) || value.length < CODED_MIN_LENGTH || typeof value[0] !== 'string') return null;
  const index = new Map<string, number>();
  const codes = new Int32Array(value.length);
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    if (typeof item !== 'string') return null;
    let code = index.get(item);
    if (code === undefined) {
      code = index.size;
      if (code >= CODED_MAX_CATEGORIES || (i < CODED_PROBE && code >= CODED_PROBE / 4)) return null;
      index.set(item, code);
    }
    codes[i] = code;
  }
  return { categories: [...index.keys()], codes };
}

/**
 * A value's binary frame as the parts it is made of, in order: the header and the padding as small arrays,
 * each typed array's bytes as a view of that array itself (not a copy). A server writes the parts one after
 * another, so a 1.6 GB .h5ad export is not copied once more into one frame.
 */
export function encodeFrameParts(value: unknown): { parts: Uint8Array[]; byteLength: number } {
  const blobs: TypedArray[] = [];
  const json = JSON.stringify(value === undefined ? null : value, (_key, v: unknown) => {
    const name = typedName(v);
    if (name === null) {
      const coded = categoricalStrings(v);
      if (coded === null) return v;
      // one byte a string when there are at most 256 categories (most columns), else four
      const narrow = coded.categories.length <= 256;
      blobs.push(narrow ? Uint8Array.from(coded.codes) : coded.codes);
      const $type: TypedName = narrow ? 'Uint8Array' : 'Int32Array';
      return { $strings: coded.categories, $codes: { $blob: blobs.length - 1, $type } };
    }
    blobs.push(v as TypedArray);
    return { $blob: blobs.length - 1, $type: name };
  });
  const header = new TextEncoder().encode(json);
  const head = new Uint8Array(8 + header.length + pad8(8 + header.length));
  head.set(MAGIC, 0);
  new DataView(head.buffer).setUint32(4, header.length, true);
  head.set(header, 8);
  const parts: Uint8Array[] = [head];
  let byteLength = head.length;
  for (const blob of blobs) {
    // each blob: uint32 byte length, 4 bytes reserved, bytes, padding
    const prefix = new Uint8Array(8);
    new DataView(prefix.buffer).setUint32(0, blob.byteLength, true);
    parts.push(prefix, asBytes(blob));
    const padding = pad8(blob.byteLength);
    if (padding > 0) parts.push(new Uint8Array(padding));
    byteLength += 8 + blob.byteLength + padding;
  }
  return { parts, byteLength };
}

/** Encodes a value (with typed arrays anywhere inside) as one binary frame. */
export function encodeFrame(value: unknown): Uint8Array<ArrayBuffer> {
  const { parts, byteLength } = encodeFrameParts(value);
  const out = new Uint8Array(byteLength);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Decodes a frame made by encodeFrame. Throws a readable Error on a malformed frame. */
export function decodeFrame(input: ArrayBuffer | Uint8Array): unknown {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  if (bytes.length < 8 || MAGIC.some((b, i) => bytes[i] !== b)) {
    throw new CoreError('bad-request', 'Malformed message: not a TripletLens frame');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(4, true);
  if (8 + headerLength > bytes.length)
    throw new CoreError('bad-request', 'Malformed message: truncated header');
  const json = new TextDecoder().decode(bytes.subarray(8, 8 + headerLength));
  const blobs: { offset: number; length: number }[] = [];
  let offset = 8 + headerLength + pad8(8 + headerLength);
  while (offset + 8 <= bytes.length) {
    const length = view.getUint32(offset, true);
    if (offset + 8 + length > bytes.length)
      throw new CoreError('bad-request', 'Malformed message: truncated data block');
    blobs.push({ offset: offset + 8, length });
    offset += 8 + length + pad8(length);
  }
  return restoreTyped(JSON.parse(json), (v) => {
    if ('$strings' in v && '$codes' in v) return stringsOf(v);
    if (!('$blob' in v && '$type' in v)) return undefined;
    const ref = v as { $blob: number; $type: string };
    const blob = blobs[ref.$blob];
    if (!blob) throw new CoreError('bad-request', `Malformed message: missing data block ${ref.$blob}`);
    return makeTyped(ref.$type, bytes.buffer as ArrayBuffer, bytes.byteOffset + blob.offset, blob.length);
  });
}

/** The string array of a decoded {"$strings", "$codes"} (its codes already a Uint8Array or an Int32Array). */
function stringsOf(v: object): string[] {
  const { $strings: categories, $codes: codes } = v as { $strings: unknown; $codes: unknown };
  if (!Array.isArray(categories) || !(codes instanceof Int32Array || codes instanceof Uint8Array)) {
    throw new CoreError('bad-request', 'Malformed message: a coded string array without its codes');
  }
  const out: string[] = []; // packed, as JSON.parse's arrays are (not holey: new Array(n))
  for (let i = 0; i < codes.length; i++) {
    const item: unknown = categories[codes[i]];
    if (typeof item !== 'string') {
      throw new CoreError('bad-request', 'Malformed message: a string code with no category');
    }
    out.push(item);
  }
  return out;
}

/**
 * `value` (parsed JSON) with every object that `typed` turns into a typed array replaced by it, children
 * first, in place. One walk after a plain JSON.parse rather than a reviver: JSON.parse calls a reviver for
 * every value, each string of a run's 300 000 ids, labels and splits included, which made decoding a
 * 300 000-cell run-finished event take ~3.5× as long (0.5 s against 0.14 s in Node; 1.5 s of the page's
 * thread in Chromium under load).
 */
function restoreTyped(value: unknown, typed: (v: object) => TypedArray | string[] | undefined): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (typeof item === 'object' && item !== null) value[i] = restoreTyped(item, typed);
    }
    return value;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const item = record[key];
    if (typeof item === 'object' && item !== null) record[key] = restoreTyped(item, typed);
  }
  return typed(record) ?? record;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000; // String.fromCharCode's argument count is limited
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** JSON text with typed arrays as base64 (for server-sent events). */
export function encodeJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    const name = typedName(v);
    return name === null ? v : { $type: name, $b64: toBase64(asBytes(v as TypedArray)) };
  });
}

/** Parses encodeJson's output back, restoring typed arrays. */
export function decodeJson(text: string): unknown {
  return restoreTyped(JSON.parse(text), (v) => {
    if (!('$b64' in v && '$type' in v)) return undefined;
    const ref = v as { $b64: string; $type: string };
    const bytes = fromBase64(ref.$b64);
    return makeTyped(ref.$type, bytes.buffer as ArrayBuffer, 0, bytes.byteLength);
  });
}
