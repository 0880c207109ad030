import { formatQueueStatus, type QueueSnapshot } from '@qfcn/queue';

/**
 * A submitter's progress: the queue status (queued / running on which worker / done, ETA) each time
 * it changes, and at least every `everyMs` while it does not.
 */
export function statusPrinter(log: (line: string) => void, everyMs = 15_000): (s: QueueSnapshot) => void {
  let lastText = '';
  let lastAt = 0;
  return (s) => {
    const shape = JSON.stringify([
      s.queued,
      s.done,
      s.failed.length,
      s.running.map((r) => [r.id, r.worker]),
      Boolean(s.redisDown),
    ]);
    const now = Date.now();
    if (shape === lastText && now - lastAt < everyMs) return;
    lastText = shape;
    lastAt = now;
    log(formatQueueStatus(s, now));
  };
}
