import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentKey } from './contentKey';
import { JobFailedError, QueueError } from './errors';
import type { JobSpec } from './jobSpec';
import { parseQueueUrl } from './parseQueueUrl';
import { queueStatus } from './queueStatus';
import type { QueueSnapshot } from './snapshot';
import { startWorker, type QueueWorker } from './startWorker';
import { submitJobs } from './submitJobs';
import { findRedisServer, startRedis, type TestRedis } from './test';

const processor = fileURLToPath(new URL('./__fixtures__/sleepyProcessor.mjs', import.meta.url));
const server = findRedisServer();
const spec = (title: string, data: Record<string, unknown>): JobSpec => ({
  id: `t-${contentKey({ title, data, at: process.hrtime.bigint().toString() })}`,
  kind: 'sleep',
  data: { title, ...data },
});

describe.skipIf(!server)(
  server
    ? 'submitJobs with workers on a real Redis'
    : 'submitJobs with workers on a real Redis (skipped: no redis-server on PATH; apt-get install redis-server)',
  () => {
    let redis: TestRedis;
    const workers: QueueWorker[] = [];
    const dir = mkdtempSync(join(tmpdir(), 'qfcn-queue-'));
    beforeAll(async () => {
      redis = await startRedis(server!, { password: 'test-secret' });
      const q = parseQueueUrl(redis.url, {});
      workers.push(
        startWorker(q, { processor, name: 'w1', lockSeconds: 2 }),
        startWorker(q, { processor, name: 'w2', lockSeconds: 2 }),
      );
    });
    afterAll(async () => {
      for (const w of workers) await w.close(true);
      await redis?.stop();
    });

    it('runs every job once on the workers, reports who runs what, and finishes', async () => {
      const jobs = [1, 2, 3, 4].map((i) =>
        spec(`job ${i}`, { ms: 400, out: join(dir, `out-${i}`), log: join(dir, 'log') }),
      );
      const seen: QueueSnapshot[] = [];
      await submitJobs(parseQueueUrl(redis.url, {}), jobs, { pollMs: 100, onStatus: (s) => seen.push(s) });
      for (const i of [1, 2, 3, 4]) expect(readFileSync(join(dir, `out-${i}`), 'utf8')).toBe(`job ${i}`);
      const runs = readFileSync(join(dir, 'log'), 'utf8').trim().split('\n');
      expect(runs).toHaveLength(4);
      expect(seen.at(-1)).toMatchObject({ total: 4, done: 4, queued: 0, running: [] });
      const running = seen.flatMap((s) => s.running);
      expect(running.length).toBeGreaterThan(0);
      expect(running.every((r) => r.worker === 'w1' || r.worker === 'w2')).toBe(true);
      expect(seen.some((s) => s.etaSeconds !== undefined)).toBe(true);

      const status = await queueStatus(parseQueueUrl(redis.url, {}));
      expect(status.done).toBeGreaterThanOrEqual(4);
      expect(status.etaSeconds).toBe(0);
    });

    it('a job that keeps its process busy for over twice its lock duration is not declared stalled: it runs once', async () => {
      const log = join(dir, 'busy-log');
      await submitJobs(parseQueueUrl(redis.url, {}), [spec('busy', { busyMs: 4500, out: join(dir, 'busy'), log })], {
        pollMs: 200,
      });
      expect(readFileSync(log, 'utf8').trim().split('\n')).toHaveLength(1);
      expect(readFileSync(join(dir, 'busy'), 'utf8')).toBe('busy');
    }, 30_000);

    it('skips jobs whose result is already in the store', async () => {
      const job = spec('stored', { out: join(dir, 'never') });
      await submitJobs(parseQueueUrl(redis.url, {}), [job], { isDone: () => true });
      expect(existsSync(join(dir, 'never'))).toBe(false);
    });

    it('fails a job after its attempts with a report naming it and its reason', async () => {
      const log = join(dir, 'doomed-log');
      const job = spec('doomed', { fail: true, log });
      const error = await submitJobs(parseQueueUrl(redis.url, {}), [job, spec('fine', {})], {
        attempts: 2,
        pollMs: 100,
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(JobFailedError);
      const failure = (error as JobFailedError).failures[0]!;
      expect(failure).toMatchObject({ id: job.id, title: 'doomed', attempts: 2 });
      expect(failure.reason).toContain('fixture failure of doomed');
      expect((error as Error).message).toMatch(/doomed .*failed 2 time\(s\).*fixture failure/);
      expect((error as Error).message).not.toContain('test-secret');
      expect(readFileSync(log, 'utf8').trim().split('\n')).toHaveLength(2);
      // submitted again (the same command rerun): a fresh set of attempts, not an instant failure
      const again = await submitJobs(parseQueueUrl(redis.url, {}), [job], { attempts: 2, pollMs: 100 }).catch(
        (e: unknown) => e,
      );
      expect((again as JobFailedError).failures[0]).toMatchObject({ id: job.id, attempts: 2 });
      expect(readFileSync(log, 'utf8').trim().split('\n')).toHaveLength(4);
    }, 30_000);

    it('rides out a Redis restart that lost every job: waits, enqueues them again, finishes', async () => {
      // two run when Redis dies, the third is still queued: it is lost and must be enqueued again
      const jobs = [1, 2, 3].map((i) => spec(`restart ${i}`, { ms: 1500, out: join(dir, `restart-${i}`) }));
      const seen: QueueSnapshot[] = [];
      const run = submitJobs(parseQueueUrl(redis.url, {}), jobs, {
        pollMs: 100,
        onStatus: (s) => seen.push(s),
        isDone: (j) => existsSync(join(dir, `restart-${j.data.title.split(' ')[1]}`)),
      });
      while (!seen.some((s) => s.running.length > 0)) await new Promise((r) => setTimeout(r, 50));
      await redis.kill();
      await new Promise((r) => setTimeout(r, 1500));
      await redis.restart();
      await run;
      expect(seen.some((s) => s.redisDown !== undefined)).toBe(true);
      for (const i of [1, 2, 3]) expect(readFileSync(join(dir, `restart-${i}`), 'utf8')).toBe(`restart ${i}`);
    }, 40_000);
  },
);

describe('submitJobs without a Redis', () => {
  it('fails at once with the masked URL when Redis cannot be reached', async () => {
    const q = parseQueueUrl('redis://:hunter2@127.0.0.1:1', {});
    const error = await submitJobs(q, [spec('x', {})], { connectTimeoutMs: 500 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QueueError);
    expect((error as Error).message).toContain('cannot reach Redis at redis://:***@127.0.0.1:1');
    expect((error as Error).message).not.toContain('hunter2');
  });
});
