import { InvalidArgumentError } from '@qfcn/quantize';
import { createInq, type Inq, type InqOptions } from './createInq';

/** A trainable weight as a trainer exposes it (structurally `TrainableWeight` of @qfcn/contract). */
export interface HookWeight {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: string;
}

/** What a trainer passes to hooks (structurally `TrainingContext` of @qfcn/contract). */
export interface HookContext {
  /** The model's trainable weights by name; in practice `tf.Variable`s (or LayerVariables). */
  readonly weights: ReadonlyMap<string, HookWeight>;
  readonly epoch: number;
  readonly step: number;
}

/** Options of {@link inqHook}. */
export interface InqHookOptions extends InqOptions {
  /** Advance one INQ step every this many epochs, starting at `startEpoch`; unset: call `advance()` yourself. */
  epochsPerStep?: number;
  /**
   * First epoch of INQ (default 0). Before it the hook does nothing and the weights train in float,
   * so one run can pre-train in float and then quantize: `n1` of each tensor is fixed from the
   * float weights reached at this epoch, as INQ prescribes ([Zhou17] starts from a trained model).
   */
  startEpoch?: number;
  /** Apply every remaining step when training ends, so the model always ends fully quantized (default true). */
  finishOnTrainEnd?: boolean;
  /** Hook name (default `'inq'`). */
  name?: string;
}

/** INQ as a training hook: structurally a `TrainingHook` of @qfcn/contract. */
export interface InqHook {
  readonly name: string;
  /** The INQ run, once bound to the trainer's weights (at the first callback). */
  readonly inq: Inq | undefined;
  onTrainBegin(ctx: HookContext): void;
  onEpochBegin(ctx: HookContext): void;
  /** Re-imposes frozen values after each optimizer step (masks the final update). */
  afterUpdate(ctx: HookContext): void;
  onTrainEnd(ctx: HookContext): void;
  saveState(): unknown;
  restoreState(state: unknown): void;
  /** Applies the next INQ step now (between epochs or whenever you decide). */
  advance(ctx?: HookContext): { step: number; portion: number };
  dispose(): void;
}

/**
 * INQ as a trainer hook (the `TrainingHook` shape of @qfcn/contract, implemented structurally so
 * this package needs nothing else of qfcn).
 *
 * **When to use**: with @qfcn/fcn's trainer, or any trainer that calls `afterUpdate` after every
 * optimizer step and the epoch callbacks; `saveState`/`restoreState` make INQ resumable from
 * checkpoints.
 *
 * **Details**: binds lazily to `ctx.weights` at the first callback (`createInq` with the given
 * options: n1 fixed from the float weights then). With `epochsPerStep = k` the hook applies step
 * `floor(epoch / k)` at the start of each epoch (catching up after a resume), so step 0 (50 %)
 * precedes any training; without it, call `advance()`. `afterUpdate` calls `inq.enforce()`.
 * `onTrainEnd` finishes INQ (all weights on levels) unless `finishOnTrainEnd: false`.
 * `restoreState` before binding is kept and applied when binding (the weights must then hold the
 * checkpoint values).
 *
 * @example
 * const hook = inqHook({ bits: 7, epochsPerStep: 5 });
 * await trainer.train(model, data, { hooks: [hook], epochs: 20 });
 */
export function inqHook(options: InqHookOptions = {}): InqHook {
  const { epochsPerStep, startEpoch = 0, finishOnTrainEnd = true, name = 'inq', ...inqOptions } = options;
  if (!(Number.isInteger(startEpoch) && startEpoch >= 0)) {
    throw new InvalidArgumentError('startEpoch', `expected an integer ≥ 0, got ${String(startEpoch)}`);
  }
  if (epochsPerStep !== undefined && !(Number.isInteger(epochsPerStep) && epochsPerStep >= 1)) {
    throw new InvalidArgumentError('epochsPerStep', `expected an integer ≥ 1, got ${String(epochsPerStep)}`);
  }
  let inq: Inq | undefined;
  let pending: unknown;
  const bind = (ctx: HookContext | undefined): Inq => {
    if (inq) return inq;
    if (!ctx || !(ctx.weights instanceof Map)) {
      throw new InvalidArgumentError(
        'ctx',
        'the INQ hook needs a training context with a weights map before it can start',
      );
    }
    inq = createInq(ctx.weights, inqOptions);
    if (pending !== undefined) {
      inq.restoreState(pending);
      pending = undefined;
    }
    return inq;
  };
  const catchUp = (ctx: HookContext) => {
    if (ctx.epoch < startEpoch) return;
    const run = bind(ctx);
    if (epochsPerStep === undefined) return;
    const target = Math.min(Math.floor((ctx.epoch - startEpoch) / epochsPerStep), run.schedule.length - 1);
    while (run.step < target) run.advance();
  };
  return {
    name,
    get inq() {
      return inq;
    },
    onTrainBegin: (ctx) => catchUp(ctx),
    onEpochBegin: (ctx) => catchUp(ctx),
    afterUpdate: (ctx) => {
      if (ctx.epoch >= startEpoch) bind(ctx).enforce();
    },
    onTrainEnd(ctx) {
      if (finishOnTrainEnd) bind(ctx).finish();
    },
    saveState: () => (inq ? inq.saveState() : (pending ?? null)),
    restoreState(state) {
      if (state === null || state === undefined) return;
      if (inq) inq.restoreState(state);
      else pending = state;
    },
    advance: (ctx) => bind(ctx).advance(),
    dispose() {
      inq?.dispose();
    },
  };
}
