import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeSyntheticGlas } from '@qfcn/data';
import { runReproduction } from './runReproduction';

// A miniature of the real experiment: 6 synthetic 64x64 training images, 1 epoch per FCN. It checks
// the bookkeeping (grid, resume, files), not accuracy; accuracy is measured by `pnpm reproduce`.
const tiny = {
  preset: 'tiny',
  bits: [5],
  members: [1, 2],
  suggestMembers: 2,
  epochs: 1,
  epochsPerStep: 1,
  crop: 32,
  budget: 0.5,
  backend: 'wasm',
  synthetic: { train: 6, testA: 2, testB: 1, size: 64 },
} as const;

describe('runReproduction', () => {
  it('6 images 64x64, bits [5], members [1,2]: full grid, report files, resume does no work', async () => {
    const out = mkdtempSync(join(tmpdir(), 'qfcn-repro-'));
    const lines: string[] = [];
    const result = await runReproduction({ ...tiny, out }, { log: (l) => lines.push(l) });
    // Sets: random, SA, QSA-5, all; trainings: float, QNT-5; members 1 and 2 → 16 rows.
    expect(result.rows.length).toBe(16);
    expect(new Set(result.rows.map((r) => r.suggestion))).toEqual(new Set(['random', 'SA', 'QSA-5', 'all']));
    const annotated = new Map(result.rows.map((r) => [r.suggestion, r.annotated]));
    expect(annotated.get('all')).toBe(6);
    expect(annotated.get('SA')).toBe(3);
    for (const r of result.rows) {
      expect(Object.keys(r.scores).sort()).toEqual(['testA', 'testB']);
      const s = r.scores.testA!.pooled;
      expect(s.f1).toBeGreaterThanOrEqual(0);
      expect(s.objectDice).toBeLessThanOrEqual(1);
    }
    // QNT at 5 bits stores kernels as 5-bit codes (32/5 = 6.4x for them); biases, batch norm and the
    // file header stay, so the tiny net's whole file shrinks by less, but by well over 3x.
    const q = result.rows.find((r) => r.training === 'QNT-5' && r.members === 2)!;
    const f = result.rows.find((r) => r.training === 'float' && r.members === 2 && r.suggestion === q.suggestion)!;
    expect(q.memoryRatio).toBeGreaterThan(3);
    expect(q.memoryRatio).toBeLessThan(6.4);
    expect(f.memoryRatio).toBe(1);
    expect(f.weightBytes / q.weightBytes).toBeCloseTo(q.memoryRatio, 6);
    for (const file of ['report.md', 'results.json', 'accuracy-vs-bits.png', 'accuracy-vs-budget.png', 'training-curves.png']) {
      expect(existsSync(join(out, file)), file).toBe(true);
    }
    expect(readdirSync(out).some((f) => f.startsWith('overlay-'))).toBe(true);
    expect(existsSync(join(out, 'models', 'SA', 'float', 'member-0', 'model.json'))).toBe(true);
    expect(existsSync(join(out, 'models', 'SA', 'qnt-5', 'member-1.qfcnq'))).toBe(true);
    const report = readFileSync(join(out, 'report.md'), 'utf8');
    expect(report).toMatch(/\| QSA-5 \| QNT-5 \| 2 \| 3 \|/);

    // Rerun: every step is found finished; identical rows.
    const again = await runReproduction({ ...tiny, out }, { log: () => {} });
    expect(again.rows).toEqual(result.rows);
    // Other settings in the same folder are refused.
    await expect(runReproduction({ ...tiny, bits: [7], out }, { log: () => {} })).rejects.toThrow(/different settings/);
  }, 600_000);

  it('a folder in the GlaS layout → verified against the manifest (differences reported) and the paper rows printed', async () => {
    const data = mkdtempSync(join(tmpdir(), 'qfcn-glaslike-'));
    await writeSyntheticGlas(data, { train: 4, testA: 1, testB: 1, size: 48, seed: 3 });
    const out = mkdtempSync(join(tmpdir(), 'qfcn-repro-glas-'));
    const lines: string[] = [];
    const result = await runReproduction(
      { ...tiny, data, dataset: 'glas', members: [1], crop: 24, synthetic: undefined, out },
      { log: (l) => lines.push(l) },
    );
    expect(result.dataset.kind).toBe('glas');
    expect(lines.join('\n')).toMatch(/GlaS copy differs from the official release/);
    const report = readFileSync(join(out, 'report.md'), 'utf8');
    expect(report).toMatch(/Published results on GlaS/);
    expect(report).toMatch(/\| \[Xu18\] best \(quantized SA, 7-bit INQ, 5 FCNs\) \| 0\.930 \| 0\.914 \| 41\.78 \| 0\.862 \| 0\.859 \| 97\.39 \|/);
  }, 600_000);
});
