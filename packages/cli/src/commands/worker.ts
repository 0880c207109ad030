import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { QfcnError } from '@qfcn/contract';
import { parseQueueUrl, startWorker } from '@qfcn/queue';
import { parse, parseNumber, parsePositiveInt, requireString, UsageError } from '../args';
import { initCliBackend } from '../backend';
import type { Command } from '../command';
import { assertStore } from '../queue/storePath';

const help = `
qfcn worker — take training jobs from a Redis queue and run them here, until stopped

Usage: qfcn worker --queue redis://HOST:PORT[/DB] --store DIR [--concurrency N] [--threads N]
                   [--backend auto|wasm|cpu|qfcn-native|…] [--lock-seconds S] [--quiet]

  --queue URL        the Redis that 'qfcn train --queue' / 'qfcn reproduce --queue' submit to;
                     rediss:// for TLS; a password as redis://:PASSWORD@HOST or in
                     QFCN_REDIS_PASSWORD (never printed)
  --store DIR        the shared folder of the runs (same content as the submitter's --store; it
                     may be mounted at another path here)
  --concurrency N    jobs at a time, each in its own process (default 1)
  --threads N        compute threads per job (wasm XNNPACK threads, QFCN_NATIVE_THREADS for
                     qfcn-native); default: the backend's (all cores)
  --backend NAME     as for 'qfcn train' (default auto); use the submitter's backend for results
                     bit-identical to a local run
  --lock-seconds S   a job whose worker stops renewing its lock for S seconds (killed, machine
                     lost) goes to another worker, which resumes it from its checkpoint (default 30)

Each job is one independent training (an ensemble member, a grid cell of one seed); it reads its
data and writes its checkpoints and results in the store, atomically. Ctrl-C (SIGINT/SIGTERM)
finishes the running jobs first; a second Ctrl-C leaves them to other workers.

Example:
  qfcn worker --queue redis://redis.lab:6379 --store /mnt/qfcn-store --concurrency 2 --threads 1
`;

/** The job module beside this file in dist/ (tsup builds src/queue/processor.ts to it). */
function processorPath(): string {
  const file = fileURLToPath(new URL('./queueProcessor.js', import.meta.url));
  if (!existsSync(file))
    throw new QfcnError('NOT_BUILT', `${file} is missing: build @qfcn/cli (pnpm build) to run workers`);
  return file;
}

export const workerCommand: Command = {
  name: 'worker',
  summary: 'take training jobs from a Redis queue (train/reproduce --queue) and run them here',
  help,
  async run(argv, io) {
    const { values, positionals } = parse(argv, {
      queue: { type: 'string' },
      store: { type: 'string' },
      concurrency: { type: 'string' },
      threads: { type: 'string' },
      backend: { type: 'string', default: 'auto' },
      'lock-seconds': { type: 'string' },
      quiet: { type: 'boolean', default: false },
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const connection = parseQueueUrl(requireString(values.queue, 'queue'));
    const store = assertStore(requireString(values.store, 'store'));
    const concurrency = parsePositiveInt(values.concurrency, 'concurrency', 1);
    const threads = values.threads === undefined ? undefined : parseNumber(values.threads, 'threads', 1);
    if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1 && threads <= 64)) {
      throw new UsageError(`--threads must be an integer in 1..64, got ${values.threads}`);
    }
    const lockSeconds = parseNumber(values['lock-seconds'], 'lock-seconds', 30);
    if (!(lockSeconds >= 1 && lockSeconds <= 3600))
      throw new UsageError(`--lock-seconds must be in 1..3600, got ${values['lock-seconds']}`);
    const say = (line: string) => (values.quiet ? undefined : io.err(`${line}\n`));
    // the backend is checked (and named) here, before any job; each job process initialises its own
    await initCliBackend(values.backend, {
      log: say,
      ...(threads === undefined ? {} : { wasmThreads: Math.min(threads, 8) }),
    });
    const worker = startWorker(connection, {
      processor: processorPath(),
      concurrency,
      lockSeconds,
      env: {
        QFCN_QUEUE_STORE: store,
        QFCN_QUEUE_BACKEND: values.backend ?? 'auto',
        ...(threads === undefined ? {} : { QFCN_QUEUE_THREADS: String(threads), QFCN_NATIVE_THREADS: String(threads) }),
      },
      onEvent: say,
    });
    say(`${worker.name}: waiting for jobs on ${connection.display} (store ${store}, ${concurrency} at a time)`);
    await new Promise<void>((resolve) => {
      let stopping = false;
      const stop = () => {
        if (stopping) {
          say(`${worker.name}: leaving the running jobs to other workers`);
          void worker.close(true).then(resolve);
          return;
        }
        stopping = true;
        say(`${worker.name}: finishing the running jobs (Ctrl-C again to leave them to other workers)`);
        void worker.close().then(resolve);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    return 0;
  },
};
