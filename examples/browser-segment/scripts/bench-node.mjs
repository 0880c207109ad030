// Node side of the tile benchmark: ms per member per 512x512 tile of the example's model (from
// model.json + .qfcnq, predictImage with tile 512) on each Node backend given (default: qfcn-native
// and wasm), median of 5 after a warm-up. Compare with the page's "Time per 512x512 tile".
// Usage: node scripts/bench-node.mjs [backend ...]
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initBackend } from '@qfcn/backend';
import { generateSyntheticSample } from '@qfcn/data';
import { loadModelFrom, predictImage } from '@qfcn/fcn';
import * as tf from '@tensorflow/tfjs';

const model = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'model');
const image = generateSyntheticSample({ seed: 'browser-sample', width: 512, height: 512 }).image;
const backends = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['qfcn-native', 'wasm'];
const importModule = (s) => import(s); // resolves @qfcn/backend-native from this workspace when built
for (const backend of backends) {
  let info;
  try {
    info = await initBackend(backend, { check: 'inference', log: false, importModule });
  } catch (error) {
    console.log(`${backend}: unavailable (${error.message.split('\n')[0]})`);
    continue;
  }
  const m = await loadModelFrom({
    model: JSON.parse(readFileSync(join(model, 'member-0', 'model.json'), 'utf8')),
    packed: readFileSync(join(model, 'member-0.qfcnq')),
  });
  await predictImage(m, image, { tile: 512 });
  const times = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    await predictImage(m, image, { tile: 512 });
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(`${backend}: ${times[2].toFixed(0)} ms per member per 512x512 tile (median of 5; ${info.reason})`);
  m.dispose();
  await tf.setBackend('cpu');
}
