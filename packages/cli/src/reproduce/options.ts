import type { BackendChoice } from '@qfcn/contract';
import { InvalidArgumentError } from '@qfcn/contract';

export type DatasetKind = 'synthetic' | 'glas' | 'folder';

/** Everything that defines a reproduction run. Two runs with equal options produce equal results. */
export interface ReproduceOptions {
  /** Dataset folder (GlaS layout or `<id>.png` + `<id>_label.png`). Absent: the embedded synthetic data. */
  readonly data?: string;
  /** Kind of `data`; default `synthetic` without `data`, else `glas` when the folder looks like GlaS, else `folder`. */
  readonly dataset?: DatasetKind;
  /** FCN size: `tiny` (default), `small`, `paper`. */
  readonly preset?: string;
  /** INQ bit widths of QNT (the final FCNs on all data). Default [5, 6, 7]. */
  readonly bits?: readonly number[];
  /** Bit widths of the quantized suggesting ensembles (QSA-b). Default [7]. */
  readonly qsaBits?: readonly number[];
  /**
   * Ensemble sizes evaluated for the float FCNs on all data (max(members) FCNs are trained there;
   * smaller sizes use the first ones). Default [1, 3] ([Xu18]: 1 and 5, `--members 1,5`).
   */
  readonly members?: readonly number[];
  /** Final FCNs trained on each suggested subset (random, fg-random, SA, QSA-b). Default 1. */
  readonly subsetMembers?: number;
  /** Final FCNs re-trained with INQ (QNT) on all data at each bit width. Default 1. */
  readonly qntMembers?: number;
  /** Annotation budget: fraction of the training pool. Default 0.5. */
  readonly budget?: number;
  /** Backend for `initBackend`. Default `auto`. */
  readonly backend?: BackendChoice;
  /** Output folder. Default `qfcn-out`. */
  readonly out?: string;
  /** First seed. Default 1. */
  readonly seed?: number;
  /** Repetitions of the whole grid with seeds seed, seed+1, …. Default 3. */
  readonly seeds?: number;
  /**
   * Optimizer steps of every final FCN in the experiment (float and INQ phases together, so float and
   * quantized FCNs get the same budget); suggesting ensembles get it scaled by annotated ÷ budget
   * (`suggestingBudget`). Default by preset (tiny 400).
   */
  readonly steps?: number;
  /** Of `steps`, the steps of the INQ phase (4 INQ steps; float FCNs continue float for as many). Default a quarter. */
  readonly inqSteps?: number;
  /**
   * Optimizer steps of each FCN of a suggesting ensemble (a quarter of them the INQ phase of QSA).
   * Default: `steps` × annotated ÷ budget (`suggestingBudget`), as many crops per image as a final
   * FCN of the annotated set.
   */
  readonly suggestSteps?: number;
  /** Side of the random training crops. Default by preset. */
  readonly crop?: number;
  /** Crops per optimizer step. Default 4. */
  readonly batchSize?: number;
  /**
   * Peak Adam learning rate (warm-up over a tenth of the float phase, cosine decay to a tenth of it
   * at the end of the float phase, then constant for the INQ phase). Default by preset: tiny 4e-3,
   * small and paper 2e-3.
   */
  readonly learningRate?: number;
  /** Members of the ensemble that suggests (SA/QSA); uncertainty is their disagreement. Default by preset (tiny 2, else 4 as [Xu18]). */
  readonly suggestMembers?: number;
  /**
   * Candidates (the paper's K) and picks (k) per suggestion round. Default: picks = the budget minus
   * the initial set (one round), candidates = 2 × picks.
   */
  readonly candidates?: number;
  readonly picks?: number;
  /** Fraction of the training images held out as validation (suggestion round scores). Default 0.2. */
  readonly validationFraction?: number;
  /** Fraction of a folder dataset held out as its test split. Default 0.25. */
  readonly testFraction?: number;
  /** Synthetic dataset: images in train / testA / testB and their side. Default 60 / 20 / 10 of 128 px. */
  readonly synthetic?: {
    readonly train: number;
    readonly testA: number;
    readonly testB: number;
    readonly size: number;
  };
}

export interface ResolvedOptions
  extends Required<Omit<ReproduceOptions, 'data' | 'dataset' | 'candidates' | 'picks' | 'suggestSteps'>> {
  readonly data: string | undefined;
  readonly dataset: DatasetKind | undefined;
  readonly candidates: number | undefined;
  readonly picks: number | undefined;
  readonly suggestSteps: number | undefined;
}

// tiny's 4e-3 (instead of 2e-3) and the 60 synthetic training images (instead of 20) were chosen on
// fresh synthetic validation images, never on a run's test splits: benchmarks/reproduce-recipe.probe.mjs
const PRESET_SCALE: Record<string, { steps: number; crop: number; suggestMembers: number; learningRate: number }> = {
  tiny: { steps: 400, crop: 96, suggestMembers: 2, learningRate: 4e-3 },
  small: { steps: 2000, crop: 128, suggestMembers: 4, learningRate: 2e-3 },
  paper: { steps: 6000, crop: 256, suggestMembers: 4, learningRate: 2e-3 },
};

function positiveInt(name: string, v: number): number {
  if (!Number.isInteger(v) || v < 1) throw new InvalidArgumentError(name, `expected an integer ≥ 1, got ${v}`);
  return v;
}

function atLeast(name: string, v: number, min: number): number {
  if (!Number.isInteger(v) || v < min) throw new InvalidArgumentError(name, `expected an integer ≥ ${min}, got ${v}`);
  return v;
}

function positiveRate(v: number): number {
  if (!Number.isFinite(v) || v <= 0 || v >= 1)
    throw new InvalidArgumentError('--lr', `expected a learning rate in (0, 1), got ${v}`);
  return v;
}

function bitList(flag: string, list: readonly number[]): number[] {
  for (const b of list) {
    if (!Number.isInteger(b) || b < 2 || b > 8)
      throw new InvalidArgumentError(flag, `bit widths must be integers in 2..8, got ${b}`);
  }
  if (new Set(list).size !== list.length) throw new InvalidArgumentError(flag, 'bit widths repeat');
  return [...list].sort((a, b) => a - b);
}

function fraction(flag: string, v: number, closedAtOne: boolean): number {
  if (!(v > 0 && (closedAtOne ? v <= 1 : v < 1)))
    throw new InvalidArgumentError(flag, `expected a fraction in (0, 1${closedAtOne ? ']' : ')'}, got ${v}`);
  return v;
}

/** Fills defaults and validates; throws `InvalidArgumentError` naming the option. */
export function resolveOptions(o: ReproduceOptions): ResolvedOptions {
  const preset = o.preset ?? 'tiny';
  const scale = PRESET_SCALE[preset];
  if (!scale)
    throw new InvalidArgumentError(
      '--preset',
      `unknown preset '${preset}'; valid: ${Object.keys(PRESET_SCALE).join(', ')}`,
    );
  const members = [...(o.members ?? [1, 3])].map((m) => positiveInt('--members', m)).sort((a, b) => a - b);
  if (o.dataset && !['synthetic', 'glas', 'folder'].includes(o.dataset)) {
    throw new InvalidArgumentError('--dataset', `expected glas, folder or synthetic, got '${o.dataset}'`);
  }
  if (o.dataset && o.dataset !== 'synthetic' && !o.data)
    throw new InvalidArgumentError('--data', `--dataset ${o.dataset} needs --data DIR`);
  const seed = o.seed ?? 1;
  if (!Number.isInteger(seed) || seed < 0)
    throw new InvalidArgumentError('--seed', `expected an integer ≥ 0, got ${seed}`);
  const steps = positiveInt('--steps', o.steps ?? scale.steps);
  const inqSteps = positiveInt('--inq-steps', o.inqSteps ?? Math.max(4, Math.round(steps / 4)));
  if (inqSteps >= steps)
    throw new InvalidArgumentError('--inq-steps', `must be below --steps (${steps}), got ${inqSteps}`);
  return {
    data: o.data,
    dataset: o.data ? o.dataset : 'synthetic',
    preset,
    bits: bitList('--bits', o.bits ?? [5, 6, 7]),
    qsaBits: bitList('--qsa-bits', o.qsaBits ?? [7]),
    members,
    subsetMembers: positiveInt('--subset-members', o.subsetMembers ?? 1),
    qntMembers: Math.min(members[members.length - 1]!, positiveInt('--qnt-members', o.qntMembers ?? 1)),
    budget: fraction('--budget', o.budget ?? 0.5, true),
    backend: o.backend ?? 'auto',
    out: o.out ?? 'qfcn-out',
    seed,
    seeds: positiveInt('--seeds', o.seeds ?? 3),
    steps,
    inqSteps,
    crop: positiveInt('--crop', o.crop ?? scale.crop),
    batchSize: positiveInt('--batch-size', o.batchSize ?? 4),
    learningRate: positiveRate(o.learningRate ?? scale.learningRate),
    suggestMembers: positiveInt('--suggest-members', o.suggestMembers ?? scale.suggestMembers),
    suggestSteps: o.suggestSteps === undefined ? undefined : atLeast('--suggest-steps', o.suggestSteps, 8),
    candidates: o.candidates === undefined ? undefined : positiveInt('--candidates', o.candidates),
    picks: o.picks === undefined ? undefined : positiveInt('--picks', o.picks),
    validationFraction: fraction('--validation-fraction', o.validationFraction ?? 0.2, false),
    testFraction: fraction('--test-fraction', o.testFraction ?? 0.25, false),
    synthetic: o.synthetic ?? { train: 60, testA: 20, testB: 10, size: 128 },
  };
}
