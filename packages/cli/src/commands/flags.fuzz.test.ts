import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mulberry32 } from '@qfcn/internal';
import { describe, expect, it } from 'vitest';
import { commands, main } from '../main';
import { capture } from '../testing';

// Property: whatever values a user gives a command's flags, it answers with a clean, typed error —
// exit 2 (bad usage or input) or 1, one message `qfcn <command>: …` — never a stack trace, never the
// "(run again with --debug …)" of an unexpected error, and never starts work on data that does not
// exist. Flags are read from each command's --help; values are seeded picks of malformed numbers,
// lists and paths (a file, an empty folder, a missing path). QFCN_SLOW=1 runs 10× more cases.
const CASES = process.env.QFCN_SLOW ? 400 : 40;

const work = mkdtempSync(join(tmpdir(), 'qfcn-flag-fuzz-'));
const FILE = join(work, 'file.txt');
writeFileSync(FILE, 'not an image');
const EMPTY = mkdtempSync(join(tmpdir(), 'qfcn-flag-fuzz-empty-'));
const MISSING = join(work, 'missing', 'deeper');
const VALUES = [
  '',
  '0',
  '-1',
  '1.5',
  '7',
  '1e309',
  'NaN',
  'abc',
  '99999999',
  '0x10',
  '5,6',
  ',',
  '2..8',
  '-',
  FILE,
  EMPTY,
  MISSING,
];

// Every command is given paths that lead nowhere, so a case that passes every check still stops at
// the data. worker / queue talk to Redis and are fuzzed by their own suites.
const BASE: Record<string, string[]> = {
  reproduce: ['--data', MISSING, '--out', join(work, 'rp')],
  train: ['--data', MISSING, '--out', join(work, 'model')],
  predict: ['--model', MISSING, '--images', MISSING, '--out', join(work, 'pred')],
  evaluate: ['--pred', MISSING, '--gt', MISSING],
  suggest: ['--model', MISSING, '--images', MISSING],
  quantize: ['--model', MISSING, '--out', join(work, 'q')],
};
const NOT_FUZZED = new Set(['--help', '--debug', '--queue', '--store', '--quiet']);

function flagsOf(help: string): string[] {
  return [...new Set(help.match(/--[a-z][a-z-]*/g) ?? [])].filter((f) => !NOT_FUZZED.has(f));
}

describe.each(Object.keys(BASE))('qfcn %s with random flag values', (name) => {
  const command = commands.find((c) => c.name === name)!;
  const flags = flagsOf(command.help);

  it(`${CASES} seeded cases: exit 1 or 2 with one clean "qfcn ${name}:" message, no stack trace`, async () => {
    expect(flags.length).toBeGreaterThan(2);
    const rand = mulberry32(name.length * 7919 + 17);
    const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
    for (let i = 0; i < CASES; i++) {
      const argv = [...BASE[name]!];
      for (let k = 1 + Math.floor(rand() * 3); k > 0; k--) {
        const flag = pick(flags);
        const value = pick(VALUES);
        argv.push(rand() < 0.5 ? `${flag}=${value}` : flag, ...(argv.at(-1) === flag ? [value] : []));
      }
      const io = capture();
      const code = await main([name, ...argv], io);
      const what = () => `qfcn ${name} ${argv.join(' ')}\n${io.stderr}`;
      expect([1, 2], what()).toContain(code);
      expect(io.stderr.startsWith(`qfcn ${name}: `), what()).toBe(true);
      expect(io.stderr, what()).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
      expect(io.stderr, what()).not.toContain('run again with --debug');
    }
  }, 120_000);
});
