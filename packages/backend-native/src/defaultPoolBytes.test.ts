import { describe, expect, it } from 'vitest';
import { defaultPoolBytes } from './defaultPoolBytes';

describe('defaultPoolBytes', () => {
  it('16 GiB machine → 4 GiB', () => {
    expect(defaultPoolBytes(16 * 2 ** 30)).toBe(4 * 2 ** 30);
  });
  it('128 GiB machine → capped at 8 GiB', () => {
    expect(defaultPoolBytes(128 * 2 ** 30)).toBe(8 * 2 ** 30);
  });
  it('3 bytes → 0 (floor)', () => {
    expect(defaultPoolBytes(3)).toBe(0);
  });
});
