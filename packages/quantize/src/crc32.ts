import { InvalidArgumentError } from './errors';

let table: Int32Array | null = null;

function crcTable(): Int32Array {
  if (table) return table;
  table = new Int32Array(256 * 4);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  // Slicing-by-4 tables: table[k·256 + n] advances the CRC of byte n by k more zero bytes.
  for (let n = 0; n < 256; n++) {
    for (let k = 1; k < 4; k++) {
      const prev = table[(k - 1) * 256 + n]!;
      table[k * 256 + n] = table[prev & 255]! ^ (prev >>> 8);
    }
  }
  return table;
}

/**
 * CRC-32 (IEEE 802.3, the polynomial of zip/PNG/zlib) of `bytes`, as an unsigned 32-bit integer.
 *
 * **When to use**: to detect altered or damaged data; the packed weights format stores it in its
 * trailer.
 *
 * **Details**: reflected polynomial `0xEDB88320`, initial value and final XOR `0xFFFFFFFF`
 * (the common "CRC-32"); slicing-by-4 table lookups. Pass `previous` to continue a running CRC
 * over several chunks: `crc32(b, crc32(a)) === crc32(a ++ b)`.
 *
 * @example
 * crc32(new TextEncoder().encode('123456789'));   // 0xCBF43926, the standard check value
 */
export function crc32(bytes: Uint8Array, previous = 0): number {
  if (!(bytes instanceof Uint8Array)) throw new InvalidArgumentError('bytes', 'expected a Uint8Array');
  const t = crcTable();
  let c = ~previous;
  const n = bytes.length;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    c ^= bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
    c = t[768 + (c & 255)]! ^ t[512 + ((c >>> 8) & 255)]! ^ t[256 + ((c >>> 16) & 255)]! ^ t[(c >>> 24) & 255]!;
  }
  for (; i < n; i++) c = t[(c ^ bytes[i]!) & 255]! ^ (c >>> 8);
  return ~c >>> 0;
}
