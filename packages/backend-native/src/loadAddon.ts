import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The functions the compiled addon exports (native/addon.cc). */
export interface NativeAddon {
  conv2d(
    params: Int32Array,
    alpha: number,
    x: Float32Array,
    filter: Float32Array,
    bias: Float32Array | null,
    y: Float32Array,
  ): void;
  conv2dBackpropInput(params: Int32Array, dy: Float32Array, filter: Float32Array, dx: Float32Array): void;
  conv2dBackpropFilter(params: Int32Array, x: Float32Array, dy: Float32Array, dw: Float32Array): void;
  matMul(
    params: Int32Array,
    alpha: number,
    a: Float32Array,
    b: Float32Array,
    bias: Float32Array | null,
    c: Float32Array,
  ): void;
  maxPool(params: Int32Array, x: Float32Array, y: Float32Array): void;
  maxPoolGrad(params: Int32Array, x: Float32Array, dy: Float32Array, dx: Float32Array): void;
  binary(
    op: number,
    outShape: Int32Array,
    aShape: Int32Array,
    bShape: Int32Array,
    a: Float32Array,
    b: Float32Array,
    out: Float32Array,
  ): void;
  unary(op: number, alpha: number, x: Float32Array, y: Float32Array): void;
  reduce(op: number, outer: number, r: number, inner: number, x: Float32Array, y: Float32Array): void;
  slice(srcShape: Int32Array, begin: Int32Array, size: Int32Array, src: Float32Array, dst: Float32Array): void;
  concatRows(
    rows: number,
    outCols: number,
    colOffset: number,
    cols: number,
    src: Float32Array,
    dst: Float32Array,
  ): void;
  tile(inShape: Int32Array, outShape: Int32Array, src: Float32Array, dst: Float32Array): void;
  batchNorm(
    x: Float32Array,
    mean: Float32Array,
    variance: Float32Array,
    offset: Float32Array,
    scale: Float32Array,
    epsilon: number,
    y: Float32Array,
  ): void;
  batchNormGradStats(
    x: Float32Array,
    dy: Float32Array,
    mean: Float32Array,
    sumDy: Float32Array,
    sumDyXc: Float32Array,
  ): void;
  batchNormTraining(
    x: Float32Array,
    gamma: Float32Array,
    beta: Float32Array,
    epsilon: number,
    y: Float32Array,
    mean: Float32Array,
    variance: Float32Array,
  ): void;
  batchNormTrainingGrad(
    dy: Float32Array,
    x: Float32Array,
    gamma: Float32Array,
    mean: Float32Array,
    variance: Float32Array,
    dMean: Float32Array,
    dVariance: Float32Array,
    epsilon: number,
    dx: Float32Array,
    dGamma: Float32Array,
    dBeta: Float32Array,
  ): void;
  setThreads(threads: number): void;
  info(): { threads: number; onednn: string; isa: string };
}

/** The addon, or why there is none. */
export type AddonLoad = { addon: NativeAddon; reason: string } | { addon: null; reason: string };

let cached: AddonLoad | undefined;

/**
 * Loads the compiled oneDNN addon once per thread (later calls return the same answer).
 *
 * When to use: internally, by `isNativeAvailable` and `registerNativeBackend`.
 *
 * Details: the addon is `build/Release/qfcn_native.node` in the package root, built by node-gyp
 * at install time. It is reported absent, with a one-line reason, when `QFCN_NATIVE_DISABLE=1`,
 * when the install-time build failed (the reason the install script recorded in
 * `native-build.json`), or when loading throws (e.g. `libdnnl.so.2` removed since the build).
 * Sets `OMP_WAIT_POLICY=passive` (unless already set) before loading: spinning OpenMP waiters
 * make oneDNN many times slower whenever other processes share the cores.
 *
 * Example: `const { addon, reason } = loadAddon(); if (!addon) console.log(reason);`
 */
export function loadAddon(): AddonLoad {
  if (cached) return cached;
  cached = load();
  return cached;
}

function packageRoot(): string {
  // src/loadAddon.ts in tests, dist/index.{js,cjs} when built: the package root is one level up.
  return join(dirname(fileURLToPath(import.meta.url)), '..');
}

function load(): AddonLoad {
  if (process.env.QFCN_NATIVE_DISABLE === '1') {
    return { addon: null, reason: 'qfcn-native disabled by QFCN_NATIVE_DISABLE=1' };
  }
  const root = packageRoot();
  const file = join(root, 'build', 'Release', 'qfcn_native.node');
  if (!existsSync(file)) {
    return { addon: null, reason: `qfcn-native addon not built: ${buildFailure(root)}` };
  }
  // OpenMP threads that spin while waiting collapse when the cores are shared (a 2-thread conv
  // measured 25x slower on a busy 2-core machine); sleeping waiters cost microseconds per call.
  // libgomp reads this once, when the addon loads it. OMP_WAIT_POLICY=active overrides.
  if (process.env.OMP_WAIT_POLICY === undefined) process.env.OMP_WAIT_POLICY = 'passive';
  try {
    const addon = createRequire(import.meta.url)(file) as NativeAddon;
    const info = addon.info();
    return { addon, reason: `qfcn-native addon loaded (oneDNN ${info.onednn}, ${info.isa})` };
  } catch (error) {
    const message = String((error as Error)?.message ?? error).split('\n')[0];
    return { addon: null, reason: `qfcn-native addon failed to load: ${message}` };
  }
}

/** Why the addon at `root` is missing, from the install script's record (exported for tests). */
export function buildFailure(root: string): string {
  const status = join(root, 'native-build.json');
  if (existsSync(status)) {
    try {
      const recorded = JSON.parse(readFileSync(status, 'utf8')) as { ok?: boolean; reason?: string };
      if (recorded.ok === false && recorded.reason) return recorded.reason;
      if (recorded.ok === true)
        return 'build/Release/qfcn_native.node is missing although the last build succeeded (a rebuild in progress?)';
    } catch {
      // An unreadable status file says no more than its absence.
    }
  }
  // the install script records every outcome, so no record means it never ran
  return (
    "its install script never ran — pnpm 10 runs dependencies' install scripts only once approved " +
    '(pnpm approve-builds, then pnpm rebuild @qfcn/backend-native); it needs libdnnl-dev, g++ and make (see its README)'
  );
}
