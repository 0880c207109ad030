import { describe, expect, it } from 'vitest';
import { crc32 } from './crc32';
import { oracle } from './test/oracle';

describe('crc32', () => {
  it('"123456789" → 0xCBF43926 (the standard check value); empty → 0', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });
  it('matches zlib.crc32 on lengths 0, 1, 3, 4, 7, 64, 1000 (oracle)', () => {
    for (const c of oracle().crc32) expect(crc32(Uint8Array.from(c.bytes)), `${c.bytes.length} bytes`).toBe(c.crc32);
  });
  it('continues over chunks: crc32(b, crc32(a)) = crc32(a ++ b)', () => {
    const all = Uint8Array.from({ length: 101 }, (_, i) => (i * 37) & 255);
    expect(crc32(all.subarray(57), crc32(all.subarray(0, 57)))).toBe(crc32(all));
  });
  it('one flipped bit changes the checksum', () => {
    const a = Uint8Array.from({ length: 64 }, (_, i) => i);
    const b = a.slice();
    b[40]! ^= 4;
    expect(crc32(b)).not.toBe(crc32(a));
  });
});
