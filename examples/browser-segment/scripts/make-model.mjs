// Creates the example's bundled model and sample deterministically (run: `pnpm make-model`; the
// outputs in public/ are committed, so the page and its test need no training):
//   public/model/  — a 2-member QNT ensemble of the `tiny` FCN, INQ-quantized to 5 bits:
//                    ensemble.json, member-<i>/model.json (+ weights.bin on the levels, float32,
//                    not downloaded by the page) and member-<i>.qfcnq (bit-packed, what the page loads)
// member-<i>/weights.bin is removed after saving (the page never downloads it; the float32 size the
// page states comes from model.json's manifest). The sample image is made by scripts/build.mjs.
// Training data: 6 synthetic 160x160 images (seeds 1..6). Needs `pnpm build` of the packages.
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initBackend } from '@qfcn/backend';
import { generateSyntheticSample } from '@qfcn/data';
import { FcnEnsemble, FcnModel, trainFcn } from '@qfcn/fcn';
import { formatSizeReport, sizeReport } from '@qfcn/quantize';
import { inqHook, packModel } from '@qfcn/quantize/tfjs';
import '@tensorflow/tfjs';

const here = dirname(fileURLToPath(import.meta.url));
const pub = join(here, '..', 'public');
const MEMBERS = 2;
const BITS = 5;
const FLOAT_EPOCHS = Number(process.env.FLOAT_EPOCHS ?? 24);
const EPOCHS_PER_STEP = 2;

await initBackend(process.env.QFCN_BACKEND ?? 'auto', { log: (l) => console.error(l) });
const samples = Array.from({ length: 6 }, (_, i) => generateSyntheticSample({ seed: i + 1, width: 160, height: 160 }));
const members = [];
const files = {};
for (let i = 0; i < MEMBERS; i++) {
  const member = FcnModel.create({ preset: 'tiny', seed: 10 + i }, { tile: 512, overlap: 128 });
  const hook = inqHook({ bits: BITS, epochsPerStep: EPOCHS_PER_STEP, startEpoch: FLOAT_EPOCHS });
  const t0 = Date.now();
  const result = await trainFcn(member.model, samples, {
    epochs: FLOAT_EPOCHS + 4 * EPOCHS_PER_STEP,
    crop: 96,
    batchSize: 4,
    learningRate: 3e-3,
    seed: 100 + i,
    hooks: [hook],
  });
  const last = result.history?.at?.(-1) ?? {};
  console.error(
    `member ${i}: ${((Date.now() - t0) / 1000).toFixed(0)} s, last epoch ${JSON.stringify(last).slice(0, 160)}`,
  );
  files[`member-${i}.qfcnq`] = packModel(member.model, { inq: hook.inq });
  hook.inq.dispose();
  members.push(member);
}
rmSync(join(pub, 'model'), { recursive: true, force: true });
mkdirSync(pub, { recursive: true });
await new FcnEnsemble(members, [], { objectThreshold: 0.5, contourThreshold: 0.5, minArea: 30 }).save(
  join(pub, 'model'),
  { files },
);
console.error(formatSizeReport(sizeReport(files['member-0.qfcnq'])));
for (let i = 0; i < MEMBERS; i++) rmSync(join(pub, 'model', `member-${i}`, 'weights.bin'));
console.error(`wrote ${join(pub, 'model')}`);
