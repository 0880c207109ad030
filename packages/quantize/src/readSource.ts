import { InvalidArgumentError } from './errors';

/**
 * Where bytes come from: a URL (`URL` or a string with a scheme: `https:`, `http:`, `blob:`,
 * `data:`; in the browser a relative string is resolved against the page), the bytes themselves
 * (`ArrayBuffer`, `Uint8Array` or any typed-array view) or a `Blob` / `File` (e.g. from a file
 * picker or a drop). In Node, the `node` entry also takes file paths (and `file:` URLs).
 */
export type ByteSource = string | URL | ArrayBuffer | ArrayBufferView | Blob;

/** A short name of a source for error messages (`path` of the errors). */
export function sourceName(source: ByteSource): string {
  if (typeof source === 'string') return source;
  if (source instanceof URL) return source.href;
  if (typeof Blob !== 'undefined' && source instanceof Blob) return (source as { name?: string }).name ?? 'blob';
  return 'bytes';
}

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Reads a {@link ByteSource} into bytes, with `fetch` for URLs (browser-safe: no Node built-ins).
 *
 * **When to use**: to load weights or model files in a web page from wherever the user has them.
 *
 * **Details**: bytes are returned as they are (no copy for a `Uint8Array`); a failed fetch throws an
 * `Error` naming the URL and the HTTP status. `readPath`, when given, reads strings without a
 * scheme and `file:` URLs (the Node entry passes a file-system reader).
 *
 * @example
 * const bytes = await readSource(new URL('./member-0.qfcnq', location.href));
 * const bytes2 = await readSource(fileInput.files[0]);
 */
export async function readSource(
  source: ByteSource,
  readPath?: (path: string) => Promise<Uint8Array>,
): Promise<Uint8Array> {
  if (source instanceof Uint8Array) return source;
  if (source instanceof ArrayBuffer) return new Uint8Array(source);
  if (ArrayBuffer.isView(source)) return new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
  if (typeof Blob !== 'undefined' && source instanceof Blob) return new Uint8Array(await source.arrayBuffer());
  if (typeof source === 'string' || source instanceof URL) {
    const text = typeof source === 'string' ? source : source.href;
    if (text.length === 0) throw new InvalidArgumentError('source', 'expected a non-empty URL or path');
    const isFileUrl = /^file:/i.test(text);
    if (readPath && (isFileUrl || !SCHEME.test(text) || /^[a-z]:[\\/]/i.test(text))) {
      return readPath(isFileUrl ? decodeURIComponent(new URL(text).pathname) : text);
    }
    const base = (globalThis as { location?: { href?: string } }).location?.href;
    const url = base ? new URL(text, base) : new URL(text);
    const response = await fetch(url);
    if (!response.ok) throw new Error(`fetching ${url.href} failed: HTTP ${response.status} ${response.statusText}`);
    return new Uint8Array(await response.arrayBuffer());
  }
  throw new InvalidArgumentError(
    'source',
    `expected a URL, a path, an ArrayBuffer, a typed array or a Blob/File, got ${Object.prototype.toString.call(source)}`,
  );
}
