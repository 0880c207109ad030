import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ProgressEvent } from '@qfcn/contract';
import type { CellsWorkerJob, CellsWorkerMessage } from './cellsWorker';
import { cellStep, experimentCells } from './experimentCells';
import type { ReproduceOptions, ResolvedOptions } from './options';
import type { StepStore } from './stepStore';

/** Options of {@link runCellsInParallel}. */
export interface RunCellsInParallelOptions {
  /** Child processes. */
  readonly workers: number;
  /** The worker module; default `reproduceCellsWorker.js` beside this file (the built CLI). */
  readonly workerModule?: string;
  readonly log?: (line: string) => void;
  readonly onProgress?: (e: ProgressEvent) => void;
  readonly signal?: AbortSignal;
}

/** The built worker module beside the CLI's `dist/` files, or undefined when running from sources. */
export function defaultCellsWorkerModule(): string | undefined {
  const file = new URL('./reproduceCellsWorker.js', import.meta.url);
  return file.protocol === 'file:' && existsSync(file) ? fileURLToPath(file) : undefined;
}

/**
 * Computes the unfinished cells of an experiment in `workers` child processes at once, each with
 * `floor(cores / workers)` compute threads (`QFCN_NATIVE_THREADS`, wasm threads), so that small
 * FCNs — which use two cores poorly — keep every core busy. The children store every step where a
 * sequential run would, so {@link runReproduction} then only assembles the report, and an
 * interrupted run resumes either way.
 *
 * Details: children take cells dynamically (first come, first served, by exclusive claim files in
 * `<out>/.claims`, cleared before and after). The first child that fails stops the others and the
 * error names its cell and message; finished cells stay stored. `QFCN_NATIVE_THREADS` set by the
 * caller wins over the computed share. Results with the qfcn-native backend depend on its thread
 * count (summation order), so a run with `--workers 2` and one with `--workers 1` agree to float
 * rounding, not bit for bit.
 *
 * @example
 * await runCellsInParallel(resolved, options, store, { workers: 2, log: console.error });
 */
export async function runCellsInParallel(
  o: ResolvedOptions,
  options: ReproduceOptions,
  store: StepStore,
  settings: RunCellsInParallelOptions,
): Promise<void> {
  const pending = experimentCells(o).filter(({ seed, cell }) => !store.has(cellStep(seed, cell)));
  const workers = Math.min(settings.workers, pending.length);
  if (workers < 2) return;
  const module = settings.workerModule ?? defaultCellsWorkerModule();
  if (!module) {
    settings.log?.('parallel cells need the built CLI (dist/reproduceCellsWorker.js): running them one after another');
    return;
  }
  const threads = Math.max(1, Math.floor(availableParallelism() / workers));
  const claims = join(o.out, '.claims');
  rmSync(claims, { recursive: true, force: true });
  settings.log?.(`${pending.length} cells on ${workers} worker processes, ${threads} thread(s) each`);
  let finished = 0;
  const children: ChildProcess[] = [];
  const stopAll = () => children.forEach((c) => c.exitCode === null && c.kill('SIGTERM'));
  settings.signal?.addEventListener('abort', stopAll, { once: true });
  try {
    await Promise.all(
      Array.from({ length: workers }, (_, worker) => {
        const job: CellsWorkerJob = { options: { ...options, out: o.out }, claims, worker, wasmThreads: threads };
        const child = fork(module, [], {
          env: {
            ...process.env,
            QFCN_REPRODUCE_CELLS: JSON.stringify(job),
            QFCN_NATIVE_THREADS: process.env.QFCN_NATIVE_THREADS ?? String(threads),
          },
          stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
        });
        children.push(child);
        let stderr = '';
        let current = '';
        child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
        child.on('message', (m: CellsWorkerMessage) => {
          if (m.kind === 'cell') {
            current = `seed ${m.seed} ${m.cell}`;
            if (m.state === 'finished') finished++;
            settings.log?.(`[worker ${worker + 1}] ${current} ${m.state} (${finished}/${pending.length} cells done)`);
          } else {
            settings.onProgress?.({ ...m.event, stage: `w${worker + 1} ${m.event.stage}` });
          }
        });
        return new Promise<void>((resolve, reject) => {
          child.on('error', reject);
          child.on('exit', (code, signal) => {
            if (code === 0) return resolve();
            stopAll();
            const why = settings.signal?.aborted ? 'stopped' : `failed (${signal ?? `exit ${code}`})`;
            reject(
              new Error(
                `reproduce worker ${worker + 1} ${why}${current ? ` in cell ${current}` : ''}${stderr ? `: ${stderr.trim().split('\n').slice(-3).join(' | ')}` : ''}`,
              ),
            );
          });
        });
      }),
    );
  } finally {
    settings.signal?.removeEventListener('abort', stopAll);
    rmSync(claims, { recursive: true, force: true });
  }
  settings.signal?.throwIfAborted();
}
