// Draws the app icon (build/icon.png, 512×512 RGBA) with no image library: a rounded square, and the
// triplet the app is named after — an anchor with its positive close by and the negative pushed away.
// Anti-aliased by 4×4 supersampling of signed distances; encoded as PNG with node:zlib.
// Run: node scripts/make-icon.mjs   (build/icon.ico is then made from it with ImageMagick, see README)
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Buffer } from 'node:buffer';
import { deflateSync } from 'node:zlib';

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

const pixels = Buffer.alloc(SIZE * (SIZE * 4 + 1));
const S = 4;
for (let y = 0; y < SIZE; y++) {
  const row = y * (SIZE * 4 + 1);
  pixels[row] = 0; // filter: none
  for (let x = 0; x < SIZE; x++) {
    const acc = [0, 0, 0, 0];
    for (let sy = 0; sy < S; sy++) {
      for (let sx = 0; sx < S; sx++) {
        const c = sample(x + (sx + 0.5) / S, y + (sy + 0.5) / S);
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
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(pixels, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const out = join(root, 'build', 'icon.png');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, png);
console.log(`wrote ${out} (${SIZE}×${SIZE}, ${png.length} bytes)`);
