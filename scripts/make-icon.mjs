// Draws the app icon with no image library: a rounded square, and the triplet the app is named after — an
// anchor with its positive close by and the negative pushed away. Anti-aliased by 4×4 supersampling;
// encoded as PNG with node:zlib. Writes build/icon.png (512×512, Linux and the window), build/icon.ico
// (16–256 px, Windows) and build/icon.icns (128–512 px, macOS); ICO and ICNS simply hold PNGs.
// Run: node scripts/make-icon.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Buffer } from 'node:buffer';
import { deflateSync } from 'node:zlib';

/** The drawing's own coordinate system; other sizes are scaled from it. */
const SIZE = 512;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const mix = (a, b, t) => a.map((v, i) => v + (b[i] - v) * t);
const segment = (px, py, ax, ay, bx, by) => {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
};

const anchor = [200, 300];
const positive = [300, 215];
const negative = [395, 395];
const dots = [
  { at: anchor, r: 46, color: [255, 255, 255] },
  { at: positive, r: 40, color: [134, 239, 172] },
  { at: negative, r: 40, color: [253, 164, 175] },
];

/** The colour (RGBA, 0–255) at one sample point. */
function sample(x, y) {
  // rounded square, 24 px margin, 96 px corner radius
  const half = SIZE / 2 - 24;
  const qx = Math.abs(x - SIZE / 2) - (half - 96);
  const qy = Math.abs(y - SIZE / 2) - (half - 96);
  const box = Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - 96;
  if (box > 0) return [0, 0, 0, 0];
  let rgb = mix([37, 99, 235], [79, 70, 229], (x + y) / (2 * SIZE)); // blue → indigo diagonal
  // the pull (anchor–positive, solid) and the push (anchor–negative, dashed)
  if (segment(x, y, ...anchor, ...positive) < 9) rgb = [255, 255, 255];
  const along = Math.hypot(x - anchor[0], y - anchor[1]);
  if (segment(x, y, ...anchor, ...negative) < 7 && Math.floor(along / 26) % 2 === 0) rgb = [226, 232, 240];
  for (const d of dots) if (Math.hypot(x - d.at[0], y - d.at[1]) < d.r) rgb = d.color;
  return [...rgb, 255];
}

/** The icon as PNG scanlines (filter byte + RGBA per row) at `size` × `size`. */
function render(size) {
  const scale = SIZE / size;
  const pixels = Buffer.alloc(size * (size * 4 + 1));
  const S = 4;
  for (let y = 0; y < size; y++) {
    const row = y * (size * 4 + 1);
    pixels[row] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const c = sample((x + (sx + 0.5) / S) * scale, (y + (sy + 0.5) / S) * scale);
          // premultiplied accumulation so transparent samples do not darken the edge
          for (let i = 0; i < 3; i++) acc[i] += (c[i] * c[3]) / 255;
          acc[3] += c[3];
        }
      }
      const a = acc[3] / (S * S);
      const o = row + 1 + x * 4;
      for (let i = 0; i < 3; i++) pixels[o + i] = a > 0 ? Math.round((acc[i] / (S * S)) * (255 / a)) : 0;
      pixels[o + 3] = Math.round(a);
    }
  }
  return pixels;
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};
/** A complete PNG file of the icon at `size`. */
function png(size) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(render(size), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Windows .ico holding PNG images (supported since Vista); a width/height byte of 0 means 256. */
function ico(images) {
  const head = Buffer.alloc(6);
  head.writeUInt16LE(1, 2); // type: icon
  head.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, data }) => {
    const e = Buffer.alloc(16);
    e[0] = size >= 256 ? 0 : size;
    e[1] = size >= 256 ? 0 : size;
    e.writeUInt16LE(1, 4); // colour planes
    e.writeUInt16LE(32, 6); // bits per pixel
    e.writeUInt32LE(data.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += data.length;
    return e;
  });
  return Buffer.concat([head, ...entries, ...images.map((i) => i.data)]);
}

/** macOS .icns holding PNG images: ic07 = 128, ic08 = 256, ic09 = 512 px. */
function icns(images) {
  const types = { 128: 'ic07', 256: 'ic08', 512: 'ic09' };
  const entries = images.map(({ size, data }) => {
    const h = Buffer.alloc(8);
    h.write(types[size], 0, 'ascii');
    h.writeUInt32BE(data.length + 8, 4);
    return Buffer.concat([h, data]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + entries.reduce((n, e) => n + e.length, 0), 4);
  return Buffer.concat([head, ...entries]);
}

const images = new Map([16, 24, 32, 48, 64, 128, 256, 512].map((size) => [size, png(size)]));
const pick = (sizes) => sizes.map((size) => ({ size, data: images.get(size) }));
const outputs = {
  'icon.png': images.get(512),
  'icon.ico': ico(pick([16, 24, 32, 48, 64, 128, 256])),
  'icon.icns': icns(pick([128, 256, 512])),
};
mkdirSync(join(root, 'build'), { recursive: true });
for (const [name, data] of Object.entries(outputs)) {
  writeFileSync(join(root, 'build', name), data);
  console.log(`wrote build/${name} (${data.length} bytes)`);
}
