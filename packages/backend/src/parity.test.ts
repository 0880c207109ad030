import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { initBackend } from './initBackend';
import { createProbeNet } from './test/createProbeNet';
import { convGeometry } from './test/convGeometry';
import { seededNormal } from './test/mulberry32';
import { naiveConv2d } from './test/naiveConv2d';
import { parityCases, parityError, runParityCase, type ParityResult } from './test/parityCases';

// One parity spec for every backend this machine has: cpu (the reference), wasm with qfcn's kernels,
// and tensorflow (tfjs-node) / qfcn-native when they are installed and load. Each op of the FCN is run
// forward and backward on seeded inputs and compared with cpu; the convolutions are also compared
// with a float64 evaluation of their definition, on every backend including cpu.

tf.env().set('PROD', true);

async function available(name: string): Promise<string> {
  try {
    await initBackend(name, { log: false });
    return '';
  } catch (error) {
    return (error as Error).message;
  }
}

// initBackend (first call below) fixes tfjs cpu's ResizeBilinearGrad shape before the reference runs.
const backends: Array<{ name: string; missing: string }> = [];
for (const name of ['cpu', 'wasm', 'tensorflow', 'qfcn-native'])
  backends.push({ name, missing: await available(name) });
await tf.setBackend('cpu');
const reference = new Map<string, ParityResult>(parityCases.map((c) => [c.name, runParityCase(c)]));
const worst: Record<string, number> = {};

afterAll(async () => {
  console.info(`parity: worst relative error vs cpu per backend ${JSON.stringify(worst)}`);
  await tf.setBackend('cpu');
});

for (const { name, missing } of backends) {
  const title = missing ? `parity on ${name} (skipped: ${missing})` : `parity on ${name}`;
  describe.skipIf(missing !== '')(title, () => {
    // cpu is the reference: comparing it with itself would prove nothing, so it gets the float64 checks only.
    for (const c of name === 'cpu' ? [] : parityCases) {
      it(`${c.name}: forward and gradients match cpu within ${c.tolerance ?? 1e-4}`, async () => {
        await tf.setBackend(name);
        const before = tf.memory().numTensors;
        const got = runParityCase(c);
        expect(tf.memory().numTensors).toBe(before);
        const error = parityError(got, reference.get(c.name)!);
        worst[name] = Math.max(worst[name] ?? 0, error.max);
        expect(got.shape).toEqual(reference.get(c.name)!.shape);
        expect(error.max).toBeLessThanOrEqual(c.tolerance ?? 1e-4);
      });
    }

    for (const [x, f, s, pad] of [
      [[1, 7, 9, 3], [3, 3, 3, 4], 2, 'same'],
      [[2, 6, 5, 4], [3, 3, 4, 2], 1, 'valid'],
      [[1, 7, 9, 3], [4, 4, 3, 2], 2, 'same'],
    ] as const) {
      it(`conv2d x${x.join('x')} f${f.join('x')} stride ${s} ${pad}: y, dx, dW match the float64 definition within 1e-5`, async () => {
        await tf.setBackend(name);
        const g = convGeometry(x, f, s, pad);
        const xv = seededNormal(
          x.reduce((a: number, b: number) => a * b, 1),
          31,
        );
        const wv = seededNormal(
          f.reduce((a: number, b: number) => a * b, 1),
          32,
        );
        const dyv = seededNormal(g.n * g.oh * g.ow * g.co, 33);
        const want = naiveConv2d(g, xv, wv, dyv);
        const [y, dx, dw] = tf.tidy(() => {
          const xt = tf.tensor4d(xv, [...x] as [number, number, number, number]);
          const wt = tf.tensor4d(wv, [...f] as [number, number, number, number]);
          const dyt = tf.tensor4d(dyv, [g.n, g.oh, g.ow, g.co]);
          const grads = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
            tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, s, pad), dyt)),
          )([xt, wt]);
          return [tf.conv2d(xt, wt, s, pad).dataSync(), grads[0]!.dataSync(), grads[1]!.dataSync()];
        });
        for (const [a, b] of [
          [y, want.y],
          [dx, want.dx],
          [dw, want.dw],
        ] as const) {
          const scale = Math.max(...b.map(Math.abs));
          const diff = Math.max(...Array.from(b, (v, i) => Math.abs(a[i]! - v)));
          expect(diff / scale).toBeLessThanOrEqual(1e-5);
        }
      });
    }

    it('probe net 2x8x8x3, 3 Adam steps: loss falls, tensor count stable, losses match cpu within 1e-4', async () => {
      const run = async (backend: string) => {
        await tf.setBackend(backend);
        const net = createProbeNet({ seed: 4 });
        const x = tf.tensor4d(seededNormal(2 * 8 * 8 * 3, 41), [2, 8, 8, 3]);
        const t = tf.tensor4d(
          Float32Array.from(seededNormal(2 * 8 * 8 * 2, 42), (v) => (v > 0 ? 1 : 0)),
          [2, 8, 8, 2],
        );
        const adam = tf.train.adam(5e-3);
        const losses = [net.trainStep(adam, x, t)];
        const tensors = tf.memory().numTensors;
        losses.push(net.trainStep(adam, x, t), net.trainStep(adam, x, t));
        const stable = tf.memory().numTensors === tensors;
        net.dispose();
        adam.dispose();
        tf.dispose([x, t]);
        return { losses, stable };
      };
      const got = await run(name);
      expect(got.stable).toBe(true);
      expect(got.losses[2]).toBeLessThan(got.losses[0]!);
      if (name !== 'cpu') {
        const ref = await run('cpu');
        for (let i = 0; i < 3; i++)
          expect(Math.abs(got.losses[i]! - ref.losses[i]!) / ref.losses[i]!).toBeLessThanOrEqual(1e-4);
      }
    });
  });
}
