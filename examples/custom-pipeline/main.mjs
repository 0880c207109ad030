// A custom pipeline from qfcn's parts around YOUR model (not qfcn's FCN):
//   data (synthetic glands) → your tf.layers net → an ensemble trained with INQ (QSA) →
//   suggestive annotation picks what to annotate → final INQ ensemble → GlaS metrics → packed size.
// The pieces meet only through the interfaces of @qfcn/contract (Ensemble, EnsembleTrainer, Pool,
// AnnotationOracle): nothing here subclasses a qfcn class.
//
// Run: pnpm build && pnpm --filter @qfcn/example-custom-pipeline start   (about a minute on 2 cores)
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '@qfcn/backend';
import { contourTarget, createRng, generateSyntheticSample, objectTarget } from '@qfcn/data';
import { connectedComponents, evaluate } from '@qfcn/metrics';
import { formatSizeReport, sizeReport } from '@qfcn/quantize';
import { createInq, inqCallback, packModel } from '@qfcn/quantize/tfjs';
import { runSuggestiveAnnotation } from '@qfcn/suggestive';

const SIZE = 64;
const BITS = 6;
await initBackend('auto');

// 1. Data: 16 pool images and 6 test images, 64x64, with instance labels.
const sample = (seed, id) => ({ ...generateSyntheticSample({ width: SIZE, height: SIZE, seed }), id });
const pool = Array.from({ length: 16 }, (_, i) => sample(i, `pool_${i}`));
const test = Array.from({ length: 6 }, (_, i) => sample(1000 + i, `test_${i}`));
const byId = new Map(pool.map((s) => [s.id, s]));

// 2. Your model: any tf.layers net with an object and a contour map (2 sigmoid channels) and a
//    feature layer whose spatial mean serves as the image descriptor.
function myNet(seed) {
  const init = (k) => tf.initializers.heNormal({ seed: seed * 10 + k });
  const input = tf.input({ shape: [SIZE, SIZE, 3] });
  const c1 = tf.layers
    .conv2d({ filters: 12, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: init(1) })
    .apply(input);
  const p1 = tf.layers.maxPooling2d({ poolSize: 2 }).apply(c1);
  const c2 = tf.layers
    .conv2d({ filters: 16, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: init(2) })
    .apply(p1);
  const up = tf.layers.upSampling2d({ size: [2, 2] }).apply(c2);
  const c3 = tf.layers
    .conv2d({ filters: 12, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: init(3) })
    .apply(tf.layers.concatenate().apply([c1, up]));
  const out = tf.layers
    .conv2d({ filters: 2, kernelSize: 1, activation: 'sigmoid', kernelInitializer: init(4) })
    .apply(c3);
  const descriptor = tf.layers.globalAveragePooling2d({}).apply(c2);
  // Two views of the same layers (shared weights): one to train, one that also yields the descriptor.
  const train = tf.model({ inputs: input, outputs: out });
  train.compile({ optimizer: tf.train.adam(3e-3), loss: 'binaryCrossentropy' });
  const full = tf.model({ inputs: input, outputs: [out, descriptor] });
  return { train, full };
}

const toTensor = (image) =>
  tf.tidy(() => tf.tensor3d(image.data, [image.height, image.width, image.channels]).toFloat().div(255));
function targets(s) {
  const o = objectTarget(s.label);
  const c = contourTarget(s.label, { thickness: 1 });
  const y = new Float32Array(o.length * 2);
  for (let i = 0; i < o.length; i++) [y[2 * i], y[2 * i + 1]] = [o[i], c[i]];
  return tf.tensor3d(y, [SIZE, SIZE, 2]);
}

// 3. The ensemble, as the contract's `Ensemble`: mean prediction + per-member outputs.
class MyEnsemble {
  constructor(models) {
    this.models = models;
    this.size = models.length;
  }
  async memberOutputs(image) {
    const x = toTensor(image).expandDims(0);
    const objectProbabilities = [];
    const descriptors = [];
    for (const m of this.models) {
      const [maps, d] = m.full.predict(x);
      const obj = tf.tidy(() => maps.slice([0, 0, 0, 0], [1, SIZE, SIZE, 1]).reshape([-1]));
      objectProbabilities.push(await obj.data());
      descriptors.push(await d.data());
      tf.dispose([maps, d, obj]);
    }
    x.dispose();
    return { objectProbabilities, descriptors, width: SIZE, height: SIZE };
  }
  async predict(image) {
    const x = toTensor(image).expandDims(0);
    const mean = tf.tidy(() =>
      tf
        .stack(this.models.map((m) => m.train.predict(x)))
        .mean(0)
        .reshape([SIZE * SIZE, 2]),
    );
    const data = await mean.data();
    tf.dispose([x, mean]);
    const object = new Float32Array(SIZE * SIZE);
    const contour = new Float32Array(SIZE * SIZE);
    for (let i = 0; i < object.length; i++) [object[i], contour[i]] = [data[2 * i], data[2 * i + 1]];
    return {
      object: { width: SIZE, height: SIZE, data: object },
      contour: { width: SIZE, height: SIZE, data: contour },
    };
  }
  dispose() {
    // The two views share their layers; disposing one frees the weights of both.
    this.models.forEach((m) => m.train.dispose());
  }
}

// 4. The trainer, as the contract's `EnsembleTrainer`: 3 members on bootstrap resamples, each trained
//    in float, then INQ at BITS bits through the `model.fit` callback of @qfcn/quantize/tfjs (QSA).
const lastInq = [];
const trainer = {
  async train(annotated, { seed }) {
    const rng = createRng(seed);
    const models = [];
    lastInq.length = 0;
    for (let m = 0; m < 3; m++) {
      const resample = annotated.map(() => annotated[rng.int(annotated.length)]);
      const x = tf.stack(resample.map((s) => toTensor(s.image)));
      const y = tf.stack(resample.map(targets));
      const model = myNet(seed + m);
      await model.train.fit(x, y, { epochs: 30, batchSize: 4, shuffle: false, verbose: 0 });
      const inq = createInq(model.train, { bits: BITS });
      await model.train.fit(x, y, {
        epochs: 8,
        batchSize: 4,
        shuffle: false,
        verbose: 0,
        callbacks: [inqCallback(inq, { epochsPerStep: 2, finishOnTrainEnd: true })],
      });
      lastInq.push(inq);
      tf.dispose([x, y]);
      models.push(model);
    }
    return new MyEnsemble(models);
  },
};

// 5. Suggestive annotation over the pool: start from 4 random images, 2 per round, up to half.
const run = await runSuggestiveAnnotation({
  pool: { ids: () => pool.map((s) => s.id), image: (id) => byId.get(id).image },
  oracle: { annotate: (id) => byId.get(id).label },
  trainer,
  strategy: 'suggestive',
  initial: 4,
  candidates: 4,
  picks: 2,
  budget: 0.5,
  seed: 7,
  onProgress: (e) => e.stage === 'round' && console.log(`round ${e.current}/${e.total}`),
});
console.log(`annotated (in order): ${run.annotated.join(', ')}`);

// 6. Final QSA ensemble on the suggested set; instances = connected components of object>0.5 and contour<0.5.
const ensemble = await trainer.train(
  run.annotated.map((id) => byId.get(id)),
  { seed: 99, round: 0 },
);
const pairs = [];
for (const s of test) {
  const { object, contour } = await ensemble.predict(s.image);
  const mask = new Uint8Array(object.data.length).map((_, i) =>
    object.data[i] > 0.5 && contour.data[i] < 0.5 ? 1 : 0,
  );
  pairs.push({
    id: s.id,
    segmentation: connectedComponents({ width: SIZE, height: SIZE, data: mask }, { connectivity: 4 }),
    groundTruth: s.label,
  });
}
const scores = evaluate(pairs);
console.log(
  `test (pooled): F1 ${scores.pooled.f1.toFixed(3)}, object Dice ${scores.pooled.objectDice.toFixed(3)}, object Hausdorff ${scores.pooled.objectHausdorff.toFixed(2)}`,
);

// 7. What the quantized member weighs on disk.
console.log(formatSizeReport(sizeReport(packModel(ensemble.models[0].train, { inq: lastInq[0] }))));
lastInq.forEach((inq) => inq.dispose());
ensemble.dispose();
