/**
 * Masks the password of every URL in `text` (`redis://`, `rediss://`, or any other scheme) with `***`.
 *
 * When to use: before printing or storing anything that may hold a queue URL — command lines,
 * error messages of Redis clients, reports. Text without such URLs is returned unchanged.
 *
 * Details: `scheme://user:password@host` becomes `scheme://user:***@host`; a URL with a user name
 * but no password is left as it is (a user name is not a secret).
 *
 * @example
 * redactUrl('cannot reach rediss://ops:hunter2@redis.lab:6380/1'); // 'cannot reach rediss://ops:***@redis.lab:6380/1'
 */
export function redactUrl(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*):[^@\s]*@/gi, '$1:***@');
}
