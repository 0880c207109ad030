import { formatQueueStatus, parseQueueUrl, queueStatus } from '@qfcn/queue';
import { parse, requireString, UsageError } from '../args';
import type { Command } from '../command';

const help = `
qfcn queue — look at the Redis queue of training jobs

Usage: qfcn queue status --queue redis://HOST:PORT[/DB]

  status             jobs queued, running (on which worker, how far), done and failed (with the
                     reason), and an ETA from the run times of finished jobs

The password (redis://:PASSWORD@HOST or QFCN_REDIS_PASSWORD) is never printed.

Example:
  qfcn queue status --queue redis://redis.lab:6379
`;

export const queueCommand: Command = {
  name: 'queue',
  summary: 'status of the Redis queue of training jobs (queued, running on which worker, done, ETA)',
  help,
  async run(argv, io) {
    const { values, positionals } = parse(argv, { queue: { type: 'string' } });
    if (positionals.length !== 1 || positionals[0] !== 'status') {
      throw new UsageError(
        positionals.length === 0
          ? 'missing sub-command: status'
          : `unknown sub-command '${positionals.join(' ')}' (expected: status)`,
      );
    }
    const connection = parseQueueUrl(requireString(values.queue, 'queue'));
    io.out(`queue ${connection.display}\n${formatQueueStatus(await queueStatus(connection))}\n`);
    return 0;
  },
};
