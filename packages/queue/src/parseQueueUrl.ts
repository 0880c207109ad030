import { InvalidArgumentError } from '@qfcn/contract';
import { redactUrl } from './redactUrl';

/** Where the queue lives: ioredis connection options, and the URL with its password masked. */
export interface QueueConnection {
  readonly host: string;
  readonly port: number;
  readonly db: number;
  readonly username?: string;
  readonly password?: string;
  /** Present for `rediss://`: TLS with the system's certificate authorities, server name checked. */
  readonly tls?: { readonly servername: string };
  /** The URL with its password replaced by `***`: the only form that is ever printed. */
  readonly display: string;
}

/**
 * Parses a queue URL `redis://[[user]:password@]host[:port][/db]` or `rediss://…` (TLS).
 *
 * When to use: every command that takes `--queue`, before any work, so a bad URL fails at once.
 *
 * Details: the port defaults to 6379 and the database to 0; user and password are URL-decoded
 * (`%40` for `@`). A password can also come from the `QFCN_REDIS_PASSWORD` environment variable
 * (`env`), which keeps it out of shell history and process lists; a password in the URL wins. The
 * result's `display` masks the password, and nothing else of the result should be printed. Throws
 * {@link InvalidArgumentError} for another scheme, a missing host, or a bad port or database (the
 * message shows the masked URL).
 *
 * @example
 * const q = parseQueueUrl('rediss://:s3cret@redis.lab:6380/2');
 * // q.host 'redis.lab', q.port 6380, q.db 2, q.tls { servername: 'redis.lab' }, q.display 'rediss://:***@redis.lab:6380/2'
 */
export function parseQueueUrl(
  url: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): QueueConnection {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InvalidArgumentError(
      'queue',
      `'${redactUrl(url)}' is not a URL; expected redis://HOST:PORT[/DB] or rediss://…`,
    );
  }
  const display = redactUrl(url);
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new InvalidArgumentError('queue', `${display}: the scheme must be redis:// or rediss:// (TLS)`);
  }
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (host.length === 0) throw new InvalidArgumentError('queue', `${display}: no host`);
  const port = parsed.port === '' ? 6379 : Number(parsed.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new InvalidArgumentError('queue', `${display}: bad port`);
  const path = parsed.pathname.replace(/^\//, '');
  const db = path === '' ? 0 : Number(path);
  if (!/^\d*$/.test(path) || !Number.isInteger(db) || db < 0) {
    throw new InvalidArgumentError('queue', `${display}: the path must be a database number (e.g. /0), got '/${path}'`);
  }
  if (parsed.search !== '' || parsed.hash !== '')
    throw new InvalidArgumentError('queue', `${display}: query strings and fragments are not supported`);
  const username = parsed.username === '' ? undefined : decodeURIComponent(parsed.username);
  const fromUrl = parsed.password === '' ? undefined : decodeURIComponent(parsed.password);
  const password = fromUrl ?? (env.QFCN_REDIS_PASSWORD || undefined);
  return {
    host,
    port,
    db,
    ...(username === undefined ? {} : { username }),
    ...(password === undefined ? {} : { password }),
    ...(parsed.protocol === 'rediss:' ? { tls: { servername: host } } : {}),
    display,
  };
}
