import { describe, expect, it } from 'vitest';
import { redactUrl } from './redactUrl';

describe('redactUrl', () => {
  it('masks passwords of every redis URL in a text and leaves the rest', () => {
    expect(redactUrl('a redis://:pw@h:1/0 and rediss://user:p:w@x b')).toBe(
      'a redis://:***@h:1/0 and rediss://user:***@x b',
    );
    expect(redactUrl('redis://user@h:1')).toBe('redis://user@h:1');
    expect(redactUrl('no url here')).toBe('no url here');
    expect(redactUrl('http://:pw@h a mistyped scheme')).toBe('http://:***@h a mistyped scheme');
  });
});
