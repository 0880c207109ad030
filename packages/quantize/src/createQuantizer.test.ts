import { describe, expect, it } from 'vitest';
import { createQuantizer, QUANTIZER_KINDS } from './createQuantizer';

describe('createQuantizer', () => {
  it.each([
    ['power-of-two', 5],
    ['uniform', 8],
    ['ternary', 2],
    ['dorefa', 3],
  ] as const)('%s at %d bits', (kind, bits) => {
    const q = createQuantizer({ kind, bits });
    expect(q.kind).toBe(kind);
    expect(q.bits).toBe(bits);
  });

  it('every kind: decode(encode) = quantize, outputs are levels, idempotent except DoReFa (tanh remaps)', () => {
    const w = Float32Array.from({ length: 64 }, (_, i) => Math.sin(i) * 0.4);
    for (const kind of QUANTIZER_KINDS) {
      const q = createQuantizer({ kind, bits: kind === 'ternary' ? 2 : 4 });
      const p = q.calibrate(w);
      const once = q.quantize(w, p);
      if (kind !== 'dorefa') expect(Array.from(q.quantize(once, p)), kind).toEqual(Array.from(once));
      else expect(Array.from(q.quantize(once, p))).not.toEqual(Array.from(once));
      expect(Array.from(q.decode(q.encode(w, p), p)), kind).toEqual(Array.from(once));
      const levels = new Set(q.levels(p));
      expect(
        once.every((v) => levels.has(v)),
        kind,
      ).toBe(true);
    }
  });

  it('unknown kind → INVALID_ARGUMENT listing the kinds', () => {
    expect(() => createQuantizer({ kind: 'log' as never, bits: 4 })).toThrow(
      /unknown quantizer kind "log"; expected one of power-of-two, uniform, ternary, dorefa/,
    );
  });
});
