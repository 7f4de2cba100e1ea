// Draws the extension's icon (images/icon.png, 256×256) with no image library: shapes as signed
// distance functions, 4×4 supersampling for smooth edges, written as a PNG with node:zlib.
// A navy rounded square, a pair of white quotation marks, a green check mark.
// Usage: node scripts/draw-icon.mjs [OUT.png] [SIZE]
import { writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { deflateSync } from "node:zlib";

const out = process.argv[2] ?? "images/icon.png";
const SIZE = Number(process.argv[3] ?? 256);
const S = SIZE / 128; // shapes are drawn on a 128-unit grid

const NAVY = [31, 58, 95];
const WHITE = [255, 255, 255];
const GREEN = [63, 185, 80];

function roundedBox(x, y, cx, cy, hw, hh, r) {
  const qx = Math.abs(x - cx) - hw + r;
  const qy = Math.abs(y - cy) - hh + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}
function circle(x, y, cx, cy, r) {
  return Math.hypot(x - cx, y - cy) - r;
}
function capsule(x, y, ax, ay, bx, by, r) {
  const px = x - ax,
    py = y - ay,
    dx = bx - ax,
    dy = by - ay;
  const h = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - dx * h, py - dy * h) - r;
}
/** An opening quotation mark ("6" shape): a dot with a tail rising to the upper right. */
function quoteMark(x, y, cx, cy) {
  return Math.min(circle(x, y, cx, cy, 11), capsule(x, y, cx - 8, cy - 4, cx + 4, cy - 24, 5));
}
/** [color, distance] layers, last on top. */
function layers(x, y) {
  return [
    [NAVY, roundedBox(x, y, 64, 64, 60, 60, 22)],
    [WHITE, Math.min(quoteMark(x, y, 36, 58), quoteMark(x, y, 68, 58))],
    [GREEN, Math.min(capsule(x, y, 62, 92, 76, 106, 7), capsule(x, y, 76, 106, 108, 70, 7))],
  ];
}

const px = Buffer.alloc(SIZE * SIZE * 4);
const N = 4;
for (let j = 0; j < SIZE; j++) {
  for (let i = 0; i < SIZE; i++) {
    let r = 0,
      g = 0,
      b = 0,
      a = 0;
    for (let sj = 0; sj < N; sj++) {
      for (let si = 0; si < N; si++) {
        const x = (i + (si + 0.5) / N) / S;
        const y = (j + (sj + 0.5) / N) / S;
        let c = null;
        for (const [color, d] of layers(x, y)) if (d <= 0) c = color;
        if (c) {
          r += c[0];
          g += c[1];
          b += c[2];
          a += 1;
        }
      }
    }
    const o = (j * SIZE + i) * 4;
    // Premultiplied sums back to straight alpha.
    px[o] = a ? Math.round(r / a) : 0;
    px[o + 1] = a ? Math.round(g / a) : 0;
    px[o + 2] = a ? Math.round(b / a) : 0;
    px[o + 3] = Math.round((255 * a) / (N * N));
  }
}

function crc32(buf) {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(SIZE, 0);
ihdr.writeUInt32BE(SIZE, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let j = 0; j < SIZE; j++) px.copy(raw, j * (SIZE * 4 + 1) + 1, j * SIZE * 4, (j + 1) * SIZE * 4);
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk("IHDR", ihdr),
  chunk("IDAT", deflateSync(raw, { level: 9 })),
  chunk("IEND", Buffer.alloc(0)),
]);
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, png);
console.log(`draw-icon: ${out} (${SIZE}×${SIZE}, ${png.length} bytes)`);
