import { Queue } from 'bullmq';
import { QUEUE_NAME } from './constants';
import { QueueError } from './errors';
import type { QueueConnection } from './parseQueueUrl';
import { redactUrl } from './redactUrl';
import { redisOptions } from './redisOptions';

/**
 * The qfcn queue, once Redis has answered: a first contact that does not succeed within
 * `timeoutMs` is a {@link QueueError} naming the (masked) URL, so a wrong address fails at once;
 * later outages are the caller's to ride out (the client reconnects by itself).
 */
export async function openQueue(q: QueueConnection, timeoutMs = 10_000): Promise<Queue> {
  const queue = new Queue(QUEUE_NAME, { connection: redisOptions(q, false) });
  let lastError = '';
  queue.on('error', (e) => {
    lastError = redactUrl(e.message);
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      queue.getJobCounts('wait'),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('no answer')), timeoutMs);
      }),
    ]);
  } catch (e) {
    await queue.close().catch(() => undefined);
    const why = lastError || redactUrl((e as Error).message);
    throw new QueueError(`cannot reach Redis at ${q.display} within ${timeoutMs / 1000} s (${why})`, { cause: e });
  } finally {
    clearTimeout(timer);
  }
  return queue;
}

/** Closes a queue without waiting more than `ms` for an unreachable Redis; never throws. */
export async function closeQuietly(closable: { close(): Promise<void> }, ms = 2000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([closable.close().catch(() => undefined), new Promise((r) => (timer = setTimeout(r, ms)))]);
  clearTimeout(timer);
}
