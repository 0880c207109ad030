import type { Strategy } from './types';

/** A validation result: one score or several named ones. */
export type ValidationScore = number | Readonly<Record<string, number>>;

/** The settings a round log was written with; a resumed run must ask for the same. */
export interface RoundLogSettings {
  readonly strategy: Strategy;
  /** Candidates per round (the most uncertain; the paper's K). */
  readonly candidates: number;
  /** Images annotated per round (the paper's k). */
  readonly picks: number;
  /** Total number of annotated images to reach (initial set included), resolved from a fraction if needed. */
  readonly budget: number;
  /** The initial annotated ids (drawn from the seed, or given). */
  readonly initial: readonly string[];
  readonly seed: number;
  /** Size of the pool and an FNV-1a digest of its ids, to catch a log reused on another pool. */
  readonly poolSize: number;
  readonly poolDigest: string;
}

/** What one round did. Ids are pool ids; arrays of numbers follow `chosen`. */
export interface RoundRecord {
  /** 0-based round number. */
  readonly round: number;
  /** The seed the trainer got (`deriveSeed(seed, round)`, identical across strategies). */
  readonly trainSeed: number;
  /** Annotated images the round's ensemble was trained on. */
  readonly annotatedBefore: number;
  /** `validate(ensemble)` of the round's ensemble; null without a validate callback. */
  readonly validation: ValidationScore | null;
  /** Unannotated images the round chose from. */
  readonly unannotated: number;
  /** Suggestive: the `candidates` most uncertain ids; uncertainty-only: the chosen ids; random: []. */
  readonly candidates: readonly string[];
  /** The ids annotated this round, in pick order. */
  readonly chosen: readonly string[];
  /** Uncertainty of each chosen image (null where no ensemble scored it: random without validate). */
  readonly uncertainty: readonly (number | null)[];
  /** Suggestive: gain in F of each pick; otherwise null. */
  readonly gains: readonly number[] | null;
  /** `F(chosen, unannotated pool)`; null for random (the pool is not scored). */
  readonly representativeness: number | null;
  /** Wall time of the round in seconds (informational; not compared on resume). */
  readonly seconds: number;
}

/** Training on the final annotated set, to validate what the budget bought. */
export interface FinalRecord {
  readonly trainSeed: number;
  readonly annotated: number;
  readonly validation: ValidationScore | null;
  readonly seconds: number;
}

/** The JSON file `runSuggestiveAnnotation` writes after every round (atomically) and resumes from. */
export interface RoundLog {
  readonly format: 'qfcn-suggestive-log';
  readonly version: 2;
  readonly settings: RoundLogSettings;
  readonly rounds: readonly RoundRecord[];
  /** Present once the final set was trained and validated (runs with `validate` only). */
  readonly final: FinalRecord | null;
}
