// The result types of a reproduction, shared by the run (runReproduction) and its report
// (writeReport) without an import cycle between them.
import type { BackendInfo } from '@qfcn/contract';
import type { ClaimResult, Interval } from './claims';
import type { PartScores } from './evaluateMembers';
import type { ResolvedOptions } from './options';
import type { SuggestionResult } from './runSuggestion';
import type { trainingPlan } from './trainMembers';

/** One row of the results table for one seed: how the data was chosen, how the FCNs were trained, how many. */
export interface ResultRow {
  readonly seed: number;
  /** `random`, `fg-random`, `SA`, `QSA-<b>` or `all` (every image of the training pool). */
  readonly suggestion: string;
  /** `float` or `QNT-<b>`. */
  readonly training: string;
  readonly bits: number | null;
  readonly members: number;
  readonly annotated: number;
  readonly scores: Record<string, PartScores>;
  /** Weight memory of the ensemble (float32 bytes, or bit-packed bytes for QNT) and its reduction. */
  readonly weightBytes: number;
  readonly memoryRatio: number;
}

/** A row of the grid over seeds: mean and 95% interval of the pooled scores per test part. */
export interface SummaryRow {
  readonly suggestion: string;
  readonly training: string;
  readonly bits: number | null;
  readonly members: number;
  readonly annotated: number;
  readonly seeds: number;
  readonly scores: Record<string, { f1: Interval; objectDice: Interval; objectHausdorff: Interval }>;
  readonly weightBytes: number;
  readonly memoryRatio: number;
}

export interface ReproductionResult {
  readonly options: ResolvedOptions;
  readonly backend: BackendInfo;
  readonly dataset: {
    name: string;
    kind: string;
    train: number;
    pool: number;
    validation: number;
    test: Record<string, number>;
    notes: readonly string[];
  };
  /** Every per-seed number. */
  readonly rows: readonly ResultRow[];
  readonly summary: readonly SummaryRow[];
  readonly claims: readonly ClaimResult[];
  readonly suggestions: readonly SuggestionResult[];
  /** Float member #1's loss per epoch, by seed and annotated set (training curves). */
  readonly curves: Record<string, readonly { epoch: number; loss: number }[]>;
  /** The step budget of every FCN (for the pool size). */
  readonly plan: ReturnType<typeof trainingPlan>;
  readonly seconds: number;
}
