import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';
import { mulberry32 } from './mulberry32';

/** Uniform values in [-1, 1) for a shape, from a seed. */
export function randomValues(shape: number[], seed: number): Float32Array {
  const rand = mulberry32(seed);
  const out = new Float32Array(shape.reduce((a, b) => a * b, 1));
  for (let i = 0; i < out.length; i++) out[i] = rand() * 2 - 1;
  return out;
}

/**
 * Runs `fn` on backend `name` (inputs built inside from plain arrays) and returns the outputs as
 * arrays, leaving no tensor behind.
 */
export async function onBackend(name: string, fn: () => tf.Tensor | tf.Tensor[]): Promise<Float32Array[]> {
  await tf.setBackend(name);
  const before = tf.memory().numTensors;
  const outs = tf.tidy(() => {
    const r = fn();
    return Array.isArray(r) ? r : [r];
  });
  const arrays = outs.map((t) => Float32Array.from(t.dataSync()));
  tf.dispose(outs);
  expect(tf.memory().numTensors, `tensors leaked on ${name}`).toBe(before);
  return arrays;
}

/**
 * Expects `actual` to equal `expected` element-wise within `atol + rtol * max|expected|` (the max
 * over finite values); NaN must face NaN.
 */
export function expectClose(
  actual: Float32Array,
  expected: Float32Array,
  options: { rtol?: number; atol?: number } = {},
): void {
  const { rtol = 1e-4, atol = 1e-5 } = options;
  expect(actual.length).toBe(expected.length);
  let scale = 0;
  for (const v of expected) if (Number.isFinite(v)) scale = Math.max(scale, Math.abs(v));
  const tol = atol + rtol * scale;
  let worst = 0,
    at = -1;
  for (let i = 0; i < expected.length; i++) {
    // NaN matches NaN (and the same infinity matches itself); anything else against NaN fails.
    const same = Object.is(actual[i], expected[i]) || (Number.isNaN(actual[i]) && Number.isNaN(expected[i]));
    const d = same ? 0 : Number.isNaN(actual[i]! - expected[i]!) ? Infinity : Math.abs(actual[i]! - expected[i]!);
    if (!(d <= worst)) {
      worst = d;
      at = i;
    }
  }
  expect(
    worst,
    `max |diff| ${worst} at ${at} (actual ${actual[at]}, expected ${expected[at]}), tolerance ${tol}`,
  ).toBeLessThanOrEqual(tol);
}

/** Runs `fn` on qfcn-native and on cpu and expects every output to agree. */
export async function expectParity(
  fn: () => tf.Tensor | tf.Tensor[],
  options: { rtol?: number; atol?: number } = {},
): Promise<void> {
  const native = await onBackend('qfcn-native', fn);
  const cpu = await onBackend('cpu', fn);
  expect(native.length).toBe(cpu.length);
  for (let i = 0; i < cpu.length; i++) expectClose(native[i]!, cpu[i]!, options);
}
