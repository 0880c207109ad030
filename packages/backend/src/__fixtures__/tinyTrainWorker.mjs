// Worker module for runInWorkers tests: trains one tiny seeded conv net per task and returns its
// losses and final weights. Plain .mjs (no TypeScript) so worker threads can load it from sources.
import * as tf from '@tensorflow/tfjs';

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function setup(context) {
  tf.env().set('PROD', true);
  await tf.setBackend(context.workerData?.backend ?? 'cpu');
}

/** task: { seed, steps }; a failing task: { fail: 'message' }. */
export async function run(task, context) {
  if (task.fail) throw new Error(task.fail);
  const rand = mulberry32(task.seed);
  const values = (n, scale) => Float32Array.from({ length: n }, () => (rand() * 2 - 1) * scale);
  const w1 = tf.variable(tf.tensor4d(values(3 * 3 * 1 * 4, 0.5), [3, 3, 1, 4]));
  const w2 = tf.variable(tf.tensor4d(values(4, 0.5), [1, 1, 4, 1]));
  const x = tf.tensor4d(values(2 * 8 * 8, 1), [2, 8, 8, 1]);
  const y = tf.tensor4d(
    Float32Array.from({ length: 2 * 8 * 8 }, () => (rand() < 0.5 ? 0 : 1)),
    [2, 8, 8, 1],
  );
  const optimizer = tf.train.adam(0.05);
  const losses = [];
  for (let i = 0; i < task.steps; i++) {
    const loss = optimizer.minimize(
      () => tf.losses.sigmoidCrossEntropy(y, tf.conv2d(tf.relu(tf.conv2d(x, w1, 1, 'same')), w2, 1, 'same')),
      true,
    );
    losses.push(loss.dataSync()[0]);
    loss.dispose();
  }
  const result = { seed: task.seed, taskIndex: context.taskIndex, losses, w2: Array.from(w2.dataSync()) };
  tf.dispose([w1, w2, x, y]);
  optimizer.dispose();
  return result;
}
