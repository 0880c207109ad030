/**
 * The claims of Xu et al. (CVPR 2018) that `qfcn reproduce` tests, and the statistics that judge
 * them: pure functions over per-seed numbers (no training, no files), so they can be unit-tested on
 * made-up results.
 *
 * Verdict rule (paired across seeds). For each seed s the claim's paired difference d_s is formed
 * (e.g. object Dice of QSA minus object Dice of SA, both trained with seed s), oriented so that the
 * paper's side is d > 0 (for a "matches" claim: d + margin > 0, see {@link judgeNonInferiority}).
 * The 95% confidence interval of the mean difference is the Student t-interval
 * mean ± t(0.975, n−1)·sd/√n. Then:
 * - **holds** when the whole interval lies on the paper's side of 0 (lower bound > 0);
 * - **contradicted** when the whole interval lies on the other side (upper bound < 0);
 * - **not shown** otherwise, and always with fewer than 2 seeds (no interval).
 */

export type Verdict = 'holds' | 'not shown' | 'contradicted';

/** Mean, sample standard deviation and two-sided 95% t-interval of the mean. */
export interface Interval {
  readonly n: number;
  readonly mean: number;
  readonly sd: number;
  /** Half-width of the 95% interval; NaN with fewer than 2 values. */
  readonly halfWidth: number;
  readonly low: number;
  readonly high: number;
}

/** Two-sided 97.5% quantiles of Student's t for 1..30 degrees of freedom. */
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11,
  2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/** t(0.975, df): table up to 30 degrees of freedom, then a Cornish–Fisher expansion around 1.96 (error < 1e-3). */
export function tQuantile975(df: number): number {
  if (!Number.isInteger(df) || df < 1) return NaN;
  if (df <= T975.length) return T975[df - 1]!;
  const z = 1.959964;
  return z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df * df);
}

/** Mean ± 95% t-interval of `values` (non-finite values are dropped). */
export function meanInterval(values: readonly number[]): Interval {
  const xs = values.filter((v) => Number.isFinite(v));
  const n = xs.length;
  if (n === 0) return { n, mean: NaN, sd: NaN, halfWidth: NaN, low: NaN, high: NaN };
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  if (n === 1) return { n, mean, sd: NaN, halfWidth: NaN, low: NaN, high: NaN };
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  const halfWidth = (tQuantile975(n - 1) * sd) / Math.sqrt(n);
  return { n, mean, sd, halfWidth, low: mean - halfWidth, high: mean + halfWidth };
}

/** Per-seed differences `a[i] − b[i]` of two paired series (same seeds in the same order). */
export function pairedDifferences(a: readonly number[], b: readonly number[]): number[] {
  if (a.length !== b.length) throw new Error(`paired series differ in length (${a.length} vs ${b.length})`);
  return a.map((v, i) => v - b[i]!);
}

/** The verdict of an interval of a difference whose paper side is > 0 (see the module comment). */
export function verdictOf(ci: Interval): Verdict {
  if (ci.n < 2 || !Number.isFinite(ci.low) || !Number.isFinite(ci.high)) return 'not shown';
  if (ci.low > 0) return 'holds';
  if (ci.high < 0) return 'contradicted';
  return 'not shown';
}

/** A judged comparison: the per-seed differences, their interval and the verdict. */
export interface Judgement {
  readonly differences: readonly number[];
  readonly ci: Interval;
  readonly verdict: Verdict;
}

/** "a beats b": paired differences a − b across seeds; holds when the interval is above 0. */
export function judgeSuperiority(a: readonly number[], b: readonly number[]): Judgement {
  const differences = pairedDifferences(a, b);
  const ci = meanInterval(differences);
  return { differences, ci, verdict: verdictOf(ci) };
}

/**
 * "a matches b" as non-inferiority with `margin`: paired differences a − b; holds when the whole
 * interval lies above −margin (a is at most `margin` worse), contradicted when it lies entirely below
 * −margin, not shown otherwise. The reported interval is of a − b itself.
 */
export function judgeNonInferiority(a: readonly number[], b: readonly number[], margin: number): Judgement {
  const differences = pairedDifferences(a, b);
  const ci = meanInterval(differences);
  const shifted: Interval = { ...ci, mean: ci.mean + margin, low: ci.low + margin, high: ci.high + margin };
  return { differences, ci, verdict: verdictOf(shifted) };
}

/**
 * "the best of several settings is `best`": per seed, the score of `best` minus the best score of
 * the others; holds when that interval is above 0 (e.g. 7 bits beats both 5 and 6).
 */
export function judgeBestOf(best: readonly number[], others: readonly (readonly number[])[]): Judgement {
  const runnerUp = best.map((_, i) => Math.max(...others.map((o) => o[i]!)));
  return judgeSuperiority(best, runnerUp);
}

/** Per-seed scores of the grid's rows, keyed by a row name (e.g. `all|float|5`). */
export type SeedScores = Readonly<Record<string, readonly number[]>>;

/** One line of the claims table. */
export interface ClaimResult {
  readonly id: string;
  readonly claim: string;
  readonly paper: string;
  /** What was compared, in words (e.g. "QSA-7 − SA, float ×5, testA object Dice"). */
  readonly measured: string;
  /** The verdict's evidence; absent when the claim could not be measured in this grid. */
  readonly judgement?: Judgement;
  /** A value that is not a difference across seeds (the memory ratio). */
  readonly value?: number;
  readonly verdict: Verdict;
  /** Why it is not shown when nothing could be measured, or caveats. */
  readonly note?: string;
}

/** The rows a claims evaluation needs from a grid, by key; `rowKey` builds the keys. */
export interface ClaimInputs {
  /** Per-seed object Dice (or another score) of each row of the grid, keyed by {@link rowKey}. */
  readonly scores: SeedScores;
  /** Bit widths of the grid (QNT on all data, QSA). */
  readonly bits: readonly number[];
  /** Bit width of the suggesting quantized ensembles (QSA-b). */
  readonly qsaBits: readonly number[];
  /** Ensemble sizes evaluated. */
  readonly members: readonly number[];
  /** Whole weight-file reduction (float32 bytes ÷ packed bytes) of one FCN per bit width, and of the quantized kernels alone. */
  readonly memory: Readonly<Record<number, { readonly file: number; readonly kernels: number }>>;
  /** Score name in words, e.g. "testA object Dice". */
  readonly scoreName: string;
  /** Margin of the non-inferiority claim (f). Default 0.01. */
  readonly margin?: number;
}

/** Key of a row of the grid: annotated set, final training (`float` or `QNT-b`), ensemble size. */
export const rowKey = (set: string, training: string, members: number) => `${set}|${training}|${members}`;

const fmtSigned = (v: number, d = 3) => (v >= 0 ? '+' : '') + v.toFixed(d);

/** `+0.012 [−0.004, +0.028]`: mean difference and its 95% interval. */
export function formatInterval(ci: Interval, digits = 3): string {
  if (ci.n === 0) return '—';
  if (ci.n < 2) return `${fmtSigned(ci.mean, digits)} (1 seed, no interval)`;
  return `${fmtSigned(ci.mean, digits)} [${fmtSigned(ci.low, digits)}, ${fmtSigned(ci.high, digits)}]`;
}

/**
 * Judges claims (a)–(f) of the paper on a grid's per-seed scores. A claim whose rows are missing from
 * the grid (e.g. only one ensemble size) is reported as `not shown` with a note saying what is missing.
 * Each comparison uses the largest ensemble size at which both sides were evaluated (the grid may
 * train fewer FCNs on subsets or with QNT), except (d), which is about ensemble size.
 */
export function evaluateClaims(input: ClaimInputs): ClaimResult[] {
  const sizes = [...input.members].sort((a, b) => b - a);
  const M = sizes[0]!;
  const margin = input.margin ?? 0.01;
  const get = (set: string, training: string, m: number) => input.scores[rowKey(set, training, m)];
  /** The largest ensemble size at which every named row exists (comparisons are at equal size). */
  const common = (...rows: (readonly [string, string])[]) =>
    sizes.find((m) => rows.every(([s, t]) => get(s, t, m))) ?? M;
  const missing = (id: string, claim: string, paper: string, what: string): ClaimResult => ({
    id,
    claim,
    paper,
    measured: '—',
    verdict: 'not shown',
    note: `not measured in this grid: ${what}`,
  });
  const out: ClaimResult[] = [];

  // (a) QSA beats SA at the same annotation budget; also judged against the foreground-aware random baseline.
  {
    const claim = 'QSA beats SA at the same annotation budget';
    const paper = 'quantized suggestion (QSA) picks better images than float SA: higher accuracy of the final FCNs';
    const qb = [...input.qsaBits].reverse().find((b) => sizes.some((m) => get(`QSA-${b}`, 'float', m)));
    const ma = common(['SA', 'float'], [`QSA-${qb}`, 'float']);
    const sa = get('SA', 'float', ma);
    const qsa = qb === undefined ? undefined : get(`QSA-${qb}`, 'float', ma);
    if (!sa || !qsa) out.push(missing('a', claim, paper, 'SA and QSA sets'));
    else {
      const j = judgeSuperiority(qsa, sa);
      out.push({
        id: 'a',
        claim,
        paper,
        measured: `QSA-${qb} − SA, float ×${ma}, ${input.scoreName}`,
        judgement: j,
        verdict: j.verdict,
      });
    }
    for (const name of ['SA', ...(qb === undefined ? [] : [`QSA-${qb}`])]) {
      const mf = common([name, 'float'], ['fg-random', 'float']);
      const s = get(name, 'float', mf);
      const fg = get('fg-random', 'float', mf);
      if (!s || !fg) continue;
      const j = judgeSuperiority(s, fg);
      out.push({
        id: name === 'SA' ? 'a′' : 'a″',
        claim: `${name} beats foreground-aware random selection`,
        paper:
          'suggestive annotation beats random selection at the same budget (the baseline active learning must beat)',
        measured: `${name} − fg-random, float ×${mf}, ${input.scoreName}`,
        judgement: j,
        verdict: j.verdict,
      });
    }
  }

  // (b) QNT improves over float (on all data, largest ensemble, largest bit width).
  {
    const claim = 'QNT (INQ while training the final FCNs) improves accuracy over float';
    const paper = 'quantized final FCNs are more accurate than float ones (quantization as regularisation)';
    const b = Math.max(...input.bits);
    const mb = common(['all', `QNT-${b}`], ['all', 'float']);
    const q = get('all', `QNT-${b}`, mb);
    const f = get('all', 'float', mb);
    if (!q || !f) out.push(missing('b', claim, paper, 'float and QNT on all data'));
    else {
      const j = judgeSuperiority(q, f);
      out.push({
        id: 'b',
        claim,
        paper,
        measured: `QNT-${b} − float, all data ×${mb}, same optimizer steps, ${input.scoreName}`,
        judgement: j,
        verdict: j.verdict,
      });
    }
  }

  // (c) 7 bits best among 5/6/7 (inverted U).
  {
    const claim = 'accuracy over 5/6/7 bits is an inverted U with 7 best';
    const paper = '7-bit QNT is the most accurate; 5 and 6 bits are worse';
    const mc = common(['all', 'QNT-5'], ['all', 'QNT-6'], ['all', 'QNT-7']);
    const series = [5, 6, 7].map((b) => get('all', `QNT-${b}`, mc));
    if (series.some((s) => !s)) out.push(missing('c', claim, paper, 'QNT at 5, 6 and 7 bits on all data'));
    else {
      const j = judgeBestOf(series[2]!, [series[0]!, series[1]!]);
      out.push({
        id: 'c',
        claim,
        paper,
        measured: `QNT-7 − max(QNT-5, QNT-6), all data ×${mc}, ${input.scoreName}`,
        judgement: j,
        verdict: j.verdict,
      });
    }
  }

  // (d) 5 FCNs beat 1.
  {
    const claim = `${M} FCNs beat 1`;
    const paper = 'an ensemble of 5 FCNs is more accurate than a single FCN';
    const many = get('all', 'float', M);
    const one = get('all', 'float', 1);
    if (M === 1 || !many || !one) out.push(missing('d', claim, paper, 'ensemble sizes 1 and >1'));
    else {
      const j = judgeSuperiority(many, one);
      out.push({
        id: 'd',
        claim,
        paper,
        measured: `${M} − 1 FCN, float, all data, ${input.scoreName}`,
        judgement: j,
        verdict: j.verdict,
      });
    }
  }

  // (e) 6.4x smaller weights at 5 bits: a property of the format, not a random quantity.
  {
    const claim = '6.4× smaller weights at 5 bits';
    const paper = '32/5 = 6.4× less weight memory with 5-bit weights';
    const m = input.memory[5];
    if (!m) out.push(missing('e', claim, paper, 'QNT at 5 bits'));
    else {
      const verdict: Verdict = m.kernels >= 6.4 * 0.99 ? 'holds' : 'contradicted';
      out.push({
        id: 'e',
        claim,
        paper,
        measured: `quantized kernels ${m.kernels.toFixed(2)}×; whole packed file ${m.file.toFixed(2)}× (biases and batch norm stay float32)`,
        value: m.kernels,
        verdict,
        note: 'deterministic (same for every seed): holds when the quantized weights shrink ≥ 6.34× (6.4 − 1%)',
      });
    }
  }

  // (f) SA on 50% matches all data.
  {
    const claim = 'suggestive annotation of 50% of the data matches training on all of it';
    const paper = 'SA with half the annotations reaches the accuracy of all annotations';
    const mf = common(['SA', 'float'], ['all', 'float']);
    const sa = get('SA', 'float', mf);
    const all = get('all', 'float', mf);
    if (!sa || !all) out.push(missing('f', claim, paper, 'SA and all-data sets'));
    else {
      const j = judgeNonInferiority(sa, all, margin);
      out.push({
        id: 'f',
        claim,
        paper,
        measured: `SA − all, float ×${mf}, ${input.scoreName}; non-inferiority margin ${margin}`,
        judgement: j,
        verdict: j.verdict,
        note: `holds when the interval of SA − all lies above −${margin}, contradicted when below it`,
      });
    }
  }
  return out;
}
