import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { isAbsolute } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { InvalidArgumentError, type ProgressListener } from '@qfcn/contract';
import { WorkerTaskError } from './errors';

/** Options of {@link runInWorkers}. */
export interface RunInWorkersOptions {
  /** Worker threads to start (at most one per task). Default: `os.availableParallelism()`. */
  readonly workers?: number;
  /** Called after each finished task with `{ stage: 'runInWorkers', current, total, message }`. */
  readonly onProgress?: ProgressListener;
  /** Structured-clonable value handed to every worker's `setup` and `run` as `context.workerData`. */
  readonly workerData?: unknown;
}

/** What a worker module's `setup(context)` and `run(task, context)` receive. */
export interface WorkerContext {
  /** 0-based index of the worker thread. */
  readonly workerIndex: number;
  /** `options.workerData` of `runInWorkers`. */
  readonly workerData: unknown;
  /** 0-based index of the task being run (`run` only). */
  readonly taskIndex?: number;
}

// The bootstrap every worker runs (CommonJS, evaluated): imports the user's module, calls its
// optional `setup(context)` once, then `run(task, context)` for each task message.
const BOOTSTRAP = `
const { parentPort, workerData } = require('node:worker_threads');
const context = { workerIndex: workerData.index, workerData: workerData.data };
const ready = (async () => {
  const mod = await import(workerData.url);
  const api = typeof mod.run === 'function' ? mod : mod.default && typeof mod.default.run === 'function' ? mod.default : null;
  const run = api ? api.run : typeof mod.default === 'function' ? mod.default : null;
  if (typeof run !== 'function') throw new Error(workerData.url + ' exports no run(task, context) function (named export run, or a default export)');
  const setup = api && typeof api.setup === 'function' ? api.setup : null;
  if (setup) await setup(context);
  return run;
})();
ready.catch(() => {});
parentPort.on('message', async (message) => {
  try {
    const run = await ready;
    const result = await run(message.task, { ...context, taskIndex: message.index });
    parentPort.postMessage({ index: message.index, ok: true, result });
  } catch (error) {
    parentPort.postMessage({ index: message.index, ok: false, message: error && error.stack ? error.stack : String(error) });
  }
});
`;

/**
 * Runs independent tasks (e.g. training ensemble members) in parallel `worker_threads`, one task at
 * a time per worker, and returns their results in task order.
 *
 * When to use: ensembles on CPU, independent runs that each use one core. In the main thread wasm
 * spreads one model's convolutions over every core (about 1.3× faster on 2 cores); one member per
 * worker (each worker's wasm on one thread) keeps every core busy for all of a step instead.
 *
 * Details: `workerModule` is the URL (or absolute path) of a JavaScript module — built JS or an
 * `.mjs` file, not TypeScript — that exports `run(task, context)` (or a default function) returning
 * a structured-clonable result, and optionally `setup(context)`, called once per worker before its
 * first task: initialize the backend there (`await initBackend()`), since every worker has its own
 * tfjs. Tasks and results cross threads by structured clone. Tasks are handed out as workers become
 * free; results are placed by task index, so the output does not depend on scheduling, and a seeded
 * task gives the same result as running it in the main thread on the same backend. The first task
 * that throws rejects the whole run with `WorkerTaskError` (its `taskIndex`, the worker's stack) and
 * stops all workers. Default `workers`: `os.availableParallelism()`, capped at the number of tasks.
 *
 * @example
 * // member.mjs: export async function setup() { await initBackend('wasm', { log: false }) }
 * //             export async function run({ seed }) { ...train...; return { weights, loss } }
 * const results = await runInWorkers(new URL('./member.mjs', import.meta.url), [{ seed: 1 }, { seed: 2 }], {
 *   onProgress: (e) => console.log(`${e.current}/${e.total}`),
 * });
 */
export async function runInWorkers<Task, Result>(
  workerModule: string | URL,
  tasks: readonly Task[],
  options: RunInWorkersOptions = {},
): Promise<Result[]> {
  const url = moduleUrl(workerModule);
  if (!Array.isArray(tasks)) throw new InvalidArgumentError('tasks', 'expected an array of tasks');
  const requested = options.workers ?? availableParallelism();
  if (!Number.isInteger(requested) || requested < 1) {
    throw new InvalidArgumentError('options.workers', `expected an integer >= 1, got ${requested}`);
  }
  if (tasks.length === 0) return [];
  const count = Math.min(requested, tasks.length);
  const results = new Array<Result>(tasks.length);
  let next = 0;
  let done = 0;
  const workers: Worker[] = [];

  try {
    await new Promise<void>((resolve, reject) => {
      let failed = false;
      const fail = (error: Error) => {
        if (failed) return;
        failed = true;
        reject(error);
      };
      for (let index = 0; index < count; index++) {
        const worker = new Worker(BOOTSTRAP, { eval: true, workerData: { url, index, data: options.workerData } });
        workers.push(worker);
        let current = -1;
        const feed = () => {
          if (failed || next >= tasks.length) return;
          current = next++;
          worker.postMessage({ index: current, task: tasks[current] });
        };
        worker.on('message', (message: { index: number; ok: boolean; result?: Result; message?: string }) => {
          if (!message.ok) {
            fail(new WorkerTaskError(message.index, message.message ?? 'unknown error'));
            return;
          }
          results[message.index] = message.result as Result;
          current = -1;
          done++;
          options.onProgress?.({
            stage: 'runInWorkers',
            current: done,
            total: tasks.length,
            message: `task ${message.index} done by worker ${index}`,
          });
          if (done === tasks.length) resolve();
          else feed();
        });
        worker.on('error', (error) =>
          fail(new WorkerTaskError(current, `worker ${index} crashed: ${error.message}`, { cause: error })),
        );
        worker.on('exit', (code) => {
          if (done < tasks.length && !failed)
            fail(new WorkerTaskError(current, `worker ${index} exited with code ${code}`));
        });
        feed();
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}

function moduleUrl(workerModule: string | URL): string {
  let url: URL;
  if (workerModule instanceof URL) url = workerModule;
  else if (typeof workerModule === 'string' && isAbsolute(workerModule)) url = pathToFileURL(workerModule);
  else if (typeof workerModule === 'string' && /^[a-z][a-z0-9+.-]*:/i.test(workerModule)) url = new URL(workerModule);
  else {
    throw new InvalidArgumentError(
      'workerModule',
      `expected a module URL or an absolute path, got ${JSON.stringify(workerModule)} (relative paths are ambiguous in workers)`,
    );
  }
  if (url.protocol === 'file:' && !existsSync(fileURLToPath(url))) {
    throw new InvalidArgumentError('workerModule', `${fileURLToPath(url)} does not exist`);
  }
  if (url.protocol === 'file:' && /\.(c|m)?tsx?$/.test(url.pathname)) {
    throw new InvalidArgumentError(
      'workerModule',
      `${fileURLToPath(url)} is TypeScript; workers need built JS or an .mjs file`,
    );
  }
  return url.href;
}
