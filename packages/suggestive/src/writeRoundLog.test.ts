import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRoundLog } from './readRoundLog';
import type { RoundLog } from './roundLogTypes';
import { writeRoundLog } from './writeRoundLog';

const log: RoundLog = {
  format: 'qfcn-suggestive-log',
  version: 2,
  settings: {
    strategy: 'suggestive',
    candidates: 4,
    picks: 2,
    budget: 3,
    initial: ['a'],
    seed: 1,
    poolSize: 4,
    poolDigest: '0123abcd',
  },
  rounds: [
    {
      round: 0,
      trainSeed: 9,
      annotatedBefore: 1,
      validation: 0.5,
      unannotated: 3,
      candidates: ['b', 'c', 'd'],
      chosen: ['c', 'b'],
      uncertainty: [0.2, 0.1],
      gains: [2, 0.5],
      representativeness: 2.5,
      seconds: 0.01,
    },
  ],
  final: null,
};

describe('writeRoundLog / readRoundLog', () => {
  it('round trip of a 1-round log into a new nested folder; no temporary file left', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qfcn-log-'));
    const path = join(dir, 'a', 'b', 'log.json');
    await writeRoundLog(path, log);
    expect(await readRoundLog(path)).toEqual(log);
    expect(readdirSync(join(dir, 'a', 'b'))).toEqual(['log.json']);
  });

  it('writeRoundLog replaces an existing log whole (never appends or truncates)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qfcn-log-'));
    const path = join(dir, 'log.json');
    writeFileSync(path, 'x'.repeat(10_000));
    await writeRoundLog(path, log);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(log);
  });

  it('readRoundLog reads a version 1 log (settings K = 4, k = 2) as version 2 (candidates 4, picks 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qfcn-roundlog-v1-'));
    const { candidates, picks, ...rest } = log.settings;
    const v1 = { ...log, version: 1, settings: { ...rest, K: candidates, k: picks } };
    writeFileSync(join(dir, 'old.json'), JSON.stringify(v1));
    expect(await readRoundLog(join(dir, 'old.json'))).toEqual(log);
    writeFileSync(join(dir, 'v3.json'), JSON.stringify({ ...log, version: 3 }));
    await expect(readRoundLog(join(dir, 'v3.json'))).rejects.toThrow(/unknown version 3/);
  });

  it('readRoundLog rejects chosen ids repeating the initial set and a budget overrun', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qfcn-log-'));
    const bad = [
      { ...log, rounds: [{ ...log.rounds[0], chosen: ['a', 'b'] }] },
      { ...log, settings: { ...log.settings, budget: 2 } },
      { ...log, rounds: [{ ...log.rounds[0], round: 3 }] },
      { ...log, settings: { ...log.settings, strategy: 'best' } },
    ];
    for (const [i, content] of bad.entries()) {
      const path = join(dir, `bad${i}.json`);
      writeFileSync(path, JSON.stringify(content));
      await expect(readRoundLog(path)).rejects.toMatchObject({ code: 'CORRUPT_FILE' });
    }
  });
});
