// A BullMQ sandboxed processor for the queue tests: reports progress, sleeps `ms` (or keeps its
// thread busy for `busyMs` without yielding, as a long training step does), then writes `out` (or
// throws when `fail` is set). The worker's name arrives in QFCN_WORKER_NAME.
import { appendFileSync, writeFileSync } from 'node:fs';

export default async function (job) {
  const { ms = 0, busyMs = 0, out, fail, log } = job.data;
  if (log) appendFileSync(log, `${job.data.title} ${process.env.QFCN_WORKER_NAME}\n`);
  if (fail) throw new Error(`fixture failure of ${job.data.title}`);
  for (let t = 0; t < ms; t += 100) {
    await job.updateProgress({ fraction: t / ms });
    await new Promise((r) => setTimeout(r, 100));
  }
  for (const end = Date.now() + busyMs; Date.now() < end; );
  if (out) writeFileSync(out, job.data.title);
  return { ok: true };
}
