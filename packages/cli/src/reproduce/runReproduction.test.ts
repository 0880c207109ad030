import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeSyntheticGlas } from '@qfcn/data';
import { runReproduction } from './runReproduction';

// A miniature of the real experiment: 6 synthetic 64x64 training images (1 validation, 5 in the pool),
// 12 steps per FCN, 2 seeds. It checks the bookkeeping (grid, seeds, claims, resume, files), not
// accuracy; accuracy is measured by `pnpm reproduce`.
const tiny = {
  preset: 'tiny',
  bits: [5],
  qsaBits: [5],
  members: [1, 2],
  suggestMembers: 2,
  seeds: 2,
  steps: 12,
  inqSteps: 4,
  crop: 32,
  budget: 0.5,
  backend: 'wasm',
  synthetic: { train: 6, testA: 2, testB: 1, size: 64 },
} as const;

describe('runReproduction', () => {
  it('6 images 64x64, bits [5], members [1,2], 2 seeds: full grid per seed, claims, report files, resume does no work', async () => {
    const out = mkdtempSync(join(tmpdir(), 'qfcn-repro-'));
    const lines: string[] = [];
    const result = await runReproduction({ ...tiny, out }, { log: (l) => lines.push(l) });
    // Per seed: random, fg-random, SA, QSA-5 with 1 float FCN; all: float ×1 and ×2, QNT-5 ×1 → 7 rows.
    expect(result.rows.length).toBe(14);
    expect(new Set(result.rows.map((r) => r.seed))).toEqual(new Set([1, 2]));
    expect(new Set(result.rows.map((r) => r.suggestion))).toEqual(
      new Set(['random', 'fg-random', 'SA', 'QSA-5', 'all']),
    );
    expect(result.summary.length).toBe(7);
    expect(result.summary.every((r) => r.seeds === 2)).toBe(true);
    expect(result.dataset).toMatchObject({ train: 6, validation: 1, pool: 5 });
    const annotated = new Map(result.rows.map((r) => [r.suggestion, r.annotated]));
    expect(annotated.get('all')).toBe(5);
    expect(annotated.get('SA')).toBe(3);
    expect(annotated.get('fg-random')).toBe(3);
    // Every suggested set of a seed starts from the same initial image.
    for (const seed of [1, 2]) {
      const firsts = new Set(result.suggestions.filter((s) => s.seed === seed).map((s) => s.annotated[0]));
      expect(firsts.size).toBe(1);
    }
    for (const r of result.rows) {
      expect(Object.keys(r.scores).sort()).toEqual(['testA', 'testB']);
      const s = r.scores.testA!.pooled;
      expect(s.f1).toBeGreaterThanOrEqual(0);
      expect(s.objectDice).toBeLessThanOrEqual(1);
    }
    // QNT at 5 bits stores kernels as 5-bit codes (32/5 = 6.4x for them); biases, batch norm and the
    // file header stay, so the tiny net's whole file shrinks by less, but by well over 3x.
    const q = result.rows.find((r) => r.training === 'QNT-5')!;
    const f = result.rows.find((r) => r.training === 'float' && r.members === 1 && r.suggestion === 'all')!;
    expect(q.memoryRatio).toBeGreaterThan(3);
    expect(q.memoryRatio).toBeLessThan(6.4);
    expect(f.memoryRatio).toBe(1);
    // Claims: every one reported; those needing 6/7 bits are not measured here.
    const claims = Object.fromEntries(result.claims.map((c) => [c.id, c]));
    expect(Object.keys(claims)).toEqual(expect.arrayContaining(['a', 'a′', 'b', 'c', 'd', 'e', 'f']));
    expect(claims.a!.judgement!.differences.length).toBe(2);
    expect(claims.c!.verdict).toBe('not shown');
    expect(claims.e!.value).toBeGreaterThan(6);
    for (const file of [
      'report.md',
      'results.json',
      'accuracy-vs-bits.png',
      'accuracy-by-set.png',
      'accuracy-vs-budget.png',
      'training-curves.png',
    ]) {
      expect(existsSync(join(out, file)), file).toBe(true);
    }
    expect(readdirSync(out).some((f) => f.startsWith('overlay-'))).toBe(true);
    expect(existsSync(join(out, 'models', 'seed-2', 'SA', 'float', 'member-0', 'model.json'))).toBe(true);
    expect(existsSync(join(out, 'models', 'seed-1', 'all', 'qnt-5', 'member-0.qfcnq'))).toBe(true);
    const report = readFileSync(join(out, 'report.md'), 'utf8');
    expect(report.indexOf('## Claims')).toBeLessThan(report.indexOf('## Results'));
    expect(report).toMatch(/\| a \| QSA beats SA at the same annotation budget \|/);
    expect(report).toMatch(/\| all \| QNT-5 \| 1 \| 5 \| 2 \|/);
    const json = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(json.rows.length).toBe(14);

    // Rerun: every step is found finished; identical rows.
    const again = await runReproduction({ ...tiny, out }, { log: () => {} });
    expect(again.rows).toEqual(result.rows);
    // Other settings in the same folder are refused.
    await expect(runReproduction({ ...tiny, bits: [7], out }, { log: () => {} })).rejects.toThrow(/different settings/);
  }, 900_000);

  it('a folder in the GlaS layout → verified against the manifest (differences reported) and the paper rows printed', async () => {
    const data = mkdtempSync(join(tmpdir(), 'qfcn-glaslike-'));
    await writeSyntheticGlas(data, { train: 4, testA: 1, testB: 1, size: 48, seed: 3 });
    const out = mkdtempSync(join(tmpdir(), 'qfcn-repro-glas-'));
    const lines: string[] = [];
    const result = await runReproduction(
      { ...tiny, data, dataset: 'glas', members: [1], seeds: 1, crop: 24, synthetic: undefined, out },
      { log: (l) => lines.push(l) },
    );
    expect(result.dataset.kind).toBe('glas');
    expect(lines.join('\n')).toMatch(/GlaS copy differs from the official release/);
    const report = readFileSync(join(out, 'report.md'), 'utf8');
    expect(report).toMatch(/Published results on GlaS/);
    expect(report).toMatch(
      /\| \[Xu18\] best \(quantized SA, 7-bit INQ, 5 FCNs\) \| 0\.930 \| 0\.914 \| 41\.78 \| 0\.862 \| 0\.859 \| 97\.39 \|/,
    );
  }, 600_000);
});
