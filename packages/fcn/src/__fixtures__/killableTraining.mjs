// Child process of trainFcn.kill.test.ts: trains the test FCN with a checkpoint after every step and
// prints "step N" after each; the test SIGKILLs it mid-run. Uses the built package (dist/).
import '@tensorflow/tfjs';
import { initBackend } from '@qfcn/backend';
import { trainFcn } from '../../dist/index.js';
import { createTestFcn, discSamples } from '../../dist/test/index.js';

const [path, epochs] = [process.argv[2], Number(process.argv[3])];
await initBackend('wasm', { log: false });
const model = createTestFcn({ seed: 1 });
await trainFcn(model, discSamples(3, { seed: 4 }), {
  epochs,
  batchSize: 2,
  crop: 16,
  seed: 11,
  checkpoint: { path, everySteps: 1 },
  onProgress: (e) => process.stdout.write(`step ${e.current}\n`),
});
process.stdout.write('done\n');
