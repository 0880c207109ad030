// The page: loads the bundled QNT ensemble (model.json topology + bit-packed .qfcnq weights), lets the
// user drop/pick an image or run the sample, segments it tile by tile, draws the instance contours
// and offers the instances as PNG and GeoJSON. `?sample` runs the sample at load; `?backend=wasm|webgl|cpu`
// forces a backend (default: initBackend's auto choice). The page reports its end state in
// `document.body.dataset.qfcnState` ('done' | 'error') and `qfcnInstances` (the instance count).
import '@tensorflow/tfjs';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '@qfcn/backend';
import { encodeLabelMapPng, labelColor, labelMapToGeoJSON } from '@qfcn/data';
import { FcnEnsemble, toInstances, type InstanceMap } from '@qfcn/fcn';

/** An RGB image as qfcn takes it (the contract's `Image`). */
interface Image {
  readonly width: number;
  readonly height: number;
  readonly channels: 3;
  readonly data: Uint8Array;
}

const TILE = 512;
const OVERLAP = 128;
const MODEL_URL = new URL('./model/', location.href);
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const params = new URLSearchParams(location.search);

interface RunResult {
  readonly width: number;
  readonly height: number;
  readonly labels: Int32Array;
  readonly count: number;
  readonly msPerTile: number;
  readonly backend: string;
}
declare global {
  interface Window {
    qfcn?: { result?: RunResult; backend?: string; runSample: () => Promise<void> };
  }
}

function setState(state: 'running' | 'done' | 'error', count?: number) {
  document.body.dataset.qfcnState = state;
  if (count !== undefined) document.body.dataset.qfcnInstances = String(count);
  else delete document.body.dataset.qfcnInstances;
}

function fail(error: unknown) {
  const message = error instanceof Error ? error.message : String(error);
  $('error').textContent = `Failed: ${message}`;
  $('status').textContent = '';
  $('progress').hidden = true;
  setState('error');
  console.error(error);
}

const kib = (n: number) => (n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1024 / 1024).toFixed(2)} MiB`);

async function fetchBytes(url: URL): Promise<Uint8Array> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url.pathname}: HTTP ${r.status}`);
  return new Uint8Array(await r.arrayBuffer());
}

/** Loads the ensemble: ensemble.json, each member's model.json (topology) and .qfcnq (weights). */
async function loadEnsemble(): Promise<FcnEnsemble> {
  const meta = JSON.parse(new TextDecoder().decode(await fetchBytes(new URL('ensemble.json', MODEL_URL))));
  let packedBytes = 0;
  let floatBytes = 0;
  let jsonBytes = 0;
  const members = [];
  for (let i = 0; i < meta.members; i++) {
    const json = await fetchBytes(new URL(`member-${i}/model.json`, MODEL_URL));
    const packed = await fetchBytes(new URL(`member-${i}.qfcnq`, MODEL_URL));
    const parsed = JSON.parse(new TextDecoder().decode(json));
    jsonBytes += json.byteLength;
    packedBytes += packed.byteLength;
    for (const group of parsed.weightsManifest) {
      for (const w of group.weights) floatBytes += 4 * w.shape.reduce((a: number, b: number) => a * b, 1);
    }
    members.push({ model: parsed, packed });
  }
  $('size').textContent =
    `${kib(packedBytes)} of 5-bit packed weights for ${meta.members} members vs ${kib(floatBytes)} in float32 ` +
    `(${(floatBytes / packedBytes).toFixed(1)}× smaller), plus ${kib(jsonBytes)} of model.json topology`;
  return FcnEnsemble.from({ ensemble: meta, members }, { tileOptions: { tile: TILE, overlap: OVERLAP, batchSize: 1 } });
}

async function decode(blob: Blob): Promise<{ image: Image; bitmap: ImageBitmap }> {
  const bitmap = await createImageBitmap(blob, { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d', { colorSpace: 'srgb' })!;
  ctx.drawImage(bitmap, 0, 0);
  const rgba = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
  const rgb = new Uint8Array(bitmap.width * bitmap.height * 3);
  for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) {
    rgb[j] = rgba[i];
    rgb[j + 1] = rgba[i + 1];
    rgb[j + 2] = rgba[i + 2];
  }
  return { image: { width: bitmap.width, height: bitmap.height, channels: 3, data: rgb }, bitmap };
}

function drawContours(instances: InstanceMap, bitmap: ImageBitmap) {
  const { width, height, data } = instances;
  const base = $<HTMLCanvasElement>('image');
  base.width = width;
  base.height = height;
  base.getContext('2d')!.drawImage(bitmap, 0, 0);
  const overlay = $<HTMLCanvasElement>('overlay');
  overlay.width = width;
  overlay.height = height;
  overlay.style.width = `${base.clientWidth}px`;
  const ctx = overlay.getContext('2d')!;
  const pixels = ctx.createImageData(width, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const l = data[i];
      if (l === 0) continue;
      const edge =
        x === 0 ||
        y === 0 ||
        x === width - 1 ||
        y === height - 1 ||
        data[i - 1] !== l ||
        data[i + 1] !== l ||
        data[i - width] !== l ||
        data[i + width] !== l;
      if (!edge) continue;
      const [r, g, b] = labelColor(l);
      pixels.data.set([r, g, b, 255], 4 * i);
    }
  }
  ctx.putImageData(pixels, 0, 0);
}

function offerDownloads(instances: InstanceMap, name: string) {
  const box = $('downloads');
  for (const a of Array.from(box.querySelectorAll('a'))) URL.revokeObjectURL(a.href);
  box.textContent = '';
  const labelMap = { width: instances.width, height: instances.height, data: instances.data };
  const files: [string, Blob][] = [
    [`${name}-instances.png`, new Blob([encodeLabelMapPng(labelMap) as BlobPart], { type: 'image/png' })],
    [
      `${name}-instances.geojson`,
      new Blob([JSON.stringify(labelMapToGeoJSON(labelMap))], { type: 'application/geo+json' }),
    ],
  ];
  for (const [file, blob] of files) {
    const a = document.createElement('a');
    a.className = 'download';
    a.href = URL.createObjectURL(blob);
    a.download = file;
    a.textContent = `Download ${file}`;
    box.append(a);
  }
}

let ensemblePromise: Promise<FcnEnsemble> | undefined;
let backendName = '';

async function ready(): Promise<FcnEnsemble> {
  ensemblePromise ??= (async () => {
    const choice = params.get('backend') ?? 'auto';
    const info = await initBackend(choice, {
      wasmPaths: new URL('./wasm/', location.href).href,
      log: (line) => console.info(line),
    });
    backendName = info.name;
    if (window.qfcn) window.qfcn.backend = info.name;
    $('backend').textContent = `${info.name} — ${info.reason}`;
    return loadEnsemble();
  })();
  return ensemblePromise;
}

async function run(blob: Blob, name: string) {
  setState('running');
  $('error').textContent = '';
  const progress = $<HTMLProgressElement>('progress');
  progress.hidden = false;
  progress.value = 0;
  try {
    $('status').textContent = 'loading the model…';
    const ensemble = await ready();
    const { image, bitmap } = await decode(blob);
    const tiles = ensemble.members[0].countTiles(image.width, image.height);
    const passes = tiles * ensemble.size;
    $('status').textContent = `${image.width}×${image.height}: ${tiles} tile(s) × ${ensemble.size} members…`;
    await tf.nextFrame();
    const t0 = performance.now();
    const { mean } = await ensemble.predictWithMembers(image, async (done, total) => {
      progress.value = done / total;
      $('status').textContent = `${done} of ${total} tile passes done`;
      await tf.nextFrame(); // let the page draw the progress
    });
    const ms = performance.now() - t0;
    const instances = toInstances(mean, ensemble.instances);
    drawContours(instances, bitmap);
    offerDownloads(instances, name);
    const msPerTile = ms / passes;
    $('speed').textContent =
      `${msPerTile.toFixed(0)} ms per member per tile on ${backendName} (${passes} tile passes in ${(ms / 1000).toFixed(2)} s)`;
    $('count').textContent = String(instances.count);
    $('status').textContent = 'done';
    progress.value = 1;
    window.qfcn!.result = {
      width: instances.width,
      height: instances.height,
      labels: instances.data,
      count: instances.count,
      msPerTile,
      backend: backendName,
    };
    setState('done', instances.count);
  } catch (error) {
    fail(error);
  }
}

async function runSample() {
  const blob = new Blob([(await fetchBytes(new URL('./sample.png', location.href))) as BlobPart], {
    type: 'image/png',
  });
  await run(blob, 'sample');
}

window.qfcn = { runSample };
$('sample').addEventListener('click', () => void runSample().catch(fail));
$<HTMLInputElement>('file').addEventListener('change', (e) => {
  const file = (e.target as HTMLInputElement).files?.[0];
  if (file) void run(file, file.name.replace(/\.[^.]+$/, ''));
});
const drop = $('drop');
drop.addEventListener('dragover', (e) => {
  e.preventDefault();
  drop.classList.add('over');
});
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (e) => {
  e.preventDefault();
  drop.classList.remove('over');
  const file = e.dataTransfer?.files?.[0];
  if (file) void run(file, file.name.replace(/\.[^.]+$/, ''));
});
if (params.has('sample')) void runSample().catch(fail);
