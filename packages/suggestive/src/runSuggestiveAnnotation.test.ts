import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { QfcnError, type ProgressEvent } from '@qfcn/contract';
import { readRoundLog } from './readRoundLog';
import { deriveSeed } from './rng';
import type { RoundRecord } from './roundLogTypes';
import { runSuggestiveAnnotation } from './runSuggestiveAnnotation';
import { createFakeOracle, createFakePool, createFakeTrainer, type FakeEnsemble } from './test/index';

const tmp = () => mkdtempSync(join(tmpdir(), 'qfcn-suggestive-'));

/**
 * Nine images in three clusters (cluster = index mod 3); difficulty 51·q, so a fake 2-member ensemble
 * gives uncertainty (0.1·s)² with s = q / (1 + annotated images of the cluster).
 *   id      img000 img001 img002 img003 img004 img005 img006 img007 img008
 *   cluster    0      1      2      0      1      2      0      1      2
 *   q          5      1      4      4      3      0      3      2      5
 */
const Q = [5, 1, 4, 4, 3, 0, 3, 2, 5];
const ninePool = () => createFakePool({ images: Q.map((q, i) => ({ cluster: i % 3, difficulty: 51 * q })) });

function setup(pool = ninePool()) {
  return { pool, oracle: createFakeOracle(pool), trainer: createFakeTrainer() };
}

const withoutSeconds = (rounds: readonly RoundRecord[]) => rounds.map(({ seconds: _s, ...rest }) => rest);

describe('runSuggestiveAnnotation hand-computed rounds (9 images, 3 clusters)', () => {
  it('suggestive K = 4, k = 2, budget 5 from img005: picks one image per cluster among the candidates', async () => {
    const { pool, oracle, trainer } = setup();
    const result = await runSuggestiveAnnotation({
      pool,
      oracle,
      trainer,
      strategy: 'suggestive',
      initial: ['img005'],
      candidates: 4,
      picks: 2,
      budget: 5,
      seed: 3,
    });
    // Round 0 (cluster 2 has 1 annotated): s = 000:5 001:1 002:2 003:4 004:3 006:3 007:2 008:2.5
    //   candidates 000, 003, 004, 006 (004/006 tie → lower index). Each represents 3 unannotated images
    //   (row sums 3, tie → img000); then img004 (cluster 1) gains 3, img003/img006 gain 0. F = 6.
    // Round 1 (clusters 0, 1, 2 each have 1): s = 001:0.5 002:2 003:2 006:1.5 007:1 008:2.5
    //   candidates 008, 002, 003, 006; row sums all 2 → img002 (lowest pool position); then img003 gains 2.
    expect(result.rounds.map((r) => r.candidates)).toEqual([
      ['img000', 'img003', 'img004', 'img006'],
      ['img008', 'img002', 'img003', 'img006'],
    ]);
    expect(result.rounds.map((r) => r.chosen)).toEqual([
      ['img000', 'img004'],
      ['img002', 'img003'],
    ]);
    expect(result.rounds.map((r) => r.gains)).toEqual([
      [3, 3],
      [2, 2],
    ]);
    expect(result.rounds.map((r) => r.representativeness)).toEqual([6, 4]);
    expect(result.rounds[0]!.uncertainty[0]).toBeCloseTo(0.25, 6); // (0.1·5)²
    expect(result.rounds[0]!.uncertainty[1]).toBeCloseTo(0.09, 6); // (0.1·3)²
    expect(result.rounds[1]!.uncertainty[0]).toBeCloseTo(0.04, 6); // (0.1·4/2)²
    expect(result.rounds.map((r) => [r.annotatedBefore, r.unannotated])).toEqual([
      [1, 8],
      [3, 6],
    ]);
    expect(result.annotated).toEqual(['img005', 'img000', 'img004', 'img002', 'img003']);
    expect(trainer.calls.map((c) => c.ids)).toEqual([['img005'], ['img005', 'img000', 'img004']]);
    expect(trainer.calls.map((c) => c.seed)).toEqual([deriveSeed(3, 2, 0), deriveSeed(3, 2, 1)]);
    expect(result.final).toBeNull();
  });

  it('uncertainty-only, same settings: the two most uncertain each round, redundant or not', async () => {
    const { pool, oracle, trainer } = setup();
    const result = await runSuggestiveAnnotation({
      pool,
      oracle,
      trainer,
      strategy: 'uncertainty',
      initial: ['img005'],
      candidates: 4,
      picks: 2,
      budget: 5,
      seed: 3,
    });
    // Round 0: img000 (5), img003 (4) — both cluster 0. Round 1 (cluster 0 has 2): 004:3, 008:2.5.
    expect(result.rounds.map((r) => r.chosen)).toEqual([
      ['img000', 'img003'],
      ['img004', 'img008'],
    ]);
    // F of {000, 003} over the 8 unannotated: the 3 images of cluster 0 → 3.
    expect(result.rounds[0]!.representativeness).toBe(3);
    expect(result.rounds[0]!.gains).toBeNull();
    expect(result.annotated).toEqual(['img005', 'img000', 'img003', 'img004', 'img008']);
  });

  it('random, same settings: 4 distinct unannotated picks, pool not scored, no training without validate', async () => {
    const { pool, oracle, trainer } = setup();
    const result = await runSuggestiveAnnotation({
      pool,
      oracle,
      trainer,
      strategy: 'random',
      initial: ['img005'],
      candidates: 4,
      picks: 2,
      budget: 5,
      seed: 3,
    });
    const picked = result.rounds.flatMap((r) => r.chosen);
    expect(picked).toHaveLength(4);
    expect(new Set([...picked, 'img005']).size).toBe(5);
    expect(trainer.calls).toEqual([]);
    expect(result.rounds.every((r) => r.representativeness === null && r.uncertainty.every((u) => u === null))).toBe(
      true,
    );
    const again = await runSuggestiveAnnotation({
      ...setup(),
      strategy: 'random',
      initial: ['img005'],
      candidates: 4,
      picks: 2,
      budget: 5,
      seed: 3,
    });
    expect(again.annotated).toEqual(result.annotated);
    const other = await runSuggestiveAnnotation({
      ...setup(),
      strategy: 'random',
      initial: ['img005'],
      candidates: 4,
      picks: 2,
      budget: 5,
      seed: 4,
    });
    expect(other.annotated).not.toEqual(result.annotated);
  });
});

describe('runSuggestiveAnnotation bookkeeping', () => {
  it('budget 0.5 of 10 = 5 from 3 seeded initial images, k = 4: one round of 2 (the last round picks fewer)', async () => {
    const pool = createFakePool({ size: 10, seed: 1 });
    const result = await runSuggestiveAnnotation({
      pool,
      oracle: createFakeOracle(pool),
      trainer: createFakeTrainer(),
      initial: 3,
      candidates: 4,
      picks: 4,
      budget: 0.5,
      seed: 9,
    });
    expect(result.settings.budget).toBe(5);
    expect(result.settings.initial).toHaveLength(3);
    expect(result.rounds.map((r) => r.chosen.length)).toEqual([2]);
    expect(result.annotated).toHaveLength(5);
  });

  it('budget 29 of 30 from 5 initial, k = 8, K = 16: rounds of 8, 8, 8 — no duplicates, oracle asked once per id', async () => {
    const pool = createFakePool({ size: 30, clusters: 4, seed: 2 });
    const oracle = createFakeOracle(pool);
    const result = await runSuggestiveAnnotation({
      pool,
      oracle,
      trainer: createFakeTrainer(),
      initial: 5,
      budget: 29,
      seed: 1,
    });
    expect(result.rounds.map((r) => r.chosen.length)).toEqual([8, 8, 8]);
    expect(new Set(result.annotated).size).toBe(29);
    expect(oracle.calls).toEqual(result.annotated);
    expect(result.rounds.map((r) => r.unannotated)).toEqual([25, 17, 9]);
  });

  it('budget 0.3 of 10 rounds up to 3 (a fraction is rounded up, 3.0000000000000004 stays 3)', async () => {
    const pool = createFakePool({ size: 10 });
    const result = await runSuggestiveAnnotation({
      pool,
      oracle: createFakeOracle(pool),
      trainer: createFakeTrainer(),
      initial: 1,
      picks: 1,
      candidates: 1,
      budget: 0.3,
    });
    expect(result.settings.budget).toBe(3);
    expect(result.annotated).toHaveLength(3);
  });

  it('same seed across strategies: same initial set and identical round-0 training call', async () => {
    const runs = [];
    for (const strategy of ['suggestive', 'uncertainty', 'random'] as const) {
      const pool = createFakePool({ size: 20, seed: 5 });
      const trainer = createFakeTrainer();
      const result = await runSuggestiveAnnotation({
        pool,
        oracle: createFakeOracle(pool),
        trainer,
        strategy,
        initial: 4,
        candidates: 6,
        picks: 3,
        budget: 10,
        seed: 77,
        validate: () => 0,
      });
      runs.push({ result, trainer });
    }
    const [sa, unc, rnd] = [runs[0]!, runs[1]!, runs[2]!];
    expect(unc.result.settings.initial).toEqual(sa.result.settings.initial);
    expect(rnd.result.settings.initial).toEqual(sa.result.settings.initial);
    expect(unc.trainer.calls[0]).toEqual(sa.trainer.calls[0]);
    expect(rnd.trainer.calls[0]).toEqual(sa.trainer.calls[0]);
    expect(sa.trainer.calls.map((c) => c.seed)).toEqual(rnd.trainer.calls.map((c) => c.seed));
  });

  it('validate per round and after the final round; every ensemble disposed', async () => {
    const { pool, oracle, trainer } = setup();
    const seen: { round: number; annotated: number }[] = [];
    const result = await runSuggestiveAnnotation({
      pool,
      oracle,
      trainer,
      initial: ['img005'],
      candidates: 4,
      picks: 2,
      budget: 5,
      seed: 3,
      validate: (ensemble, info) => {
        seen.push({ round: info.round, annotated: info.annotated.length });
        return { clusters: (ensemble as FakeEnsemble).coverage.size };
      },
    });
    // Trained on {005} → 1 cluster; {005, 000, 004} → 3; final {.., 002, 003} → 3.
    expect(result.rounds.map((r) => r.validation)).toEqual([{ clusters: 1 }, { clusters: 3 }]);
    expect(result.final).toMatchObject({ annotated: 5, validation: { clusters: 3 }, trainSeed: deriveSeed(3, 2, 2) });
    expect(seen).toEqual([
      { round: 0, annotated: 1 },
      { round: 1, annotated: 3 },
      { round: 2, annotated: 5 },
    ]);
    expect(trainer.ensembles).toHaveLength(3);
    expect(trainer.ensembles.every((e) => e.disposed)).toBe(true);
  });

  it('disposeEnsembles false leaves the ensembles alive', async () => {
    const { pool, oracle, trainer } = setup();
    await runSuggestiveAnnotation({
      pool,
      oracle,
      trainer,
      initial: ['img005'],
      candidates: 4,
      picks: 2,
      budget: 5,
      disposeEnsembles: false,
    });
    expect(trainer.ensembles.some((e) => e.disposed)).toBe(false);
  });

  it('progress events: train per round, score per image, annotate per id', async () => {
    const { pool, oracle, trainer } = setup();
    const events: ProgressEvent[] = [];
    await runSuggestiveAnnotation({
      pool,
      oracle,
      trainer,
      initial: ['img005'],
      candidates: 4,
      picks: 2,
      budget: 5,
      onProgress: (e) => events.push(e),
    });
    const count = (stage: string) => events.filter((e) => e.stage === stage).length;
    expect(count('train')).toBe(2);
    expect(count('score')).toBe(8 + 6);
    expect(count('annotate')).toBe(5);
    expect(count('round')).toBe(2);
    expect(events.filter((e) => e.stage === 'round').map((e) => [e.current, e.total])).toEqual([
      [1, 2],
      [2, 2],
    ]);
  });

  it('budget equal to the initial set: no round; with validate only the final training', async () => {
    const { pool, oracle, trainer } = setup();
    const result = await runSuggestiveAnnotation({ pool, oracle, trainer, initial: 2, budget: 2, validate: () => 1 });
    expect(result.rounds).toEqual([]);
    expect(result.annotated).toHaveLength(2);
    expect(result.final?.validation).toBe(1);
    expect(trainer.calls).toHaveLength(1);
  });

  it('an aborted signal stops the run with its reason', async () => {
    const { pool, oracle, trainer } = setup();
    const controller = new AbortController();
    controller.abort(new Error('stop here'));
    await expect(
      runSuggestiveAnnotation({
        pool,
        oracle,
        trainer,
        initial: 1,
        picks: 2,
        candidates: 4,
        budget: 5,
        signal: controller.signal,
      }),
    ).rejects.toThrow('stop here');
  });

  it('bad options throw INVALID_ARGUMENT before training', async () => {
    const bad = [
      { strategy: 'greedy' },
      { picks: 5, candidates: 4 },
      { picks: 0 },
      { budget: 10 },
      { budget: 1.5 },
      { budget: 0 },
      { initial: 4, budget: 3 },
      { initial: ['img005', 'img005'] },
      { initial: ['nope'] },
      { initial: [] },
      { seed: 0.5 },
    ];
    for (const options of bad) {
      const { pool, oracle, trainer } = setup();
      try {
        await runSuggestiveAnnotation({
          pool,
          oracle,
          trainer,
          candidates: 4,
          picks: 2,
          budget: 5,
          ...(options as object),
        });
        expect.unreachable(JSON.stringify(options));
      } catch (e) {
        expect(QfcnError.isInstance(e), JSON.stringify(options)).toBe(true);
        expect((e as QfcnError).code).toBe('INVALID_ARGUMENT');
      }
      expect(trainer.calls).toEqual([]);
    }
  });
});

describe('runSuggestiveAnnotation round log and resume', () => {
  const settings = { initial: 4, candidates: 6, picks: 3, budget: 0.6, seed: 11 } as const; // 30 images → budget 18: rounds 3,3,3,3,2
  const pool30 = () => createFakePool({ size: 30, clusters: 5, seed: 8 });

  it('the log holds settings and every round; readRoundLog returns it; no tmp file left', async () => {
    const dir = tmp();
    const log = join(dir, 'runs', 'sa.json');
    const pool = pool30();
    const result = await runSuggestiveAnnotation({
      pool,
      oracle: createFakeOracle(pool),
      trainer: createFakeTrainer(),
      ...settings,
      log,
    });
    const saved = await readRoundLog(log);
    expect(saved?.settings).toEqual(result.settings);
    expect(saved?.rounds).toEqual(result.rounds);
    expect(result.rounds.map((r) => r.chosen.length)).toEqual([3, 3, 3, 3, 2]);
    expect(readdirSync(join(dir, 'runs'))).toEqual(['sa.json']);
    expect(await readRoundLog(join(dir, 'missing.json'))).toBeUndefined();
  });

  it('resume after a simulated crash in round 2 reproduces the uninterrupted run without retraining rounds 0–1', async () => {
    const dir = tmp();
    const reference = await (async () => {
      const pool = pool30();
      return runSuggestiveAnnotation({
        pool,
        oracle: createFakeOracle(pool),
        trainer: createFakeTrainer(),
        ...settings,
        log: join(dir, 'ref.json'),
        validate: (e) => (e as FakeEnsemble).coverage.size,
      });
    })();

    const log = join(dir, 'crash.json');
    const pool = pool30();
    const crashing = createFakeTrainer({ failOnRound: 2 });
    await expect(
      runSuggestiveAnnotation({
        pool,
        oracle: createFakeOracle(pool),
        trainer: crashing,
        ...settings,
        log,
        validate: (e) => (e as FakeEnsemble).coverage.size,
      }),
    ).rejects.toThrow(/simulated crash in round 2/);
    expect((await readRoundLog(log))?.rounds).toHaveLength(2);

    const trainer = createFakeTrainer();
    const oracle = createFakeOracle(pool);
    const resumed = await runSuggestiveAnnotation({
      pool,
      oracle,
      trainer,
      ...settings,
      log,
      validate: (e) => (e as FakeEnsemble).coverage.size,
    });
    expect(resumed.resumedRounds).toBe(2);
    expect(trainer.calls.map((c) => c.round)).toEqual([2, 3, 4, 5]); // rounds 2–4 and the final training
    expect(resumed.annotated).toEqual(reference.annotated);
    expect(withoutSeconds(resumed.rounds)).toEqual(withoutSeconds(reference.rounds));
    expect({ ...resumed.final, seconds: 0 }).toEqual({ ...reference.final, seconds: 0 });
    // The resumed run re-annotated the 4 + 6 ids it had (to rebuild the training set), then the 8 new ones.
    expect(oracle.calls).toEqual(reference.annotated);

    // Resuming a finished log does nothing.
    const idle = createFakeTrainer();
    const done = await runSuggestiveAnnotation({
      pool,
      oracle: createFakeOracle(pool),
      trainer: idle,
      ...settings,
      log,
      validate: () => 0,
    });
    expect(idle.calls).toEqual([]);
    expect(done.annotated).toEqual(reference.annotated);
    expect(done.resumedRounds).toBe(5);
  });

  it('a log from other settings → RoundLogMismatchError naming the field', async () => {
    const dir = tmp();
    const log = join(dir, 'sa.json');
    const pool = pool30();
    await runSuggestiveAnnotation({
      pool,
      oracle: createFakeOracle(pool),
      trainer: createFakeTrainer(),
      ...settings,
      log,
    });
    const cases: [object, string][] = [
      [{ strategy: 'uncertainty' }, 'strategy'],
      [{ picks: 2 }, 'picks'],
      [{ budget: 20 }, 'budget'],
      [{ seed: 12 }, 'seed'],
    ];
    for (const [change, field] of cases) {
      try {
        await runSuggestiveAnnotation({
          pool,
          oracle: createFakeOracle(pool),
          trainer: createFakeTrainer(),
          ...settings,
          ...change,
          log,
        });
        expect.unreachable(field);
      } catch (e) {
        expect((e as QfcnError).code).toBe('LOG_MISMATCH');
        expect((e as { field: string }).field).toBe(field);
      }
    }
    const otherPool = createFakePool({ size: 31, clusters: 5, seed: 8 });
    await expect(
      runSuggestiveAnnotation({
        pool: otherPool,
        oracle: createFakeOracle(otherPool),
        trainer: createFakeTrainer(),
        ...settings,
        budget: 18,
        log,
      }),
    ).rejects.toMatchObject({ code: 'LOG_MISMATCH', field: 'poolSize' });
  });

  it('a truncated or foreign log → CORRUPT_FILE', async () => {
    const dir = tmp();
    const pool = pool30();
    const full = join(dir, 'ok.json');
    await runSuggestiveAnnotation({
      pool,
      oracle: createFakeOracle(pool),
      trainer: createFakeTrainer(),
      ...settings,
      log: full,
    });
    const text = readFileSync(full, 'utf8');
    const variants = {
      truncated: text.slice(0, text.length / 2),
      foreign: JSON.stringify({ format: 'something-else', version: 2 }),
      version: text.replace('"version": 2', '"version": 3'),
      duplicate: JSON.stringify({
        ...JSON.parse(text),
        rounds: [JSON.parse(text).rounds[0], { ...JSON.parse(text).rounds[0], round: 1 }],
      }),
    };
    for (const [name, content] of Object.entries(variants)) {
      const path = join(dir, `${name}.json`);
      writeFileSync(path, content);
      await expect(readRoundLog(path), name).rejects.toMatchObject({ code: 'CORRUPT_FILE' });
      await expect(
        runSuggestiveAnnotation({
          pool,
          oracle: createFakeOracle(pool),
          trainer: createFakeTrainer(),
          ...settings,
          log: path,
        }),
      ).rejects.toMatchObject({ code: 'CORRUPT_FILE' });
    }
  });
});
