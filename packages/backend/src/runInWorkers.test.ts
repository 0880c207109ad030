import { describe, expect, it } from 'vitest';
import { runInWorkers } from './runInWorkers';

const fixture = new URL('./__fixtures__/tinyTrainWorker.mjs', import.meta.url);

describe('runInWorkers', () => {
  it('4 seeded tiny conv trainings (4 Adam steps each) on 2 workers equal a sequential run, in task order', async () => {
    const tasks = [11, 12, 13, 14].map((seed) => ({ seed, steps: 4 }));
    const events: Array<{ current: number; total: number }> = [];
    const parallel = await runInWorkers<
      { seed: number; steps: number },
      { seed: number; losses: number[]; w2: number[] }
    >(fixture, tasks, { workers: 2, onProgress: (e) => events.push({ current: e.current, total: e.total }) });
    const mod = (await import(fixture.href)) as {
      setup(context: object): Promise<void>;
      run(task: object, context: object): Promise<{ seed: number; losses: number[]; w2: number[] }>;
    };
    await mod.setup({ workerIndex: 0, workerData: undefined });
    const sequential = [];
    for (let i = 0; i < tasks.length; i++)
      sequential.push(await mod.run(tasks[i]!, { workerIndex: 0, workerData: undefined, taskIndex: i }));
    expect(parallel.map((r) => r.seed)).toEqual([11, 12, 13, 14]);
    expect(parallel).toEqual(sequential); // bit-identical losses and weights
    expect(parallel[0]!.losses[3]).toBeLessThan(parallel[0]!.losses[0]!); // it did train
    expect(new Set(parallel.map((r) => r.losses[0])).size).toBe(4); // different seeds, different runs
    expect(events.map((e) => e.current)).toEqual([1, 2, 3, 4]);
    expect(events.every((e) => e.total === 4)).toBe(true);
  });

  it('no tasks: [] without starting workers', async () => {
    expect(await runInWorkers(fixture, [])).toEqual([]);
  });

  it('a task that throws: WorkerTaskError with its index and message, other workers stopped', async () => {
    const tasks = [{ seed: 1, steps: 1 }, { fail: 'bad member 1' }, { seed: 3, steps: 1 }];
    await expect(runInWorkers(fixture, tasks, { workers: 1 })).rejects.toMatchObject({
      code: 'WORKER_TASK_FAILED',
      taskIndex: 1,
      message: expect.stringContaining('bad member 1'),
    });
  });

  it('module without run(): WorkerTaskError saying so', async () => {
    const url = 'data:text/javascript,export const nothing = 1;';
    await expect(runInWorkers(url, [1], { workers: 1 })).rejects.toMatchObject({
      code: 'WORKER_TASK_FAILED',
      message: expect.stringContaining('exports no run(task, context) function'),
    });
  });

  it('bad arguments: relative path, missing file, TypeScript module, 0 workers', async () => {
    await expect(runInWorkers('./worker.mjs', [1])).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(runInWorkers('/nonexistent/worker.mjs', [1])).rejects.toThrow('does not exist');
    await expect(runInWorkers(new URL('./runInWorkers.ts', import.meta.url), [1])).rejects.toThrow('is TypeScript');
    await expect(runInWorkers(fixture, [1], { workers: 0 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});
