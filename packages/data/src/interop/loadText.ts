import { readFileSync } from 'node:fs';
import { DataError, InvalidArgumentError } from '@qfcn/contract';

/** A file path, the file's bytes, or (for strings starting with the format's first character) its text. */
export type TextSource = string | Uint8Array | ArrayBuffer;

/**
 * Loads an annotation file as text (internal to @qfcn/data). A string whose first non-blank character
 * is one of `inline` (`<` for XML, `{`/`[` for JSON) is the content itself; any other string is a
 * path. Bytes are decoded as UTF-8, or UTF-16 when they start with its byte-order mark; a leading BOM is
 * dropped. File-system and decoding failures become DataError naming the file.
 */
export function loadText(
  source: TextSource,
  inline: string,
  name: string | undefined,
  kind: string,
): { text: string; name: string } {
  if (typeof source === 'string') {
    const first = source.trimStart()[0];
    if (first !== undefined && inline.includes(first))
      return { text: source.replace(/^\uFEFF/, ''), name: name ?? `<${kind}>` };
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(source);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const problem =
        code === 'ENOENT'
          ? 'file not found'
          : code === 'EISDIR'
            ? `is a directory, not a ${kind} file`
            : `cannot read: ${(error as Error).message}`;
      throw new DataError(problem, { path: source, cause: error });
    }
    return { text: decodeText(bytes, source, kind), name: source };
  }
  const label = name ?? '<bytes>';
  if (source instanceof Uint8Array) return { text: decodeText(source, label, kind), name: label };
  if (source instanceof ArrayBuffer) return { text: decodeText(new Uint8Array(source), label, kind), name: label };
  throw new InvalidArgumentError(
    'source',
    `expected a file path, ${kind} text, Uint8Array or ArrayBuffer, got ${source === null ? 'null' : typeof source}`,
  );
}

function decodeText(bytes: Uint8Array, name: string, kind: string): string {
  if (bytes.length === 0) throw new DataError(`empty file (expected ${kind})`, { path: name });
  const encoding =
    bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : 'utf-8';
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch (error) {
    throw new DataError(`not ${kind} text: invalid ${encoding.toUpperCase()} bytes`, { path: name, cause: error });
  }
}
