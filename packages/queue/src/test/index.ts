/** Test helpers of @qfcn/queue: a redis-server of the test's own. */
export { findRedisServer, startRedis, type TestRedis } from './startRedis';
