import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { mulberry32 } from '@qfcn/internal';
import { describe, expect, it } from 'vitest';
import { builtDistIsFresh } from '../../../../test-support/builtDist';
import { folderDataset } from '../testing';

// "Interrupt at any time, the same command resumes": `qfcn train --bits 5` (float training, INQ,
// packed .qfcnq files, the model folder) killed with SIGKILL at seeded random instants, rerun after
// each kill, ends with the same weight files, byte for byte, as a run never interrupted; after every
// kill the model folder is absent or complete. The child is the built CLI (pnpm build first).
const built = builtDistIsFresh('cli', 'bin.js', ['cli', 'fcn', 'data', 'quantize', 'backend']);
const bin = resolve(import.meta.dirname, '..', '..', 'dist', 'bin.js');
const KILLS = process.env.QFCN_SLOW ? 12 : 3;

function run(
  args: string[],
  killAfterMs?: number,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number; stderr: string }> {
  const started = Date.now();
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  return new Promise((done) =>
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      done({ code, signal, ms: Date.now() - started, stderr });
    }),
  );
}

/** The weight files of a model folder (tfjs weights and packed INQ weights) by name. */
function weightFiles(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, prefix: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name), `${prefix}${e.name}/`);
      else if (/\.(bin|qfcnq)$/.test(e.name))
        out[`${prefix}${e.name}`] = readFileSync(join(d, e.name)).toString('base64');
    }
  };
  walk(dir, '');
  return out;
}

let trained: { model: string; data: string } | undefined;

describe.skipIf(!built)(
  `qfcn train, predict and reproduce killed at random instants${built ? '' : ' (skipped: build the CLI first — its dist is missing or older than the sources)'}`,
  () => {
    it(`${KILLS} SIGKILLs at seeded instants, each followed by the same command: the weights of an uninterrupted run, byte for byte`, async () => {
      const data = folderDataset(5, 70, 'qfcn-kill-data-');
      const args = (out: string) => [
        'train',
        '--data',
        data,
        '--out',
        out,
        '--preset',
        'tiny',
        '--epochs',
        '6',
        '--crop',
        '32',
        '--bits',
        '5',
        '--epochs-per-step',
        '1',
        '--seed',
        '3',
        '--backend',
        'wasm',
        '--quiet',
      ];
      const reference = join(mkdtempSync(join(tmpdir(), 'qfcn-kill-ref-')), 'model');
      const whole = await run(args(reference));
      expect(whole.code, whole.stderr).toBe(0);
      trained = { model: reference, data };
      const expected = weightFiles(reference);
      expect(Object.keys(expected).some((f) => f.endsWith('.qfcnq'))).toBe(true);

      const out = join(mkdtempSync(join(tmpdir(), 'qfcn-kill-')), 'model');
      const rand = mulberry32(2024);
      for (let k = 0; k < KILLS; k++) {
        // from process start-up to the end of a whole run: start-up, training, INQ, saving
        const r = await run(args(out), Math.round(whole.ms * (0.1 + 0.9 * rand())));
        expect(r.code === 0 || r.signal === 'SIGKILL', r.stderr).toBe(true);
        if (existsSync(out)) expect(Object.keys(weightFiles(out)).sort()).toEqual(Object.keys(expected).sort());
      }
      const last = await run(args(out));
      expect(last.code, last.stderr).toBe(0);
      expect(weightFiles(out)).toEqual(expected);
    }, 600_000);

    it(`predict: ${KILLS} SIGKILLs at seeded instants and a rerun write the files of an uninterrupted run, no temporaries left`, async () => {
      expect(trained, 'the training case above runs first').toBeDefined();
      const { model, data } = trained!;
      const args = (out: string) => [
        'predict',
        '--model',
        model,
        '--images',
        data,
        '--out',
        out,
        '--backend',
        'wasm',
        '--quiet',
      ];
      const files = (dir: string) =>
        Object.fromEntries(
          readdirSync(dir)
            .sort()
            .map((f) => [f, readFileSync(join(dir, f)).toString('base64')]),
        );
      const reference = join(mkdtempSync(join(tmpdir(), 'qfcn-kill-pred-ref-')), 'pred');
      const whole = await run(args(reference));
      expect(whole.code, whole.stderr).toBe(0);
      const expected = files(reference);
      expect(Object.keys(expected).length).toBeGreaterThan(5);
      const out = join(mkdtempSync(join(tmpdir(), 'qfcn-kill-pred-')), 'pred');
      const rand = mulberry32(7);
      for (let k = 0; k < KILLS; k++) {
        const r = await run(args(out), Math.round(whole.ms * (0.1 + 0.9 * rand())));
        expect(r.code === 0 || r.signal === 'SIGKILL', r.stderr).toBe(true);
      }
      const last = await run(args(out));
      expect(last.code, last.stderr).toBe(0);
      expect(files(out)).toEqual(expected);
    }, 600_000);

    const REPRODUCE_KILLS = process.env.QFCN_SLOW ? KILLS : 2;
    it(`reproduce (one process): ${REPRODUCE_KILLS} SIGKILLs at seeded instants and a rerun give the rows of an uninterrupted run`, async () => {
      const args = (out: string) => [
        'reproduce',
        '--out',
        out,
        '--seeds',
        '1',
        '--steps',
        '8',
        '--inq-steps',
        '4',
        '--crop',
        '32',
        '--bits',
        '5',
        '--qsa-bits',
        '5',
        '--members',
        '1',
        '--suggest-members',
        '2',
        '--synthetic',
        '20,8,4',
        '--workers',
        '1',
        '--backend',
        'wasm',
        '--quiet',
      ];
      const rows = (dir: string) =>
        (JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as { rows: unknown[] }).rows;
      const reference = join(mkdtempSync(join(tmpdir(), 'qfcn-kill-rp-ref-')), 'rp');
      const whole = await run(args(reference));
      expect(whole.code, whole.stderr).toBe(0);
      const out = join(mkdtempSync(join(tmpdir(), 'qfcn-kill-rp-')), 'rp');
      const rand = mulberry32(99);
      for (let k = 0; k < REPRODUCE_KILLS; k++) {
        const r = await run(args(out), Math.round(whole.ms * (0.1 + 0.9 * rand())));
        expect(r.code === 0 || r.signal === 'SIGKILL', r.stderr).toBe(true);
      }
      const last = await run(args(out));
      expect(last.code, last.stderr).toBe(0);
      expect(rows(out)).toEqual(rows(reference));
    }, 900_000);
  },
);
