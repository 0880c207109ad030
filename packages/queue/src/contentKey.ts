import { createHash } from 'node:crypto';

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, canonical(v)]));
  }
  return value;
}

/**
 * A content address: 32 hex digits of the SHA-256 of `value` as canonical JSON (keys sorted,
 * `undefined` fields dropped).
 *
 * When to use: names of job ids and store folders, so that equal work gets equal names (a rerun or
 * a second submitter finds it) and different work can never write to the same place.
 *
 * Details: only plain JSON data is addressed; functions and symbols are dropped by `JSON.stringify`.
 * Key order does not matter, array order does.
 *
 * @example
 * contentKey({ b: 1, a: [2, 3] }) === contentKey({ a: [2, 3], b: 1 }); // true
 */
export function contentKey(value: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(canonical(value)))
    .digest('hex')
    .slice(0, 32);
}
