import { describe, expect, it } from 'vitest';
import { contentKey } from './contentKey';

describe('contentKey', () => {
  it('ignores key order and undefined fields, not array order or values', () => {
    expect(contentKey({ b: 1, a: { y: [1, 2], x: 'q' } })).toBe(
      contentKey({ a: { x: 'q', y: [1, 2] }, b: 1, c: undefined }),
    );
    expect(contentKey({ a: [1, 2] })).not.toBe(contentKey({ a: [2, 1] }));
    expect(contentKey({ a: 1 })).not.toBe(contentKey({ a: 2 }));
    expect(contentKey({})).toMatch(/^[0-9a-f]{32}$/);
  });
});
