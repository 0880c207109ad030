import * as tf from '@tensorflow/tfjs-core';
import {
  DEFAULT_INQ_SCHEDULE,
  InvalidArgumentError,
  NothingToQuantizeError,
  inqPartition,
  packCodes,
  powerOfTwoQuantizer,
  unpackCodes,
  assertInqSchedule,
  type InqPartitionStrategy,
  type QuantizationParams,
  type Quantizer,
} from '@qfcn/quantize';
import { collectWeights } from './collectWeights';
import { fromBase64, readFloat32, toBase64, type WeightSource } from './internal';

/** Which weights to quantize: a RegExp tested on the name, an exact name, a list of those, or a predicate. */
export type WeightPattern = RegExp | string | ReadonlyArray<RegExp | string> | ((name: string) => boolean);

/** Options of {@link createInq}. */
export interface InqOptions {
  /** Bit width of the power-of-two levels, 2–8 (default 5; the paper studies 5, 6, 7). */
  bits?: number;
  /** Accumulated quantized portions, increasing, ending at 1 (default `[0.5, 0.75, 0.875, 1]`). */
  schedule?: readonly number[];
  /** `'magnitude'` (default: largest |w| first, [Zhou17]) or `'random'` (seeded ablation). */
  partition?: InqPartitionStrategy;
  /** Seed of the random partition (default 0). */
  seed?: number;
  /** Weights to quantize (default `/kernel$/`: conv, dense, depthwise and pointwise kernels). */
  include?: WeightPattern;
  /** Weights never quantized even if included (default: biases and batch-norm parameters). */
  exclude?: WeightPattern;
  /** Another quantizer behind the same schedule (default: power-of-two at `bits`). */
  quantizer?: Quantizer;
}

/** Default `include`: every kernel (Conv2D, Dense, DepthwiseConv2D, SeparableConv2D, Conv2DTranspose). */
export const DEFAULT_INQ_INCLUDE = /kernel$/;
/** Default `exclude`: biases and batch-norm parameters and statistics. */
export const DEFAULT_INQ_EXCLUDE = /(bias|gamma|beta|moving_mean|moving_variance)$/;

/** Serializable INQ state for checkpoints (what `saveState` returns). */
export interface InqState {
  readonly format: 'qfcn-inq-state';
  readonly version: 1;
  readonly kind: string;
  readonly bits: number;
  readonly schedule: readonly number[];
  readonly partition: InqPartitionStrategy;
  readonly seed: number;
  /** Index into `schedule` of the last applied step; −1 before the first. */
  readonly step: number;
  readonly tensors: ReadonlyArray<{
    readonly name: string;
    readonly count: number;
    readonly params: QuantizationParams;
    /** The frozen mask, one bit per weight (LSB-first), base64. */
    readonly frozen: string;
  }>;
}

/** An INQ run over a model's weights. Create with {@link createInq}. */
export interface Inq {
  readonly bits: number;
  readonly schedule: readonly number[];
  /** Names of the quantized weights, in model order. */
  readonly names: readonly string[];
  /** Index into `schedule` of the last applied step; −1 before the first `advance()`. */
  readonly step: number;
  /** Accumulated frozen portion now: 0 before the first step, `schedule[step]` after. */
  readonly portion: number;
  /** True once the last step (portion 1) has been applied: every quantized weight is a level. */
  readonly done: boolean;
  /**
   * Applies the next step: per tensor, freezes the next portion of its weights (chosen among the
   * free ones from their current values) at their quantized values. Throws when already done.
   */
  advance(): { step: number; portion: number };
  /** Applies every remaining step (ends with all quantized weights on levels). No-op when done. */
  finish(): void;
  /**
   * Re-imposes the frozen values on the variables: call after every optimizer update (the masked
   * optimizer, the training hook and the fit callback do it for you). Masks the *final* update, so
   * momentum, Adam state and weight decay cannot move a frozen weight.
   */
  enforce(): void;
  /** Per-tensor quantization parameters (`n1` fixed from the float weights at creation). */
  params(): Map<string, QuantizationParams>;
  /** Copy of a tensor's frozen mask (1 = frozen). */
  frozenMask(name: string): Uint8Array;
  saveState(): InqState;
  /** Restores a state saved by `saveState`; the variables must already hold the checkpoint weights. */
  restoreState(state: unknown): void;
  /** Frees the mask tensors. The variables are the caller's and stay. */
  dispose(): void;
}

interface Entry {
  readonly name: string;
  readonly variable: tf.Variable;
  params: QuantizationParams;
  mask: Uint8Array;
  maskTensor: tf.Tensor | null;
  frozenTensor: tf.Tensor | null;
}

function matcher(pattern: WeightPattern, option: string): (name: string) => boolean {
  if (typeof pattern === 'function') return pattern;
  if (pattern instanceof RegExp) return (name) => new RegExp(pattern.source, pattern.flags.replace('g', '')).test(name);
  if (typeof pattern === 'string') return (name) => name === pattern;
  if (Array.isArray(pattern)) {
    const parts = pattern.map((p) => matcher(p as RegExp | string, option));
    return (name) => parts.some((m) => m(name));
  }
  throw new InvalidArgumentError(option, 'expected a RegExp, a name, an array of those, or a function');
}

/** Runs `fn`, re-throwing argument errors about the anonymous 'values' argument as errors naming the weight. */
function named<T>(name: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (!InvalidArgumentError.isInstance(err)) throw err;
    const reason = err.message.replace(/^Invalid argument '[^']*': /, '');
    throw new InvalidArgumentError(name, reason, { cause: err, code: err.code });
  }
}

function describe(pattern: WeightPattern): string {
  if (typeof pattern === 'function') return 'the include predicate';
  if (Array.isArray(pattern)) return `any of [${pattern.map(String).join(', ')}]`;
  return String(pattern);
}

/**
 * Starts incremental network quantization (INQ, [Zhou17]) on the weights of any tfjs model.
 *
 * **When to use**: to train a model whose conv/dense kernels end as power-of-two values (or the
 * levels of another quantizer) without losing accuracy: quantize a portion, retrain the rest,
 * repeat until everything is quantized. Drive it with `maskedOptimizer` (your own training loop),
 * `inqHook` (@qfcn/fcn's trainer) or `inqCallback` (`model.fit`).
 *
 * **Details**: selects the float32 weights whose names match `include` and not `exclude`
 * (see `collectWeights` for names), and fixes each tensor's parameters now, from its float
 * weights (`n1 = floor(log2(4·max|w|/3))`). Nothing is quantized until `advance()`; step `t`
 * freezes the `schedule[t]` fraction of each tensor (largest |w| among the still-free weights, or a
 * seeded random choice) at the nearest level. Frozen weights never change afterwards as long as
 * `enforce()` runs after each update. Biases and batch-norm parameters stay float.
 * Throws `NothingToQuantizeError` when no weight matches, `InvalidScheduleError`,
 * `BitsOutOfRangeError`, `InvalidArgumentError` for a non-float32 matched weight or an all-zero
 * kernel, and the value errors (NaN/∞/empty).
 *
 * @example
 * const inq = createInq(model, { bits: 5 });
 * model.compile({ optimizer: maskedOptimizer(tf.train.adam(1e-3), inq), loss: 'categoricalCrossentropy' });
 * for (const _ of inq.schedule) { inq.advance(); await model.fit(x, y, { epochs: 2 }); }
 * // every kernel weight is now 0 or ±2^k with k in [n1 − 7, n1]
 */
export function createInq(source: WeightSource, options: InqOptions = {}): Inq {
  const schedule = assertInqSchedule(options.schedule ?? DEFAULT_INQ_SCHEDULE);
  const quantizer = options.quantizer ?? powerOfTwoQuantizer({ bits: options.bits ?? 5 });
  if (options.quantizer && options.bits !== undefined && options.bits !== quantizer.bits) {
    throw new InvalidArgumentError('bits', `${options.bits} differs from the given quantizer's ${quantizer.bits} bits`);
  }
  const partition = options.partition ?? 'magnitude';
  if (partition !== 'magnitude' && partition !== 'random') {
    throw new InvalidArgumentError('partition', `expected 'magnitude' or 'random', got ${String(partition)}`);
  }
  const seed = options.seed ?? 0;
  if (!Number.isInteger(seed)) throw new InvalidArgumentError('seed', `expected an integer, got ${String(seed)}`);
  const includePattern = options.include ?? DEFAULT_INQ_INCLUDE;
  const include = matcher(includePattern, 'include');
  const exclude = matcher(options.exclude ?? DEFAULT_INQ_EXCLUDE, 'exclude');

  const variables = collectWeights(source);
  const entries: Entry[] = [];
  for (const [name, variable] of variables) {
    if (!include(name) || exclude(name)) continue;
    const params = named(name, () => quantizer.calibrate(readFloat32(variable, name)));
    entries.push({ name, variable, params, mask: new Uint8Array(variable.size), maskTensor: null, frozenTensor: null });
  }
  if (entries.length === 0) {
    throw new NothingToQuantizeError(
      [...variables.keys()],
      `include ${describe(includePattern)} (excluding ${describe(options.exclude ?? DEFAULT_INQ_EXCLUDE)})`,
    );
  }

  let step = -1;
  let disposed = false;
  const alive = () => {
    if (disposed) throw new InvalidArgumentError('inq', 'this INQ run was disposed');
  };

  /** Rebuilds an entry's mask/frozen tensors from its mask and the given level values. */
  const install = (e: Entry, levels: Float32Array) => {
    const frozen = new Float32Array(levels.length);
    for (let i = 0; i < levels.length; i++) if (e.mask[i]) frozen[i] = levels[i]!;
    e.maskTensor?.dispose();
    e.frozenTensor?.dispose();
    e.maskTensor = tf.tensor(e.mask, e.variable.shape, 'bool');
    e.frozenTensor = tf.tensor(frozen, e.variable.shape, 'float32');
  };

  const enforce = () => {
    alive();
    tf.tidy(() => {
      for (const e of entries) {
        if (e.maskTensor && e.frozenTensor) e.variable.assign(tf.where(e.maskTensor, e.frozenTensor, e.variable));
      }
    });
  };

  const advance = () => {
    alive();
    if (step >= schedule.length - 1) {
      throw new InvalidArgumentError('inq', `all ${schedule.length} steps are applied already (portion 1.0)`);
    }
    const next = step + 1;
    const portion = schedule[next]!;
    // Compute every tensor's new mask and levels first, so that a failure (e.g. NaN weights after
    // diverged training) leaves the run unchanged.
    const updates = entries.map((e, index) =>
      named(e.name, () => {
        const values = readFloat32(e.variable, e.name);
        const stepSeed = (seed + Math.imul(index + 1, 0x9e3779b1) + Math.imul(next + 1, 0x85ebca6b)) | 0;
        const mask = inqPartition(values, e.mask, portion, { partition, seed: stepSeed });
        // Already-frozen weights keep their frozen values — the frozen tensor is the truth, and
        // re-quantizing a level is the identity except for DoReFa; newly frozen ones are quantized.
        const quantized = quantizer.quantize(values, e.params);
        const frozenBefore = e.frozenTensor ? (e.frozenTensor.dataSync() as Float32Array) : null;
        const levels = new Float32Array(values.length);
        for (let i = 0; i < values.length; i++) levels[i] = e.mask[i] ? frozenBefore![i]! : quantized[i]!;
        return { mask, levels };
      }),
    );
    step = next;
    entries.forEach((e, i) => {
      e.mask = updates[i]!.mask;
      install(e, updates[i]!.levels);
    });
    enforce();
    return { step, portion };
  };

  const inq: Inq = {
    bits: quantizer.bits,
    schedule,
    names: entries.map((e) => e.name),
    get step() {
      return step;
    },
    get portion() {
      return step < 0 ? 0 : schedule[step]!;
    },
    get done() {
      return step === schedule.length - 1;
    },
    advance,
    finish() {
      while (step < schedule.length - 1) advance();
    },
    enforce,
    params: () => new Map(entries.map((e) => [e.name, e.params])),
    frozenMask(name) {
      const e = entries.find((x) => x.name === name);
      if (!e)
        throw new InvalidArgumentError(
          'name',
          `'${name}' is not quantized by this INQ run (quantized: ${entries.map((x) => x.name).join(', ')})`,
        );
      return e.mask.slice();
    },
    saveState(): InqState {
      alive();
      return {
        format: 'qfcn-inq-state',
        version: 1,
        kind: quantizer.kind,
        bits: quantizer.bits,
        schedule: schedule.slice(),
        partition,
        seed,
        step,
        tensors: entries.map((e) => ({
          name: e.name,
          count: e.mask.length,
          params: { ...e.params },
          frozen: toBase64(packCodes(Uint16Array.from(e.mask), 1)),
        })),
      };
    },
    restoreState(raw: unknown) {
      alive();
      const state = raw as InqState;
      const bad = (message: string) => new InvalidArgumentError('state', message);
      if (state?.format !== 'qfcn-inq-state') throw bad('not an INQ state (format is not qfcn-inq-state)');
      if (state.version !== 1) throw bad(`unsupported INQ state version ${String(state.version)}`);
      if (state.kind !== quantizer.kind || state.bits !== quantizer.bits) {
        throw bad(
          `saved for ${state.kind} at ${state.bits} bits, this run is ${quantizer.kind} at ${quantizer.bits} bits`,
        );
      }
      if (JSON.stringify(state.schedule) !== JSON.stringify(schedule) || state.partition !== partition) {
        throw bad(
          `saved with schedule [${state.schedule}] (${state.partition}), this run has [${schedule}] (${partition})`,
        );
      }
      if (!Number.isInteger(state.step) || state.step < -1 || state.step >= schedule.length)
        throw bad(`step ${state.step} out of range`);
      const names = entries.map((e) => e.name);
      if (!Array.isArray(state.tensors) || JSON.stringify(state.tensors.map((t) => t.name)) !== JSON.stringify(names)) {
        throw bad(`saved for tensors [${(state.tensors ?? []).map((t) => t.name)}], this run quantizes [${names}]`);
      }
      const restored = entries.map((e, i) => {
        const t = state.tensors[i]!;
        if (t.count !== e.mask.length)
          throw bad(`tensor '${e.name}' has ${e.mask.length} weights, the state ${t.count}`);
        const mask = Uint8Array.from(unpackCodes(fromBase64(t.frozen, `state.tensors[${i}].frozen`), 1, t.count));
        const values = readFloat32(e.variable, e.name);
        const levels = new Set(quantizer.levels(t.params));
        for (let j = 0; j < values.length; j++) {
          if (mask[j] && !levels.has(values[j]!)) {
            throw bad(
              `'${e.name}'[${j}] = ${values[j]} is frozen in the state but not a level; load the checkpoint weights before the INQ state`,
            );
          }
        }
        return { mask, values, params: t.params };
      });
      step = state.step;
      entries.forEach((e, i) => {
        e.params = restored[i]!.params;
        e.mask = restored[i]!.mask;
        if (e.mask.some((m) => m === 1)) install(e, restored[i]!.values);
        else {
          e.maskTensor?.dispose();
          e.frozenTensor?.dispose();
          e.maskTensor = e.frozenTensor = null;
        }
      });
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      for (const e of entries) {
        e.maskTensor?.dispose();
        e.frozenTensor?.dispose();
        e.maskTensor = e.frozenTensor = null;
      }
    },
  };
  return inq;
}
