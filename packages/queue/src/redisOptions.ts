import type { RedisOptions } from 'bullmq';
import type { QueueConnection } from './parseQueueUrl';

/**
 * ioredis options of a parsed queue URL. Workers (`blocking`) need `maxRetriesPerRequest: null`
 * (BullMQ's rule for blocking connections); every client reconnects on its own within 2 s of Redis
 * coming back, so a restarted Redis is picked up without a restart of ours.
 */
export function redisOptions(q: QueueConnection, blocking: boolean): RedisOptions {
  return {
    host: q.host,
    port: q.port,
    db: q.db,
    ...(q.username === undefined ? {} : { username: q.username }),
    ...(q.password === undefined ? {} : { password: q.password }),
    ...(q.tls ? { tls: { servername: q.tls.servername } } : {}),
    retryStrategy: (times: number) => Math.min(100 * times, 2000),
    ...(blocking ? { maxRetriesPerRequest: null } : { maxRetriesPerRequest: 1, enableOfflineQueue: true }),
  };
}
