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
  /** INQ bit widths for QSA and QNT. Default [5, 7]. */
  readonly bits?: readonly number[];
  /** Ensemble sizes evaluated (the final ensembles have max(members) FCNs; smaller sizes use the first ones). Default [1, 3] ([Xu18] uses 5: pass 1,5). */
  readonly members?: readonly number[];
  /** Annotation budget: fraction of the training pool. Default 0.5. */
  readonly budget?: number;
  /** Backend for `initBackend`. Default `auto`. */
  readonly backend?: BackendChoice;
  /** Output folder. Default `qfcn-out`. */
  readonly out?: string;
  /** Seed of everything. Default 1. */
  readonly seed?: number;
  /** Float training epochs of each FCN. Default by preset. */
  readonly epochs?: number;
  /** Epochs of INQ re-training per quantization step. Default by preset. */
  readonly epochsPerStep?: number;
  /** Side of the random training crops. Default by preset. */
  readonly crop?: number;
  /**
   * Adam learning rate of float training (final FCNs and suggesting ensembles); INQ re-training of
   * a float FCN uses a fifth of it. Default 5e-4 (SPEC §3).
   */
  readonly learningRate?: number;
  /** Members of the ensemble that suggests (SA/QSA); uncertainty is their disagreement. Default 2. */
  readonly suggestMembers?: number;
  /** Candidates (K) and picks (k) per suggestion round. Default: K = 2k, k = an eighth of the pool. */
  readonly K?: number;
  readonly k?: number;
  /** Fraction of a folder dataset held out as its test split. Default 0.25. */
  readonly testFraction?: number;
  /** Synthetic dataset: images in train / testA / testB and their side. Default 16 / 8 / 4 of 128 px. */
  readonly synthetic?: { readonly train: number; readonly testA: number; readonly testB: number; readonly size: number };
}

export interface ResolvedOptions extends Required<Omit<ReproduceOptions, 'data' | 'dataset' | 'K' | 'k'>> {
  readonly data: string | undefined;
  readonly dataset: DatasetKind | undefined;
  readonly K: number | undefined;
  readonly k: number | undefined;
}

const PRESET_SCALE: Record<string, { epochs: number; epochsPerStep: number; crop: number }> = {
  tiny: { epochs: 12, epochsPerStep: 2, crop: 64 },
  small: { epochs: 20, epochsPerStep: 3, crop: 128 },
  paper: { epochs: 60, epochsPerStep: 8, crop: 256 },
};

function positiveInt(name: string, v: number): number {
  if (!Number.isInteger(v) || v < 1) throw new InvalidArgumentError(name, `expected an integer ≥ 1, got ${v}`);
  return v;
}

function positiveRate(v: number): number {
  if (!Number.isFinite(v) || v <= 0 || v >= 1) throw new InvalidArgumentError('--lr', `expected a learning rate in (0, 1), got ${v}`);
  return v;
}

/** Fills defaults and validates; throws `InvalidArgumentError` naming the option. */
export function resolveOptions(o: ReproduceOptions): ResolvedOptions {
  const preset = o.preset ?? 'tiny';
  const scale = PRESET_SCALE[preset];
  if (!scale) throw new InvalidArgumentError('--preset', `unknown preset '${preset}'; valid: ${Object.keys(PRESET_SCALE).join(', ')}`);
  const bits = [...(o.bits ?? [5, 7])];
  for (const b of bits) {
    if (!Number.isInteger(b) || b < 2 || b > 8) throw new InvalidArgumentError('--bits', `bit widths must be integers in 2..8, got ${b}`);
  }
  if (new Set(bits).size !== bits.length) throw new InvalidArgumentError('--bits', 'bit widths repeat');
  const members = [...(o.members ?? [1, 3])].map((m) => positiveInt('--members', m)).sort((a, b) => a - b);
  const budget = o.budget ?? 0.5;
  if (!(budget > 0 && budget <= 1)) throw new InvalidArgumentError('--budget', `expected a fraction in (0, 1], got ${budget}`);
  const testFraction = o.testFraction ?? 0.25;
  if (!(testFraction > 0 && testFraction < 1)) throw new InvalidArgumentError('--test-fraction', `expected a fraction in (0, 1), got ${testFraction}`);
  if (o.dataset && !['synthetic', 'glas', 'folder'].includes(o.dataset)) {
    throw new InvalidArgumentError('--dataset', `expected glas, folder or synthetic, got '${o.dataset}'`);
  }
  if (o.dataset && o.dataset !== 'synthetic' && !o.data) throw new InvalidArgumentError('--data', `--dataset ${o.dataset} needs --data DIR`);
  const seed = o.seed ?? 1;
  if (!Number.isInteger(seed) || seed < 0) throw new InvalidArgumentError('--seed', `expected an integer ≥ 0, got ${seed}`);
  return {
    data: o.data,
    dataset: o.data ? o.dataset : 'synthetic',
    preset,
    bits: bits.sort((a, b) => a - b),
    members,
    budget,
    backend: o.backend ?? 'auto',
    out: o.out ?? 'qfcn-out',
    seed,
    epochs: positiveInt('--epochs', o.epochs ?? scale.epochs),
    epochsPerStep: positiveInt('--epochs-per-step', o.epochsPerStep ?? scale.epochsPerStep),
    crop: positiveInt('--crop', o.crop ?? scale.crop),
    learningRate: positiveRate(o.learningRate ?? 5e-4),
    suggestMembers: positiveInt('--suggest-members', o.suggestMembers ?? 2),
    K: o.K === undefined ? undefined : positiveInt('--K', o.K),
    k: o.k === undefined ? undefined : positiveInt('--k', o.k),
    testFraction,
    synthetic: o.synthetic ?? { train: 16, testA: 8, testB: 4, size: 128 },
  };
}
