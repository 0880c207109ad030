import { formatDuration } from './formatDuration';
import type { QueueSnapshot } from './snapshot';

/**
 * The lines a waiting submitter and `qfcn queue status` print: a summary (queued / running / done /
 * failed, ETA), then one line per running job with its worker and progress, then each failure.
 *
 * When to use: to show a {@link QueueSnapshot} to people.
 *
 * Details: holds no URL or credential (snapshots carry none). While Redis is unreachable the summary
 * says so and for how long.
 *
 * @example
 * console.log(formatQueueStatus(await queueStatus(parseQueueUrl('redis://localhost:6379'))));
 */
export function formatQueueStatus(s: QueueSnapshot, now = Date.now()): string {
  const eta = s.etaSeconds === undefined ? '' : `; ETA ${formatDuration(s.etaSeconds)}`;
  const lines = [
    `jobs: ${s.total} — ${s.queued} queued, ${s.running.length} running, ${s.done} done, ${s.failed.length} failed${eta}`,
  ];
  if (s.redisDown)
    lines.push(
      `  Redis unreachable for ${formatDuration((now - s.redisDown.since) / 1000)} (${s.redisDown.message}); waiting for it to come back`,
    );
  for (const r of s.running) {
    const pct = r.fraction === undefined ? '' : ` — ${Math.round(100 * r.fraction)}%`;
    lines.push(`  running  ${r.title} on ${r.worker ?? 'a worker'}${pct}`);
  }
  for (const f of s.failed) lines.push(`  failed   ${f.title} after ${f.attempts} attempt(s): ${f.reason}`);
  return lines.join('\n');
}
