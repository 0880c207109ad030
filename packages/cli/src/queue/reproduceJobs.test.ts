import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findRedisServer, startRedis, type TestRedis } from '@qfcn/queue/test';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../main';
import { builtDistIsFresh } from '../../../../test-support/builtDist';
import { capture, folderDataset } from '../testing';

const bin = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));
const server = findRedisServer();
// workers run the built CLI (and the built packages it uses)
const built = builtDistIsFresh('cli', 'queueProcessor.js', ['cli', 'queue', 'fcn']);

/** Every file under `dir` (relative paths). */
const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)).map((f) => join(e.name, f)) : [e.name],
  );

describe.skipIf(!server || !built)(
  'qfcn reproduce --queue on worker processes (skipped unless redis-server is on PATH — apt-get install redis-server — and packages/cli/dist is built and fresh)',
  () => {
    let redis: TestRedis | undefined;
    const workers: ChildProcess[] = [];
    afterAll(async () => {
      for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGKILL');
      await redis?.stop();
    });

    it('the grid cells on 2 workers give the local run’s models bit for bit and its numbers', async () => {
      redis = await startRedis(server!);
      const store = mkdtempSync(join(tmpdir(), 'qfcn-rstore-'));
      const work = mkdtempSync(join(tmpdir(), 'qfcn-rrun-'));
      const data = join(store, 'data');
      mkdirSync(data);
      const source = folderDataset(6, 90, 'qfcn-rdata-');
      for (const f of readdirSync(source)) copyFileSync(join(source, f), join(data, f));
      const args = [
        'reproduce',
        '--data',
        data,
        '--preset',
        'tiny',
        '--seeds',
        '1',
        '--steps',
        '6',
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
        '1',
        '--backend',
        'wasm',
        '--quiet',
      ];

      expect(await main([...args, '--out', join(work, 'local')], capture())).toBe(0);
      for (let i = 0; i < 2; i++) {
        workers.push(
          spawn(
            process.execPath,
            [bin, 'worker', '--queue', redis.url, '--store', store, '--threads', '1', '--backend', 'wasm', '--quiet'],
            { stdio: 'ignore' },
          ),
        );
      }
      const cwd = process.cwd();
      expect(
        await main([...args, '--out', join(work, 'queued'), '--queue', redis.url, '--store', store], capture()),
      ).toBe(0);
      expect(process.cwd()).toBe(cwd);

      const local = JSON.parse(readFileSync(join(work, 'local', 'results.json'), 'utf8'));
      const queued = JSON.parse(readFileSync(join(work, 'queued', 'results.json'), 'utf8'));
      for (const key of ['rows', 'summary', 'claims', 'curves', 'plan']) expect(queued[key]).toEqual(local[key]);
      const rounds = (r: { suggestions: { rounds: { seconds?: number }[] }[] }) =>
        r.suggestions.map((s) => ({ ...s, rounds: s.rounds.map(({ seconds: _, ...x }) => x) }));
      expect(rounds(queued)).toEqual(rounds(local));

      const models = filesUnder(join(work, 'local', 'models')).filter(
        (f) => f.endsWith('.bin') || f.endsWith('.qfcnq'),
      );
      expect(models.length).toBeGreaterThanOrEqual(6);
      for (const f of models)
        expect(
          readFileSync(join(work, 'queued', 'models', f)).equals(readFileSync(join(work, 'local', 'models', f))),
          f,
        ).toBe(true);
      expect(readFileSync(join(work, 'queued', 'report.md'), 'utf8')).toContain('claim');
    }, 180_000);
  },
);
