import { describe, expect, it } from 'vitest';
import { formatDuration } from './formatDuration';
import { formatQueueStatus } from './formatQueueStatus';

describe('formatQueueStatus', () => {
  it('summarises, then lists running jobs with their worker and progress, then failures', () => {
    const text = formatQueueStatus(
      {
        total: 4,
        queued: 1,
        running: [{ id: 'a', title: 'member 1/3', worker: 'box#12', fraction: 0.456 }],
        done: 1,
        failed: [{ id: 'b', title: 'member 3/3', attempts: 3, reason: 'out of memory' }],
        etaSeconds: 185,
      },
      0,
    );
    expect(text.split('\n')).toEqual([
      'jobs: 4 — 1 queued, 1 running, 1 done, 1 failed; ETA 3m 05s',
      '  running  member 1/3 on box#12 — 46%',
      '  failed   member 3/3 after 3 attempt(s): out of memory',
    ]);
  });

  it('says when Redis is unreachable and for how long', () => {
    const text = formatQueueStatus(
      { total: 1, queued: 1, running: [], done: 0, failed: [], redisDown: { since: 0, message: 'ECONNREFUSED' } },
      12_000,
    );
    expect(text).toContain('Redis unreachable for 12s (ECONNREFUSED)');
  });
});

describe('formatDuration', () => {
  it('rounds to seconds, minutes or hours', () => {
    expect([formatDuration(4.4), formatDuration(60), formatDuration(7260), formatDuration(-1)]).toEqual([
      '4s',
      '1m 00s',
      '2h 01m',
      '?',
    ]);
  });
});
