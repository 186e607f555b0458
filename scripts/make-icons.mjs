// Draws icons/icon-{16,32,48,128}.png: a radar sweep over a certificate seal, on a dark rounded square,
// simple enough to read at 16 px. Run once when the design changes; the PNGs are committed.
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';

function crc32(buf) {
  let c,
    crc = 0xffffffff;
  for (let n = 0; n < buf.length; n++) {
    c = (crc ^ buf[n]) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// Colour of a point in unit space [0,1]², or null (transparent).
function shade(x, y, size) {
  const r = 0.2; // corner radius
  const inRect = (px, py) => {
    const cx = Math.min(Math.max(px, r), 1 - r),
      cy = Math.min(Math.max(py, r), 1 - r);
    return (px - cx) ** 2 + (py - cy) ** 2 <= r * r;
  };
  if (!inRect(x, y)) return null;
  const bg = [18, 53, 91];
  const dx = x - 0.5,
    dy = y - 0.5,
    d = Math.hypot(dx, dy);
  const ang = Math.atan2(dy, dx); // -π..π, 0 = east
  const ring = size <= 16 ? 0.08 : 0.055;
  // Sweep wedge: from north-east going clockwise 70°, fading.
  const start = -Math.PI / 2,
    span = (70 * Math.PI) / 180;
  let rel = ang - start;
  if (rel < 0) rel += 2 * Math.PI;
  if (d < 0.36 && rel < span) {
    const a = 0.85 * (1 - rel / span) + 0.15;
    return mix(bg, [82, 214, 160], a);
  }
  if (Math.abs(d - 0.36) < ring / 2) return [235, 244, 255];
  if (size > 16 && Math.abs(d - 0.2) < ring / 3) return mix(bg, [235, 244, 255], 0.6);
  if (d < (size <= 16 ? 0.1 : 0.075)) return [255, 255, 255];
  return bg;
}
const mix = (a, b, t) => a.map((v, i) => Math.round(v + (b[i] - v) * t));

for (const size of [16, 32, 48, 128]) {
  const ss = 4,
    buf = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      let R = 0,
        G = 0,
        B = 0,
        A = 0;
      for (let sy = 0; sy < ss; sy++)
        for (let sx = 0; sx < ss; sx++) {
          const c = shade((x + (sx + 0.5) / ss) / size, (y + (sy + 0.5) / ss) / size, size);
          if (c) {
            R += c[0];
            G += c[1];
            B += c[2];
            A++;
          }
        }
      const o = (y * size + x) * 4;
      if (A) {
        buf[o] = R / A;
        buf[o + 1] = G / A;
        buf[o + 2] = B / A;
        buf[o + 3] = Math.round((255 * A) / (ss * ss));
      }
    }
  writeFileSync(new URL(`../icons/icon-${size}.png`, import.meta.url), png(size, buf));
}
console.log('icons written');
