// A seeded conv2d + matMul problem, big enough that XNNPACK splits it over threads.
export function seededProblem(tf) {
  let s = 12345;
  const rand = (n) =>
    Float32Array.from({ length: n }, () => {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      return (s / 2 ** 32) * 2 - 1;
    });
  return {
    x: tf.tensor4d(rand(2 * 48 * 48 * 16), [2, 48, 48, 16]),
    w: tf.tensor4d(rand(3 * 3 * 16 * 24), [3, 3, 16, 24]),
    a: tf.tensor2d(rand(96 * 200), [96, 200]),
    b: tf.tensor2d(rand(200 * 72), [200, 72]),
  };
}
