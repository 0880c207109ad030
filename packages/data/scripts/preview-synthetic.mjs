#!/usr/bin/env node
// Renders a preview of the synthetic gland data: benign and malignant samples with their instance
// contours. Needs the built package (`pnpm --filter @qfcn/data build`).
//
//   node packages/data/scripts/preview-synthetic.mjs [out.png] [width] [height] [zoom]
//
// Default: packages/data/docs/synthetic.png, 160x120 samples shown at 2x (the picture in the README).
import { fileURLToPath } from 'node:url';
import { generateSyntheticSample, overlay, writePng } from '@qfcn/data';

const out = process.argv[2] ?? fileURLToPath(new URL('../docs/synthetic.png', import.meta.url));
const width = Number(process.argv[3] ?? 160);
const height = Number(process.argv[4] ?? 120);
const zoom = Number(process.argv[5] ?? 2);

/** Nearest-neighbour enlargement, so single pixels stay visible. */
function enlarge(image, f) {
  const w = image.width * f;
  const h = image.height * f;
  const data = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const s = (Math.floor(y / f) * image.width + Math.floor(x / f)) * 3;
      data.set(image.data.subarray(s, s + 3), (y * w + x) * 3);
    }
  }
  return { width: w, height: h, channels: 3, data };
}

/** Images in a grid with 4-pixel white gutters. */
function grid(images, columns) {
  const { width: w, height: h } = images[0];
  const rows = Math.ceil(images.length / columns);
  const W = columns * w + (columns - 1) * 4;
  const H = rows * h + (rows - 1) * 4;
  const data = new Uint8Array(W * H * 3).fill(255);
  images.forEach((image, i) => {
    const ox = (i % columns) * (w + 4);
    const oy = Math.floor(i / columns) * (h + 4);
    for (let y = 0; y < h; y++) data.set(image.data.subarray(y * w * 3, (y + 1) * w * 3), ((oy + y) * W + ox) * 3);
  });
  return { width: W, height: H, channels: 3, data };
}

const tiles = [];
for (const [seed, grade] of [
  [1, 'benign'],
  [3, 'malignant'],
]) {
  const sample = generateSyntheticSample({ width, height, seed, grade });
  tiles.push(enlarge(sample.image, zoom), enlarge(overlay(sample.image, sample.label, { thickness: 1 }), zoom));
  console.log(`seed ${seed}: ${grade}, ${sample.meta.glands} glands`);
}
writePng(out, grid(tiles, 2));
console.log(`wrote ${out}`);
