// Cost of fitting post-processing (issue 14: the main job spends much of its time here): tuneInstances'
// default grid (792 settings) on 12 synthetic 128x128 maps made from ground truth plus seeded noise,
// beside one toInstances call and one AJI. Run after `pnpm build`: `node benchmarks/tune-instances.bench.mjs`.
// To compare two builds, run it on each in the same minute (the CPU model changes between sessions).
import { generateSyntheticSample } from '@qfcn/data';
import { toInstances, tuneInstances } from '@qfcn/fcn';
import { aggregatedJaccardIndex } from '@qfcn/metrics';

const side = 128;
const n = side * side;
let r = 1;
const rand = () => {
  r = (Math.imul(r, 1103515245) + 12345) >>> 0;
  return r / 4294967296;
};
const clamp = (v) => Math.min(1, Math.max(0, v));
const pairs = Array.from({ length: 12 }, (_, k) => {
  const s = generateSyntheticSample({
    width: side,
    height: side,
    seed: `tune-bench:${k}`,
    grade: k % 2 ? 'malignant' : 'benign',
  });
  const label = s.label.data;
  const object = new Float32Array(n);
  const contour = new Float32Array(n);
  for (let p = 0; p < n; p++) {
    const x = p % side;
    const y = (p / side) | 0;
    const l = label[p];
    const edge =
      l > 0 &&
      ((x > 0 && label[p - 1] !== l) ||
        (x < side - 1 && label[p + 1] !== l) ||
        (y > 0 && label[p - side] !== l) ||
        (y < side - 1 && label[p + side] !== l));
    object[p] = clamp((l > 0 ? 0.8 : 0.15) + (rand() - 0.5) * 0.5);
    contour[p] = clamp((edge ? 0.7 : 0.1) + (rand() - 0.5) * 0.4);
  }
  const map = (data) => ({ width: side, height: side, data });
  return { output: { object: map(object), contour: map(contour) }, groundTruth: s.label };
});
const settings = { objectThreshold: 0.3, markerThreshold: 0.6, contourThreshold: 0.4, minArea: 32 };
let t = performance.now();
const outs = [];
for (let k = 0; k < 20; k++) for (const p of pairs) outs.push(toInstances(p.output, settings));
const toInstancesMs = (performance.now() - t) / outs.length;
t = performance.now();
outs.forEach((o, i) => aggregatedJaccardIndex(o, pairs[i % pairs.length].groundTruth));
const ajiMs = (performance.now() - t) / outs.length;
t = performance.now();
const tuned = tuneInstances(pairs);
const tuneSeconds = (performance.now() - t) / 1000;
console.log(
  `toInstances ${toInstancesMs.toFixed(2)} ms, AJI ${ajiMs.toFixed(2)} ms per 128² map; ` +
    `tuneInstances: ${tuned.trials.length} settings × ${pairs.length} maps in ${tuneSeconds.toFixed(1)} s ` +
    `(${((tuneSeconds * 1000) / (tuned.trials.length * pairs.length)).toFixed(2)} ms per setting and map)`,
);
