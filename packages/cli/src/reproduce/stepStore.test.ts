import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StepStore } from './stepStore';

describe('StepStore', () => {
  it('a finished step is not run again after reopening (resume)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qfcn-steps-'));
    let calls = 0;
    const a = new StepStore(dir, { seed: 1 });
    expect(
      await a.run('train/member-0', () => {
        calls++;
        return { dice: 0.9 };
      }),
    ).toEqual({ dice: 0.9 });
    const b = new StepStore(dir, { seed: 1 });
    expect(
      await b.run('train/member-0', () => {
        calls++;
        return { dice: 0 };
      }),
    ).toEqual({ dice: 0.9 });
    expect(calls).toBe(1);
  });

  it('a step that throws leaves nothing behind and runs again next time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qfcn-steps-'));
    const s = new StepStore(dir, {});
    await expect(s.run('x', () => Promise.reject(new Error('killed')))).rejects.toThrow('killed');
    expect(s.has('x')).toBe(false);
    expect(await s.run('x', () => 3)).toBe(3);
  });

  it('different settings in the same folder → error; fresh → starts over', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qfcn-steps-'));
    await new StepStore(dir, { bits: [5] }).run('a', () => 1);
    expect(() => new StepStore(dir, { bits: [7] })).toThrow(/different settings/);
    const fresh = new StepStore(dir, { bits: [7] }, { fresh: true });
    expect(fresh.has('a')).toBe(false);
  });

  it('a corrupt step file is a CorruptFileError naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qfcn-steps-'));
    const s = new StepStore(dir, {});
    writeFileSync(join(dir, 'steps', 'bad.json'), '{"value": ');
    expect(() => s.get('bad')).toThrow(/bad\.json: unreadable step result/);
  });
});
