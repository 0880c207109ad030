import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { loadAddon } from './loadAddon';
import { nativeBuilt, skipReason } from './testing/nativeSuite';
import { randomValues } from './testing/parity';

// A worker that loads the addon itself (one instance per JS thread, own primitive caches and
// thread count) and returns a 2x16x16x8 → 8 conv forward, its filter gradient and a max-pool.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const addon = require(workerData.file);
addon.setThreads(1);
const { params, x, w } = workerData;
const y = new Float32Array(2 * 16 * 16 * 8), dw = new Float32Array(3 * 3 * 8 * 8);
for (let i = 0; i < 20; i++) { addon.conv2d(params, 0, x, w, null, y); addon.conv2dBackpropFilter(params, x, y, dw); }
parentPort.postMessage({ y, dw });
`;

describe(`the addon in worker threads${skipReason}`, () => {
  it.skipIf(!nativeBuilt)(
    "4 workers at once, 1 thread each, give the main thread's results for 2x16x16x8 → 8",
    async () => {
      const { addon } = loadAddon();
      const file = fileURLToPath(new URL('../build/Release/qfcn_native.node', import.meta.url));
      const params = Int32Array.from([2, 16, 16, 8, 3, 3, 8, 16, 16, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0]);
      const x = randomValues([2, 16, 16, 8], 151),
        w = randomValues([3, 3, 8, 8], 152);
      addon!.setThreads(1);
      const y = new Float32Array(2 * 16 * 16 * 8),
        dw = new Float32Array(3 * 3 * 8 * 8);
      addon!.conv2d(params, 0, x, w, null, y);
      addon!.conv2dBackpropFilter(params, x, y, dw);
      addon!.setThreads(2);
      const results = await Promise.all(
        Array.from(
          { length: 4 },
          () =>
            new Promise<{ y: Float32Array; dw: Float32Array }>((resolve, reject) => {
              const worker = new Worker(WORKER, { eval: true, workerData: { file, params, x, w } });
              worker.once('message', (m) => {
                resolve(m);
                void worker.terminate();
              });
              worker.once('error', reject);
            }),
        ),
      );
      for (const r of results) {
        expect(Array.from(r.y)).toEqual(Array.from(y));
        expect(Array.from(r.dw)).toEqual(Array.from(dw));
      }
    },
  );
});
