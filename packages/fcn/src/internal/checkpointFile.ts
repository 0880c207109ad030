import { existsSync, readFileSync } from 'node:fs';
import { CorruptFileError, DataError } from '@qfcn/contract';
import { writeFileAtomic } from './atomic';

/** Typed arrays a checkpoint stores bit-exactly. */
export type StoredData =
  | Float32Array
  | Float64Array
  | Int32Array
  | Uint32Array
  | Int16Array
  | Uint16Array
  | Int8Array
  | Uint8Array;

const CONSTRUCTORS = {
  Float32Array,
  Float64Array,
  Int32Array,
  Uint32Array,
  Int16Array,
  Uint16Array,
  Int8Array,
  Uint8Array,
} as const;
type StoredType = keyof typeof CONSTRUCTORS;

/** A named typed array with its shape, as stored in a checkpoint. */
export interface StoredArray<T extends StoredData = StoredData> {
  readonly name: string;
  readonly shape: readonly number[];
  readonly data: T;
}

interface ArrayEntry {
  name: string;
  type: StoredType;
  shape: number[];
  /** Byte offset in the data section (a multiple of 8). */
  offset: number;
  length: number;
}

function storedType(data: StoredData): StoredType {
  const name = data.constructor.name as StoredType;
  if (!(name in CONSTRUCTORS)) throw new TypeError(`cannot store ${data.constructor.name} in a checkpoint`);
  return name;
}

const MAGIC = 'QFCNCKPT';
const VERSION = 1;

/** FNV-1a over bytes: detects truncation and bit rot in checkpoint payloads. */
export function fnv1a(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i]!;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Writes one checkpoint file atomically (temporary file + fsync + rename):
 * `QFCNCKPT` | u32 version | u32 header length | header JSON | zero padding to 8 bytes | data.
 * The data section holds each array's raw little-endian bytes at an 8-byte aligned offset; the
 * header lists every array's name, type, shape and offset, and an FNV-1a checksum of the data.
 */
export function writeCheckpointFile(
  path: string,
  header: Record<string, unknown>,
  arrays: readonly StoredArray[],
): void {
  const entries: ArrayEntry[] = [];
  let offset = 0;
  for (const a of arrays) {
    entries.push({ name: a.name, type: storedType(a.data), shape: [...a.shape], offset, length: a.data.length });
    offset += Math.ceil(a.data.byteLength / 8) * 8;
  }
  const dataBytes = new Uint8Array(offset);
  arrays.forEach((a, i) =>
    dataBytes.set(new Uint8Array(a.data.buffer, a.data.byteOffset, a.data.byteLength), entries[i]!.offset),
  );
  const json = Buffer.from(
    JSON.stringify({ ...header, arrays: entries, dataBytes: dataBytes.byteLength, checksum: fnv1a(dataBytes) }),
    'utf8',
  );
  const headerEnd = 16 + json.byteLength;
  const dataStart = Math.ceil(headerEnd / 8) * 8;
  const out = new Uint8Array(dataStart + dataBytes.byteLength);
  out.set(Buffer.from(MAGIC, 'ascii'), 0);
  const view = new DataView(out.buffer);
  view.setUint32(8, VERSION, true);
  view.setUint32(12, json.byteLength, true);
  out.set(json, 16);
  out.set(dataBytes, dataStart);
  writeFileAtomic(path, out);
}

/** Reads a file written by {@link writeCheckpointFile}, verifying magic, version, sizes and checksum. */
export function readCheckpointFile(path: string): {
  header: Record<string, unknown>;
  arrays: Map<string, StoredArray>;
} {
  if (!existsSync(path)) throw new DataError('checkpoint file not found', { path });
  const bytes = readFileSync(path);
  if (bytes.byteLength < 16 || bytes.subarray(0, 8).toString('ascii') !== MAGIC) {
    throw new CorruptFileError('not a qfcn checkpoint (bad magic)', { path });
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(8, true);
  if (version !== VERSION)
    throw new CorruptFileError(`unknown checkpoint version ${version} (expected ${VERSION})`, { path });
  const headerLength = view.getUint32(12, true);
  if (16 + headerLength > bytes.byteLength)
    throw new CorruptFileError('checkpoint truncated inside its header', { path });
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(bytes.subarray(16, 16 + headerLength).toString('utf8'));
  } catch (e) {
    throw new CorruptFileError('checkpoint header is not valid JSON', { path, cause: e });
  }
  const dataStart = Math.ceil((16 + headerLength) / 8) * 8;
  const dataBytes = header.dataBytes as number;
  if (bytes.byteLength !== dataStart + dataBytes) {
    throw new CorruptFileError(
      `checkpoint holds ${bytes.byteLength - dataStart} data bytes, header declares ${dataBytes}`,
      { path },
    );
  }
  const raw = new Uint8Array(dataBytes);
  raw.set(bytes.subarray(dataStart, dataStart + dataBytes));
  if (fnv1a(raw) !== header.checksum)
    throw new CorruptFileError('checkpoint checksum mismatch (file altered)', { path });
  const arrays = new Map<string, StoredArray>();
  for (const e of header.arrays as ArrayEntry[]) {
    const Ctor = CONSTRUCTORS[e.type];
    if (!Ctor || e.offset + e.length * Ctor.BYTES_PER_ELEMENT > dataBytes) {
      throw new CorruptFileError(`checkpoint array '${e.name}' has a bad type or extent`, { path });
    }
    arrays.set(e.name, { name: e.name, shape: e.shape, data: new Ctor(raw.buffer, e.offset, e.length) });
  }
  return { header, arrays };
}
