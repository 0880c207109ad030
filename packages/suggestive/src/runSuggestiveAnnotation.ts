import {
  InvalidArgumentError,
  type AnnotationOracle,
  type Ensemble,
  type EnsembleTrainer,
  type Pool,
  type ProgressListener,
  type Sample,
} from '@qfcn/contract';
import { RoundLogMismatchError } from './errors';
import { mostUncertain } from './mostUncertain';
import { readRoundLog } from './readRoundLog';
import { representativeness } from './representativeness';
import { deriveSeed, mulberry32, sampleWithoutReplacement } from './rng';
import type { FinalRecord, RoundLog, RoundLogSettings, RoundRecord, ValidationScore } from './roundLogTypes';
import { scorePool } from './scorePool';
import { similarityMatrix } from './similarityMatrix';
import { suggest } from './suggest';
import type { Strategy } from './types';
import { writeRoundLog } from './writeRoundLog';

/** Tags of the derived random streams (part of the log format: changing them changes results). */
const STREAM_INITIAL = 1;
const STREAM_TRAIN = 2;
const STREAM_RANDOM = 3;

export interface SuggestiveAnnotationOptions {
  /** All candidate images (annotated or not); ids in a stable order. */
  readonly pool: Pool;
  /** Reveals labels: ground truth in experiments, an expert (behind a cache) in practice. */
  readonly oracle: AnnotationOracle;
  /** Trains the round's ensemble on the annotated set. QSA: a trainer whose members run INQ. */
  readonly trainer: EnsembleTrainer;
  /** Default `'suggestive'` (uncertainty + representativeness). Baselines: `'uncertainty'`, `'random'`. */
  readonly strategy?: Strategy;
  /**
   * The initial annotated set: a count (integer ≥ 1), a fraction of the pool (0 < x < 1, rounded up),
   * or explicit ids. A count/fraction is drawn at random from `seed`, identically for every strategy.
   * Default: `picks`.
   */
  readonly initial?: number | readonly string[];
  /** Candidates per round (the most uncertain; the paper's K). Default 16. */
  readonly candidates?: number;
  /** Images annotated per round (the paper's k). Default 8; must be ≤ `candidates`. */
  readonly picks?: number;
  /**
   * Total annotated images to reach, initial set included: a fraction of the pool (0 < x < 1, rounded
   * up) or a count (integer ≥ 1; note `1` means one image — pass the pool size for all of it). Default 0.5.
   */
  readonly budget?: number;
  /** Seed of every random choice (initial set, trainer seeds, random picks). Default 0. */
  readonly seed?: number;
  /** Path of the JSON round log (written atomically after each round; resumed from if present). */
  readonly log?: string;
  /** Scores a round's ensemble (e.g. object Dice on a held-out split); logged per round. */
  readonly validate?: (
    ensemble: Ensemble,
    info: { readonly round: number; readonly annotated: readonly string[] },
  ) => ValidationScore | Promise<ValidationScore>;
  /** After the last round, train on the final annotated set and validate it. Default: true when `validate` is given. */
  readonly finalValidation?: boolean;
  /** Dispose each ensemble that has a `dispose()` method once its round is done. Default true. */
  readonly disposeEnsembles?: boolean;
  /** Progress events: `train`, `validate`, `score`, `annotate`, `round`, `final`. */
  readonly onProgress?: ProgressListener;
  /** Cancels between steps (and is passed to the trainer). */
  readonly signal?: AbortSignal;
}

export interface SuggestiveAnnotationResult {
  /** Annotated ids in the order they were annotated: the initial set, then each round's picks. */
  readonly annotated: string[];
  readonly rounds: RoundRecord[];
  readonly final: FinalRecord | null;
  /** Rounds taken from an existing log instead of being run. */
  readonly resumedRounds: number;
  readonly settings: RoundLogSettings;
}

/**
 * The active-learning loop of [Yang17] / [Xu18]: train an ensemble on the annotated set, score the
 * unannotated pool, pick images by strategy, reveal their labels, repeat until the budget is reached.
 *
 * **When to use**: to run suggestive annotation (SA), its quantized variant (QSA: pass a trainer that
 * trains INQ members) or the baselines with the same seeds, and to resume such runs after a crash.
 *
 * **Details**
 * - Round r: `trainer.train(annotated, { seed: deriveSeed(seed, r), round: r })` → optional
 *   `validate(ensemble)` → score the unannotated pool (`scorePool`) → pick `min(picks, budget − |annotated|)`
 *   images → `oracle.annotate` each → log. The last round may pick fewer than `picks`.
 * - `'suggestive'`: `suggest` (`candidates` most uncertain, then greedy representativeness over the whole
 *   unannotated pool). `'uncertainty'`: the `picks` most uncertain. `'random'`: `picks` uniformly from the
 *   unannotated pool; the pool is not scored, and the ensemble is only trained when `validate` is given.
 * - The initial set, the trainer seeds and the random picks derive from `seed` alone, so strategies run
 *   with the same seed start from the same set and train round 0 identically.
 * - With `log`, the JSON log is rewritten atomically (tmp + rename) after every round. An existing log
 *   is resumed: its rounds are not rerun (their ids are re-annotated through the oracle to rebuild the
 *   training set), and a deterministic trainer then reproduces the uninterrupted run exactly. A log
 *   written with other settings throws `RoundLogMismatchError`; a corrupt one `CorruptFileError`.
 * - Each round's ensemble is disposed after use when it has `dispose()` (see `disposeEnsembles`).
 * - Bad options (unknown strategy, picks > candidates, budget beyond the pool or below the initial set, repeated or
 *   unknown ids) throw `InvalidArgumentError` before any training.
 *
 * @example
 * const result = await runSuggestiveAnnotation({
 *   pool, oracle, trainer, strategy: 'suggestive', candidates: 16, picks: 8, budget: 0.5, seed: 1,
 *   log: 'runs/sa-seed1.json', validate: (ensemble) => myDice(ensemble, heldOut),
 * });
 * console.log(result.annotated.length, result.rounds.map((r) => r.validation));
 */
export async function runSuggestiveAnnotation(
  options: SuggestiveAnnotationOptions,
): Promise<SuggestiveAnnotationResult> {
  const { pool, oracle, trainer, validate, onProgress, signal } = options;
  if (!pool || typeof pool.ids !== 'function' || typeof pool.image !== 'function') {
    throw new InvalidArgumentError('pool', 'expected a Pool with ids() and image(id)');
  }
  if (!oracle || typeof oracle.annotate !== 'function')
    throw new InvalidArgumentError('oracle', 'expected an AnnotationOracle with annotate(id)');
  if (!trainer || typeof trainer.train !== 'function')
    throw new InvalidArgumentError('trainer', 'expected an EnsembleTrainer with train(annotated, options)');
  const settings = resolveSettings(options);
  const finalValidation = options.finalValidation ?? validate !== undefined;
  const disposeEnsembles = options.disposeEnsembles ?? true;
  const poolIds = pool.ids().slice();

  // Resume or start.
  let rounds: RoundRecord[] = [];
  let final: FinalRecord | null = null;
  if (options.log) {
    const existing = await readRoundLog(options.log);
    if (existing) {
      assertSameSettings(options.log, existing.settings, settings);
      const known = new Set(poolIds);
      for (const r of existing.rounds) {
        for (const id of r.chosen) {
          if (!known.has(id)) {
            throw new InvalidArgumentError(
              'log',
              `${options.log}: round ${r.round} chose '${id}', which is not in the pool`,
            );
          }
        }
      }
      rounds = existing.rounds.slice();
      final = existing.final;
    }
  }
  const resumedRounds = rounds.length;
  const annotated: string[] = [...settings.initial, ...rounds.flatMap((r) => r.chosen)];
  const writeLog = async () => {
    if (options.log) {
      const log: RoundLog = { format: 'qfcn-suggestive-log', version: 2, settings, rounds, final };
      await writeRoundLog(options.log, log);
    }
  };

  // Labels of everything already annotated (initial set and resumed rounds).
  const samples: Sample[] = [];
  const annotate = async (ids: readonly string[]) => {
    for (const id of ids) {
      signal?.throwIfAborted();
      const [image, label] = await Promise.all([pool.image(id), oracle.annotate(id)]);
      samples.push({ id, image, label });
      onProgress?.({ stage: 'annotate', current: samples.length, total: settings.budget, message: id });
    }
  };
  const finished = annotated.length >= settings.budget && (!finalValidation || final !== null);
  if (finished) return { annotated, rounds, final, resumedRounds, settings };
  await annotate(annotated);
  if (resumedRounds === 0) await writeLog();

  const plannedRounds = Math.ceil((settings.budget - settings.initial.length) / settings.picks);
  const release = async (ensemble: Ensemble | undefined) => {
    const d = (ensemble as { dispose?: () => void | Promise<void> } | undefined)?.dispose;
    if (disposeEnsembles && typeof d === 'function') await d.call(ensemble);
  };
  const train = async (round: number, stage: string): Promise<{ ensemble: Ensemble; seed: number }> => {
    signal?.throwIfAborted();
    const seed = deriveSeed(settings.seed, STREAM_TRAIN, round);
    onProgress?.({ stage, current: round + 1, total: plannedRounds + 1, values: { annotated: samples.length } });
    const ensemble = await trainer.train(samples.slice(), signal ? { seed, round, signal } : { seed, round });
    if (!ensemble || typeof ensemble.memberOutputs !== 'function') {
      throw new InvalidArgumentError('trainer', `train() of round ${round} did not return an Ensemble`);
    }
    return { ensemble, seed };
  };
  const validateEnsemble = async (ensemble: Ensemble, round: number): Promise<ValidationScore | null> => {
    if (!validate) return null;
    signal?.throwIfAborted();
    onProgress?.({ stage: 'validate', current: round + 1, total: plannedRounds + 1 });
    return await validate(ensemble, { round, annotated: annotated.slice() });
  };

  while (annotated.length < settings.budget) {
    const round = rounds.length;
    const started = performance.now();
    const annotatedSet = new Set(annotated);
    const unannotated = poolIds.filter((id) => !annotatedSet.has(id));
    const take = Math.min(settings.picks, settings.budget - annotated.length, unannotated.length);
    const needEnsemble = settings.strategy !== 'random' || validate !== undefined;
    const trained = needEnsemble ? await train(round, 'train') : undefined;
    try {
      const validation = trained ? await validateEnsemble(trained.ensemble, round) : null;
      let chosen: string[];
      let candidates: string[] = [];
      let uncertainty: (number | null)[];
      let gains: number[] | null = null;
      let F: number | null = null;
      if (settings.strategy === 'random') {
        const rng = mulberry32(deriveSeed(settings.seed, STREAM_RANDOM, round));
        chosen = sampleWithoutReplacement(unannotated, take, rng);
        if (trained) {
          const scores = await scorePool(trained.ensemble, pool, { ids: chosen, onProgress, signal });
          uncertainty = Array.from(scores.uncertainty);
        } else {
          uncertainty = chosen.map(() => null);
        }
      } else {
        const scores = await scorePool((trained as { ensemble: Ensemble }).ensemble, pool, {
          ids: unannotated,
          onProgress,
          signal,
        });
        let picks: number[];
        if (settings.strategy === 'suggestive') {
          const s = suggest({
            uncertainty: scores.uncertainty,
            descriptors: scores.descriptors,
            candidates: settings.candidates,
            picks: take,
          });
          picks = s.selected;
          candidates = s.candidates.map((i) => unannotated[i]!);
          gains = s.gains;
          F = s.representativeness;
        } else {
          picks = mostUncertain(scores.uncertainty, { count: take });
          candidates = picks.map((i) => unannotated[i]!);
          F = representativeness(picks, similarityMatrix(scores.descriptors, { rows: picks }));
        }
        chosen = picks.map((i) => unannotated[i]!);
        uncertainty = picks.map((i) => scores.uncertainty[i]!);
      }
      await annotate(chosen);
      annotated.push(...chosen);
      rounds.push({
        round,
        trainSeed: deriveSeed(settings.seed, STREAM_TRAIN, round),
        annotatedBefore: annotated.length - chosen.length,
        validation,
        unannotated: unannotated.length,
        candidates,
        chosen,
        uncertainty,
        gains,
        representativeness: F,
        seconds: (performance.now() - started) / 1000,
      });
      await writeLog();
      onProgress?.({
        stage: 'round',
        current: round + 1,
        total: plannedRounds,
        values: { annotated: annotated.length },
      });
    } finally {
      await release(trained?.ensemble);
    }
  }

  if (finalValidation && final === null) {
    const started = performance.now();
    const round = rounds.length;
    const { ensemble, seed } = await train(round, 'final');
    try {
      const validation = await validateEnsemble(ensemble, round);
      final = {
        trainSeed: seed,
        annotated: annotated.length,
        validation,
        seconds: (performance.now() - started) / 1000,
      };
      await writeLog();
    } finally {
      await release(ensemble);
    }
  }
  return { annotated, rounds, final, resumedRounds, settings };
}

/** Validates options and resolves fractions, defaults and the initial set. */
function resolveSettings(options: SuggestiveAnnotationOptions): RoundLogSettings {
  const { strategy = 'suggestive', candidates = 16, picks = 8, budget = 0.5, seed = 0 } = options;
  if (strategy !== 'suggestive' && strategy !== 'uncertainty' && strategy !== 'random') {
    throw new InvalidArgumentError(
      'strategy',
      `'${String(strategy)}' is not one of 'suggestive', 'uncertainty', 'random'`,
    );
  }
  if (!Number.isInteger(candidates) || candidates < 1)
    throw new InvalidArgumentError('candidates', `${candidates} must be a positive integer`);
  if (!Number.isInteger(picks) || picks < 1)
    throw new InvalidArgumentError('picks', `${picks} must be a positive integer`);
  if (picks > candidates) throw new InvalidArgumentError('picks', `${picks} must be ≤ candidates = ${candidates}`);
  if (!Number.isSafeInteger(seed)) throw new InvalidArgumentError('seed', `${seed} must be an integer`);
  const ids = options.pool.ids();
  if (!Array.isArray(ids) || ids.length === 0) throw new InvalidArgumentError('pool', 'the pool has no ids');
  const idSet = new Set<string>();
  for (const id of ids) {
    if (typeof id !== 'string') throw new InvalidArgumentError('pool', `id ${String(id)} is not a string`);
    if (idSet.has(id)) throw new InvalidArgumentError('pool', `id '${id}' appears twice`);
    idSet.add(id);
  }
  const n = ids.length;
  const total = resolveCount('budget', budget, n);
  let initial: string[];
  const requested = options.initial ?? picks;
  if (Array.isArray(requested)) {
    initial = requested.slice();
    if (initial.length === 0)
      throw new InvalidArgumentError('initial', 'the initial set is empty (the first ensemble needs data)');
    const seen = new Set<string>();
    for (const id of initial) {
      if (!idSet.has(id)) throw new InvalidArgumentError('initial', `'${id}' is not in the pool`);
      if (seen.has(id)) throw new InvalidArgumentError('initial', `'${id}' appears twice`);
      seen.add(id);
    }
  } else {
    const count = resolveCount('initial', requested as number, n);
    initial = sampleWithoutReplacement(ids, count, mulberry32(deriveSeed(seed, STREAM_INITIAL)));
  }
  if (initial.length > total) {
    throw new InvalidArgumentError('budget', `${total} images is less than the initial set of ${initial.length}`);
  }
  return { strategy, candidates, picks, budget: total, initial, seed, poolSize: n, poolDigest: digest(ids) };
}

/** A fraction in (0, 1) of n (rounded up) or an integer count in 1..n. */
function resolveCount(name: string, value: number, n: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new InvalidArgumentError(name, `${value} must be a fraction in (0, 1) or a count ≥ 1`);
  }
  if (value < 1) return Math.max(1, Math.ceil(value * n - 1e-9));
  if (!Number.isInteger(value))
    throw new InvalidArgumentError(name, `${value} is neither a fraction in (0, 1) nor a whole count`);
  if (value > n) throw new InvalidArgumentError(name, `${value} images exceed the pool of ${n}`);
  return value;
}

/** FNV-1a (32-bit) of the ids joined by newlines, as 8 hex digits. */
function digest(ids: readonly string[]): string {
  let h = 0x811c9dc5;
  const text = ids.join('\n');
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

function assertSameSettings(path: string, logged: RoundLogSettings, requested: RoundLogSettings): void {
  for (const field of ['strategy', 'candidates', 'picks', 'budget', 'seed', 'poolSize', 'poolDigest'] as const) {
    if (logged[field] !== requested[field])
      throw new RoundLogMismatchError(path, field, logged[field], requested[field]);
  }
  if (JSON.stringify(logged.initial) !== JSON.stringify(requested.initial)) {
    throw new RoundLogMismatchError(path, 'initial', logged.initial, requested.initial);
  }
}
