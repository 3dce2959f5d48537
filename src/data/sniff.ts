/**
 * Looks at a file's first bytes to say what it is before trying to read it as text, so that a UTF-16 or
 * UTF-32 export, an Excel workbook or an .h5ad file gets a message saying what to do instead of a wall of
 * parse errors.
 */
import { shellWord } from '../util/shell-word.js';
import { tarTopFolder } from '../util/tar-archive.js';

export type ByteKind =
  'gzip' | 'text' | 'utf16' | 'utf32le' | 'utf32be' | 'xlsx-or-zip' | 'session' | 'hdf5' | 'binary';

/**
 * The name of a `.tripletlens` session's first ZIP entry: its writer always puts the manifest first
 * (src/engine/session-file.ts), so the first bytes tell a session from another ZIP.
 */
const SESSION_MANIFEST = new TextEncoder().encode('tripletlens-session.json');

/** Whether a ZIP's first local header names the session manifest. */
function isSessionZip(bytes: Uint8Array): boolean {
  const nameLength = bytes.length >= 30 ? bytes[26] | (bytes[27] << 8) : 0;
  if (nameLength !== SESSION_MANIFEST.length || bytes.length < 30 + nameLength) return false;
  return SESSION_MANIFEST.every((b, i) => bytes[30 + i] === b);
}

/** True when the bytes start with the gzip magic number (whatever the file's extension). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Classifies (decompressed) leading bytes. Looks at most at the first 8 KB. */
export function sniffBytes(bytes: Uint8Array): ByteKind {
  if (isGzip(bytes)) return 'gzip';
  // UTF-32's byte-order marks first: the little-endian one starts with UTF-16's (FF FE)
  const utf32 = sniffUtf32(bytes);
  if (utf32) return utf32;
  if (
    bytes.length >= 2 &&
    ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
  ) {
    return 'utf16';
  }
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    return isSessionZip(bytes) ? 'session' : 'xlsx-or-zip';
  }
  if (bytes.length >= 4 && bytes[0] === 0x89 && bytes[1] === 0x48 && bytes[2] === 0x44 && bytes[3] === 0x46) {
    return 'hdf5';
  }
  const n = Math.min(bytes.length, 8192);
  let zerosEven = 0;
  let zerosOdd = 0;
  let controls = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) {
      if (i % 2 === 0) zerosEven++;
      else zerosOdd++;
    } else if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) {
      controls++;
    }
  }
  // UTF-16 text without a byte-order mark: every other byte of ASCII characters is zero.
  const half = n / 2;
  if (
    n >= 4 &&
    (zerosOdd > half * 0.4 || zerosEven > half * 0.4) &&
    Math.min(zerosEven, zerosOdd) < half * 0.05
  ) {
    return 'utf16';
  }
  if (zerosEven + zerosOdd > 0 || controls > n * 0.05) return 'binary';
  return 'text';
}

/**
 * UTF-32 text, by its byte-order mark or, without one, by its zeros: a character below U+10000 has its two
 * high bytes zero (the last two of each 4 in little-endian order, the first two in big-endian), and an ASCII
 * one has a non-zero low byte.
 */
function sniffUtf32(bytes: Uint8Array): 'utf32le' | 'utf32be' | undefined {
  if (bytes.length < 4) return undefined;
  if (bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0) return 'utf32le';
  if (bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff) return 'utf32be';
  const n = Math.min(bytes.length, 8192) & ~3;
  if (n < 8) return undefined;
  const zeros = [0, 0, 0, 0];
  for (let i = 0; i < n; i++) if (bytes[i] === 0) zeros[i % 4]++;
  const chars = n / 4;
  const high = (k: number): boolean => zeros[k] > chars * 0.9;
  const low = (k: number): boolean => zeros[k] < chars * 0.05;
  const order =
    high(2) && high(3) && low(0) ? 'utf32le' : high(0) && high(1) && low(3) ? 'utf32be' : undefined;
  // an array of small int32s has the same zeros: text also has line breaks and few control characters
  return order && looksLikeText(bytes, n, order === 'utf32le') ? order : undefined;
}

/**
 * True when the first `n` bytes, read as UTF-32 code points, look like a text table: every one a Unicode scalar
 * value (no surrogate, none above U+10FFFF), under 5% control characters, and line breaks at a table's rate (one
 * in 256 characters at least) or field separators (',', tab, ';' — a wide header fills the first 2048
 * characters without a line break). A single line break is not enough: an int32 array of values 32–30 000 has
 * UTF-32's zeros and may hold one 10.
 */
function looksLikeText(bytes: Uint8Array, n: number, littleEndian: boolean): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, n);
  const chars = n / 4;
  let controls = 0;
  let breaks = 0;
  let separators = 0;
  for (let i = 0; i < n; i += 4) {
    const c = view.getUint32(i, littleEndian);
    if (c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) return false;
    if (c === 0x0a || c === 0x0d) breaks++;
    else if (c === 0x09 || c === 0x2c || c === 0x3b) separators++;
    else if (c < 0x20) controls++;
  }
  const lines = breaks > 0 && breaks >= chars / MAX_LINE_CHARS;
  return controls < chars * 0.05 && (lines || separators >= chars * 0.02);
}

/** The longest average line a table without field separators is believed to have, in characters. */
const MAX_LINE_CHARS = 256;

/** The shell command that converts `name` from `encoding` to UTF-8 (through gunzip when it is gzipped). */
function iconvCommand(encoding: string, name: string): string {
  const base = name.split(/[\\/]/).pop() ?? name;
  const plain = base.replace(/\.gz$/i, '');
  const dot = plain.lastIndexOf('.');
  const target = dot > 0 ? `${plain.slice(0, dot)}.utf8${plain.slice(dot)}` : `${plain || 'table'}.utf8.csv`;
  const source = /\.gz$/i.test(base)
    ? `gunzip -c ${shellWord(base)} | iconv -f ${encoding} -t UTF-8`
    : `iconv -f ${encoding} -t UTF-8 ${shellWord(base)}`;
  return `${source} > ${shellWord(target)}`;
}

/**
 * What to tell the user about a tar archive given as data — GEO's GSE…_RAW.tar, a Cell Ranger folder packed as
 * .tar.gz — whose first (decompressed) bytes are `head`; null when they are no ustar archive. `name`: the file's
 * name or path; `gzipped`: whether the archive was read through gunzip.
 */
export function tarArchiveWords(head: Uint8Array, name: string, gzipped: boolean): string | null {
  const top = tarTopFolder(head);
  if (top === null) return null;
  const base = shellWord(name.split(/[\\/]/).pop() ?? name);
  const extract = `tar -x${gzipped ? 'z' : ''}f ${base}${top ? `, which makes the folder ${top}` : ''}`;
  return `this is a tar archive, not a data file: extract it first (${extract}) and open the folder or file it holds.`;
}

/**
 * Whether `head` starts as R writes its data files: saveRDS's serialisation in XDR ('X\n', then the format
 * version 2 or 3 as a big-endian 4-byte integer), or save()'s .RData ('RDX2\n', 'RDX3\n'…). R compresses both
 * with gzip by default, which the reader undoes before looking.
 */
function isRData(head: Uint8Array): boolean {
  const text = new TextDecoder('latin1').decode(head.subarray(0, 5));
  if (/^RD[XBA][23]\n/.test(text)) return true;
  return (
    head.length >= 6 &&
    text.startsWith('X\n') &&
    (head[2] | head[3] | head[4]) === 0 &&
    (head[5] === 2 || head[5] === 3)
  );
}

/** What to tell a user whose data is an R data file (a Seurat object saved with saveRDS, say); null otherwise. */
export function rDataWords(head: Uint8Array): string | null {
  if (!isRData(head)) return null;
  return "this is an R data file (saveRDS or save: a Seurat or SingleCellExperiment object?), which TripletLens does not read. From R, write an .h5ad (zellkonverter::writeH5AD, or SeuratDisk's SaveH5Seurat then Convert) or a 10x folder (DropletUtils::write10xCounts) and open that.";
}

/** Names that promise an HDF5 file (AnnData, loom, Cell Ranger's .h5). */
const HDF5_NAME = /\.(h5ad|h5|hdf5|loom)$/i;

/**
 * A saved session given as data, in `side`'s words: the page is told its Open session; the command line,
 * which opens no session (train, embed and inspect read data files), where one opens and what to give it.
 */
export function sessionWords(side: 'cli' | 'app'): string {
  const what = 'this is a saved TripletLens session, not a data file';
  return side === 'app'
    ? `${what}: open it with Open session in Explore's Edit labels panel (File ▸ Open Session… in the desktop app), which shows its map again and re-opens its input.`
    : `${what}; the command line does not open sessions. Open it in the app (tripletlens serve, or the desktop app) with Open session, which shows its map again and re-opens its input; give train, embed or inspect the data file it was made from.`;
}

/**
 * What to tell the user about a file that is not UTF-8 text; `name` (the file's name or path) lets a binary
 * file named like HDF5 be called a damaged or mislabelled one. Default: no name.
 */
export function explainByteKind(kind: ByteKind, name = ''): string {
  switch (kind) {
    case 'utf16':
      return 'the file is UTF-16 text (often what Excel\'s "Unicode text" export writes). Save it as "CSV UTF-8" or as tab-separated UTF-8 text and import that.';
    case 'utf32le':
    case 'utf32be': {
      const encoding = kind === 'utf32le' ? 'UTF-32LE' : 'UTF-32BE';
      return `the file is UTF-32 text (${kind === 'utf32le' ? 'little' : 'big'}-endian, ${encoding}); TripletLens reads UTF-8. Convert it, e.g. with iconv: ${iconvCommand(encoding, name)}, or save it as "CSV UTF-8" in a spreadsheet or text editor, and import that.`;
    }
    case 'xlsx-or-zip':
      return 'this is an Excel workbook or a zip archive, not a text table. Open it and save the sheet as CSV (UTF-8), or unzip it first.';
    case 'session':
      // File ▸ Open… (or Import) given what Open session opens: name that action, not unzipping; the command
      // line opens no session, so it is told where one opens (sessionWords)
      return sessionWords('app');
    case 'hdf5':
      // an uncompressed HDF5 file goes to the HDF5 reader (formats/detect.ts); one inside gzip lands here
      if (/\.gz$/i.test(name))
        return `this is a gzip-compressed HDF5 file (.h5ad, .h5, .loom): TripletLens reads these uncompressed. Decompress it first (gunzip ${name.split(/[\\/]/).pop() ?? name}) and open the result.`;
      return 'this is an HDF5 file (.h5ad, .loom or Cell Ranger .h5), not a text table. TripletLens opens it as the expression file; only a text table can be read here.';
    case 'gzip':
      // what the text reader sees after one gunzip: the content is gzip again
      return `the file is gzip-compressed twice (a .gz inside a .gz). Decompress it once (gunzip ${name.split(/[\\/]/).pop() ?? name}) and open the result.`;
    case 'binary':
      // HDF5 files are detected by their signature before the text reader runs: this one has none
      return HDF5_NAME.test(name)
        ? 'this file is named like an HDF5 file (.h5ad, .h5, .loom) but does not start with the HDF5 signature: it is damaged, cut at the start, or not what its name says. Copy or export it again.'
        : 'this is not a file TripletLens reads (it contains binary bytes): comma-, tab- or semicolon-separated text (optionally .gz), AnnData .h5ad, .loom, a Cell Ranger .h5 or folder, or MatrixMarket .mtx.';
    default:
      return '';
  }
}
