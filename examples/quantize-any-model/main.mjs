// Quantize any tf.layers model with INQ, using only @qfcn/quantize (built) and @tensorflow/tfjs.
//
//   pnpm --filter @qfcn/quantize build && pnpm --filter @qfcn/example-quantize-any-model start
//
// 1. generates a seeded 6-class shape task (8×8 grayscale images of bars, diagonals, a plus and a
//    ring at random positions, buried in noise),
// 2. trains a small conv net in float32,
// 3. for 5, 6 and 7 bits (and 3 for contrast): starts from the float weights, runs INQ (50 %, 75 %, 87.5 %, 100 % of
//    every kernel frozen at powers of two, fine-tuning the rest in between; biases stay float),
// 4. prints test accuracy before/after, packs the model into the bit-packed format, saves it,
//    loads it into a fresh model and checks that the fresh model predicts the same.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { findOffLevel, formatSizeReport, mulberry32, sizeReport } from '@qfcn/quantize';
import { createInq, loadPackedModel, maskedOptimizer, packModel, savePackedModel } from '@qfcn/quantize/tfjs';

const SIZE = 8;
const CLASSES = ['horizontal', 'vertical', 'diagonal', 'anti-diagonal', 'plus', 'ring'];
const SEED = 2017;
const BATCH = 25;
const FINE_TUNE_LR = 0.002;
const NOISE = 0.25;

/** `count` noisy 8×8 images of six small shapes drawn at random places. */
function makeShapes(count, seed) {
  const rand = mulberry32(seed);
  const images = new Float32Array(count * SIZE * SIZE);
  const labels = new Int32Array(count);
  const shapes = [
    [
      [1, 0],
      [1, 1],
      [1, 2],
      [1, 3],
    ],
    [
      [0, 1],
      [1, 1],
      [2, 1],
      [3, 1],
    ],
    [
      [0, 0],
      [1, 1],
      [2, 2],
      [3, 3],
    ],
    [
      [0, 3],
      [1, 2],
      [2, 1],
      [3, 0],
    ],
    [
      [0, 1],
      [1, 0],
      [1, 1],
      [1, 2],
      [2, 1],
    ],
    [
      [0, 1],
      [0, 2],
      [1, 0],
      [1, 3],
      [2, 0],
      [2, 3],
      [3, 1],
      [3, 2],
    ],
  ];
  for (let n = 0; n < count; n++) {
    const label = Math.floor(rand() * CLASSES.length);
    labels[n] = label;
    const img = images.subarray(n * SIZE * SIZE, (n + 1) * SIZE * SIZE);
    const r0 = Math.floor(rand() * (SIZE - 3));
    const c0 = Math.floor(rand() * (SIZE - 3));
    for (const [r, c] of shapes[label]) img[(r0 + r) * SIZE + c0 + c] = 1;
    // zero-mean noise, roughly Gaussian (sum of three uniforms)
    for (let i = 0; i < img.length; i++) img[i] += NOISE * 2 * (rand() + rand() + rand() - 1.5);
  }
  return {
    x: tf.tensor4d(images, [count, SIZE, SIZE, 1]),
    y: tf.oneHot(tf.tensor1d(labels, 'int32'), CLASSES.length),
    labels,
  };
}

/**
 * conv 3×3×8 (valid) → relu → dense 6, seeded initializers: a conv net small enough to train in
 * seconds on tfjs's plain-JS cpu backend (its conv backprop is slow; pooling layers even more so).
 */
function buildModel() {
  return tf.sequential({
    layers: [
      tf.layers.conv2d({
        inputShape: [SIZE, SIZE, 1],
        filters: 8,
        kernelSize: 3,
        activation: 'relu',
        kernelInitializer: tf.initializers.heNormal({ seed: 1 }),
      }),
      tf.layers.flatten(),
      tf.layers.dense({
        units: CLASSES.length,
        activation: 'softmax',
        kernelInitializer: tf.initializers.glorotNormal({ seed: 3 }),
      }),
    ],
  });
}

function accuracy(model, data) {
  return tf.tidy(() => {
    const predicted = tf.argMax(model.predict(data.x), 1).dataSync();
    let correct = 0;
    for (let i = 0; i < predicted.length; i++) if (predicted[i] === data.labels[i]) correct++;
    return correct / predicted.length;
  });
}

const pct = (a) => `${(100 * a).toFixed(1)} %`;

await tf.setBackend('cpu');
const started = performance.now();
const train = makeShapes(1000, SEED);
const test = makeShapes(1000, SEED + 1);

const model = buildModel();
model.compile({ optimizer: tf.train.adam(0.02), loss: 'categoricalCrossentropy' });
await model.fit(train.x, train.y, { epochs: 8, batchSize: BATCH, shuffle: false, verbose: 0 });
const floatWeights = model.getWeights().map((w) => w.clone());
const floatAccuracy = accuracy(model, test);
// Control: the float model fine-tuned for as many epochs as INQ fine-tunes (4), same optimizer,
// so that "INQ vs float" does not just measure 4 more epochs of training.
model.compile({ optimizer: tf.train.adam(FINE_TUNE_LR), loss: 'categoricalCrossentropy' });
await model.fit(train.x, train.y, { epochs: 4, batchSize: BATCH, shuffle: false, verbose: 0 });
const floatTunedAccuracy = accuracy(model, test);
console.log(`Task: ${CLASSES.join(' / ')} in noise, ${SIZE}×${SIZE} images, 1000 train / 1000 test (seed ${SEED})`);
console.log(
  `Float32 model (8 epochs): test accuracy ${pct(floatAccuracy)}; fine-tuned 4 more epochs: ${pct(floatTunedAccuracy)}  (${((performance.now() - started) / 1000).toFixed(1)} s)\n`,
);

const dir = mkdtempSync(join(tmpdir(), 'qfcn-quantize-example-'));
const rows = [];
for (const bits of [3, 5, 6, 7]) {
  // the paper's 5, 6, 7 and, for contrast, 3
  model.setWeights(floatWeights);
  const inq = createInq(model, { bits }); // conv and dense kernels; n1 fixed from the float weights now
  // Frozen weights must not move: the wrapper re-imposes them after every update (Adam included).
  model.compile({ optimizer: maskedOptimizer(tf.train.adam(FINE_TUNE_LR), inq), loss: 'categoricalCrossentropy' });
  const steps = [];
  for (const portion of inq.schedule) {
    inq.advance();
    const justQuantized = accuracy(model, test);
    await model.fit(train.x, train.y, { epochs: 1, batchSize: BATCH, shuffle: false, verbose: 0 });
    steps.push(`${portion * 100}%: ${pct(justQuantized)} → ${pct(accuracy(model, test))}`);
  }
  for (const [name, params] of inq.params()) {
    if (findOffLevel(model.getWeights()[model.weights.findIndex((w) => w.name === name)].dataSync(), params) !== -1) {
      throw new Error(`${name} is not fully quantized`);
    }
  }
  const quantizedAccuracy = accuracy(model, test);
  const usage = [...inq.params()].map(([name, params]) => {
    const values = model.weights
      .find((w) => w.name === name)
      .read()
      .dataSync();
    const zeros = values.filter((v) => v === 0).length;
    return `${name}: ${new Set(values).size} of ${2 ** (bits - 1) + 1} levels used (n1 = ${params.n1}), ${pct(zeros / values.length)} zeros`;
  });
  const bytes = packModel(model, { inq });
  const report = sizeReport(bytes);

  // Disk round trip into a fresh model of the same architecture: plain tfjs inference afterwards.
  const path = join(dir, `shapes-${bits}bit.qfcn`);
  await savePackedModel(path, model, { inq });
  const fresh = buildModel();
  await loadPackedModel(path, fresh);
  const same = tf.tidy(() => tf.all(tf.equal(fresh.predict(test.x), model.predict(test.x))).dataSync()[0] === 1);
  if (!same) throw new Error('the reloaded model predicts differently');
  fresh.dispose();

  console.log(`INQ ${bits} bit  (accuracy right after each step → after 1 epoch of fine-tuning)`);
  console.log(`  ${steps.join('\n  ')}`);
  console.log(`  ${usage.join('\n  ')}`);
  console.log(
    `  test accuracy: float ${pct(floatAccuracy)} (+4 epochs: ${pct(floatTunedAccuracy)}) → ${bits}-bit ${pct(quantizedAccuracy)}; reloaded from ${bytes.length} bytes: identical predictions\n`,
  );
  console.log(formatSizeReport(report));
  console.log('');
  rows.push({ bits, quantizedAccuracy, report });
  inq.dispose();
}

console.log(
  '| weights (INQ: 4 steps × 1 epoch from the 8-epoch float model) | test accuracy | file bytes | ratio (whole file) | ratio (kernels) |',
);
console.log('|---|---:|---:|---:|---:|');
console.log(`| float32 | ${pct(floatAccuracy)} | ${rows[0].report.floatBytes} | 1.00× | 1.00× |`);
console.log(`| float32 + 4 epochs | ${pct(floatTunedAccuracy)} | ${rows[0].report.floatBytes} | 1.00× | 1.00× |`);
for (const { bits, quantizedAccuracy, report } of rows) {
  console.log(
    `| INQ ${bits} bit | ${pct(quantizedAccuracy)} | ${report.packedBytes} | ${report.ratio.toFixed(2)}× | ${report.quantized.ratio.toFixed(2)}× (32/${bits} = ${(32 / bits).toFixed(2)}) |`,
  );
}
console.log(`\nTotal ${((performance.now() - started) / 1000).toFixed(1)} s on the ${tf.getBackend()} backend.`);
rmSync(dir, { recursive: true, force: true });
