import { QfcnError } from '@qfcn/contract';
import { describe, expect, it } from 'vitest';
import { crc32 } from './crc32';
import { packWeights } from './packWeights';
import { mulberry32 } from './random/mulberry32';
import { gaussianWeights, tinyQuantizedTensors } from './test/fixtures';
import { unpackWeights } from './unpackWeights';

// Property: any bytes give either tensors whose value counts match their shapes, or a typed
// CorruptFileError — never a RangeError from a DataView or a tensor of the wrong size. Half of the
// corruptions are re-sealed (length and CRC of the trailer rewritten) so that they reach the record
// parser instead of stopping at the checksum. QFCN_SLOW=1 runs 25× more.
const ROUNDS = process.env.QFCN_SLOW ? 50_000 : 2_000;

describe('unpackWeights under random corruption (fuzz)', () => {
  it(
    `${ROUNDS} seeded corruptions of a packed file (3-bit kernel, float bias, float 4x3 tensor): tensors or CorruptFileError`,
    () => {
      const good = packWeights([
        ...tinyQuantizedTensors(),
        { name: 'dense/kernel', shape: [4, 3], values: gaussianWeights(12, { seed: 3 }) },
      ]);
      const rand = mulberry32(17);
      const int = (n: number) => Math.floor(rand() * n);
      const counts = { ok: 0, error: 0 };
      for (let round = 0; round < ROUNDS; round++) {
        let bytes = Uint8Array.from(good);
        const kind = int(3);
        if (kind === 0) bytes = bytes.subarray(0, int(bytes.length));
        else if (kind === 1) for (let k = 1 + int(6); k > 0; k--) bytes[int(bytes.length)]! ^= 1 << int(8);
        else bytes[int(bytes.length)] = int(256);
        if (int(2) === 0 && bytes.length >= 8) {
          const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
          view.setUint32(bytes.length - 8, bytes.length, true);
          view.setUint32(bytes.length - 4, crc32(bytes.subarray(0, bytes.length - 4)), true);
        }
        try {
          const { tensors } = unpackWeights(bytes, { path: `round ${round}` });
          for (const t of tensors)
            expect(t.values.length, `round ${round} ${t.name}`).toBe(t.shape.reduce((a, b) => a * b, 1));
          counts.ok++;
        } catch (error) {
          if (!QfcnError.isInstance(error))
            throw new Error(
              `round ${round}: untyped ${(error as Error)?.constructor?.name}: ${(error as Error)?.message}`,
            );
          expect((error as { code?: string }).code, `round ${round}`).toBe('CORRUPT_FILE');
          counts.error++;
        }
      }
      expect(counts.error).toBeGreaterThan(0);
      expect(counts.ok + counts.error).toBe(ROUNDS);
    },
    process.env.QFCN_SLOW ? 600_000 : 60_000,
  );
});
