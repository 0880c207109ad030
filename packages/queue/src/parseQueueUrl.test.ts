import { describe, expect, it } from 'vitest';
import { parseQueueUrl } from './parseQueueUrl';

describe('parseQueueUrl', () => {
  it('reads host, port and database, with defaults', () => {
    expect(parseQueueUrl('redis://localhost', {})).toMatchObject({
      host: 'localhost',
      port: 6379,
      db: 0,
      display: 'redis://localhost',
    });
    expect(parseQueueUrl('redis://10.0.0.5:7000/3', {})).toMatchObject({ host: '10.0.0.5', port: 7000, db: 3 });
    expect(parseQueueUrl('redis://[::1]:6380', {}).host).toBe('::1');
  });

  it('takes user and password (URL-decoded), masks the password in display, and turns on TLS for rediss://', () => {
    const q = parseQueueUrl('rediss://ops:p%40ss@redis.lab:6380/2', {});
    expect(q).toMatchObject({ username: 'ops', password: 'p@ss', tls: { servername: 'redis.lab' }, port: 6380, db: 2 });
    expect(q.display).toBe('rediss://ops:***@redis.lab:6380/2');
    expect(q.display).not.toContain('p%40ss');
    expect(parseQueueUrl('redis://h', {}).tls).toBeUndefined();
  });

  it('takes the password from QFCN_REDIS_PASSWORD when the URL has none', () => {
    expect(parseQueueUrl('redis://h:1', { QFCN_REDIS_PASSWORD: 'envpw' }).password).toBe('envpw');
    expect(parseQueueUrl('redis://:urlpw@h:1', { QFCN_REDIS_PASSWORD: 'envpw' }).password).toBe('urlpw');
    expect(parseQueueUrl('redis://h:1', { QFCN_REDIS_PASSWORD: '' }).password).toBeUndefined();
  });

  it.each([
    ['http://h:1', /scheme must be redis/],
    ['redis://h:99999', /is not a URL|bad port/],
    ['redis://h/abc', /database number/],
    ['redis://h/1?x=2', /query strings/],
    ['not a url', /is not a URL/],
  ])('refuses %s', (url, message) => {
    expect(() => parseQueueUrl(url, {})).toThrow(message);
  });

  it('never shows the password in its errors', () => {
    expect(() => parseQueueUrl('redis://:secret@h/xyz', {})).toThrow(/redis:\/\/:\*\*\*@h\/xyz/);
    try {
      parseQueueUrl('redis://:secret@h/xyz', {});
    } catch (e) {
      expect((e as Error).message).not.toContain('secret');
    }
  });
});
