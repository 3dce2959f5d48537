/**
 * A folder packed as an uncompressed POSIX (ustar) tar archive, for downloading a model folder from the
 * browser. Tar rather than zip because it needs no compression library and every OS can unpack it. The
 * reading side is only what a message needs: the folder an archive's first entry unpacks into.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { CoreError } from '../api/core-error.js';

const BLOCK = 512;

function writeString(header: Uint8Array, offset: number, length: number, text: string): void {
  const bytes = new TextEncoder().encode(text);
  if (bytes.length > length) throw new CoreError('internal', `Tar field too long: '${text}'`);
  header.set(bytes, offset);
}

function writeOctal(header: Uint8Array, offset: number, length: number, value: number): void {
  writeString(header, offset, length, `${value.toString(8).padStart(length - 1, '0')}\0`);
}

/** Splits a path into ustar's name (≤ 100 bytes) and prefix (≤ 155 bytes) fields. */
function splitName(path: string): { name: string; prefix: string } {
  if (Buffer.byteLength(path) <= 100) return { name: path, prefix: '' };
  for (let i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
    const prefix = path.slice(0, i);
    const name = path.slice(i + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(name) <= 100) return { name, prefix };
  }
  throw new CoreError('bad-request', `Path too long for a tar archive: ${path}`);
}

function header(path: string, size: number, type: '0' | '5', mtime: number): Uint8Array {
  const block = new Uint8Array(BLOCK);
  const { name, prefix } = splitName(path);
  writeString(block, 0, 100, name);
  writeOctal(block, 100, 8, type === '5' ? 0o755 : 0o644);
  writeOctal(block, 108, 8, 0);
  writeOctal(block, 116, 8, 0);
  writeOctal(block, 124, 12, size);
  writeOctal(block, 136, 12, Math.floor(mtime / 1000));
  block.fill(0x20, 148, 156); // the checksum is computed with its own field as spaces
  block[156] = type.charCodeAt(0);
  writeString(block, 257, 6, 'ustar\0');
  writeString(block, 263, 2, '00');
  writeString(block, 345, 155, prefix);
  let sum = 0;
  for (const byte of block) sum += byte;
  writeString(block, 148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
  return block;
}

/** Packs `dir` (recursively, files and folders, sorted) under the top-level folder name `top`. */
export async function tarDirectory(dir: string, top: string): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  const walk = async (abs: string, rel: string) => {
    const info = await stat(abs);
    parts.push(header(`${rel}/`, 0, '5', info.mtimeMs));
    for (const entry of (await readdir(abs, { withFileTypes: true })).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      const childAbs = join(abs, entry.name);
      const childRel = `${rel}/${entry.name}`;
      if (entry.isDirectory()) await walk(childAbs, childRel);
      else if (entry.isFile()) {
        const data = await readFile(childAbs);
        parts.push(header(childRel, data.length, '0', (await stat(childAbs)).mtimeMs));
        parts.push(data);
        const pad = (BLOCK - (data.length % BLOCK)) % BLOCK;
        if (pad) parts.push(new Uint8Array(pad));
      }
    }
  };
  await walk(dir, top);
  parts.push(new Uint8Array(2 * BLOCK)); // end-of-archive marker
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/**
 * The folder a ustar archive unpacks into, from its first 512-byte header: the first part of the first
 * entry's path (name, with the prefix field when set), without the './' that `tar -C dir .` puts before
 * each path. '' when the entries sit at the top ('./' itself, or a file); null when `block` is no ustar
 * header.
 */
export function tarTopFolder(block: Uint8Array): string | null {
  const decoder = new TextDecoder();
  if (block.length < BLOCK || decoder.decode(block.subarray(257, 262)) !== 'ustar') return null;
  const field = (from: number, length: number) =>
    decoder.decode(block.subarray(from, from + length)).replace(/\0.*$/s, '');
  const prefix = field(345, 155);
  const path = (prefix ? `${prefix}/${field(0, 100)}` : field(0, 100)).replace(/^(\.\/+)+/, '');
  const slash = path.indexOf('/');
  // a path without '/' is a file at the top (a directory entry ends with '/')
  return slash < 0 ? '' : path.slice(0, slash);
}
