// The main job's training recipe probed on VALIDATION images only (issue 14): the embedded synthetic
// data of `qfcn reproduce` (seed 1: 20 training images of 128², the test parts never read), 4 of the
// training images held out, one tiny FCN per (variant, seed) trained on the other 16 with the main
// job's schedule (Adam 2e-3, 10% warm-up, cosine to a tenth), scored by pooled GlaS object Dice / F1
// with the toInstances defaults.
//
// Run after `pnpm build`:
//   QFCN_NATIVE_THREADS=1 QFCN_RECIPE='400,4,96' QFCN_RECIPE_SEEDS=1,2 node benchmarks/reproduce-recipe.bench.mjs
// QFCN_RECIPE is steps,batch,crop (default 400,4,96: today's default); prints one JSON line per seed.
// Measured for the crop change of the tiny preset (2 seeds, 1 thread each): 400,4,64 → object Dice
// 0.847; 400,4,96 → 0.869 (1.36× step time); 400,8,64 → 0.875; 800,4,64 → 0.881.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '@qfcn/backend';
import { loadGlas, writeSyntheticGlas } from '@qfcn/data';
import { createFcn, predictImage, splitValidation, toInstances, trainFcn } from '@qfcn/fcn';
import { evaluate } from '@qfcn/metrics';

await initBackend('auto', { importModule: (s) => import(s), log: false });
const dir = mkdtempSync(join(tmpdir(), 'qfcn-recipe-'));
await writeSyntheticGlas(dir, { train: 20, testA: 8, testB: 4, size: 128, seed: 1 });
const ds = await loadGlas(dir, { splits: ['train'] });
const { train, validation } = splitValidation(ds.splits.train, { fraction: 0.2, seed: 0 });
const [steps, batchSize, crop] = (process.env.QFCN_RECIPE ?? '400,4,96').split(',').map(Number);
for (const seed of (process.env.QFCN_RECIPE_SEEDS ?? '1,2').split(',').map(Number)) {
  const model = createFcn({ preset: 'tiny', seed });
  const t0 = Date.now();
  await trainFcn(model, train, {
    steps,
    batchSize,
    crop,
    seed,
    learningRate: 2e-3,
    schedule: { warmupSteps: Math.floor(steps / 10), decay: 'cosine', minLearningRate: 2e-4, decaySteps: steps },
  });
  const seconds = (Date.now() - t0) / 1000;
  const pairs = [];
  for (const s of validation)
    pairs.push({
      id: s.id,
      segmentation: toInstances(await predictImage(model, s.image, { tile: 128 })),
      groundTruth: s.label,
    });
  const { pooled } = evaluate(pairs);
  console.log(
    JSON.stringify({
      steps,
      batchSize,
      crop,
      seed,
      seconds,
      validationObjectDice: +pooled.objectDice.toFixed(3),
      validationF1: +pooled.f1.toFixed(3),
    }),
  );
  model.dispose();
}
