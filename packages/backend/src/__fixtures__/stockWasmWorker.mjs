// Worker module for the threaded-wasm test: runs conv2d and matMul on tfjs' STOCK wasm backend
// (single-threaded, as tfjs sets it up in Node) so the main thread can compare its threaded results.
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { seededProblem } from './threadedProblem.mjs';

export async function setup(context) {
  setWasmPaths(context.workerData.wasmDir);
  await tf.setBackend('wasm');
}

export async function run() {
  return tf.tidy(() => {
    const { x, w, a, b } = seededProblem(tf);
    return {
      backend: tf.getBackend(),
      threads: getThreadsCount(),
      conv: Array.from(tf.conv2d(x, w, 1, 'same').dataSync()),
      matMul: Array.from(tf.matMul(a, b).dataSync()),
    };
  });
}
