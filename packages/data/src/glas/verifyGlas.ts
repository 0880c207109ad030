import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DataError } from '@qfcn/contract';
import { glasManifest, type GlasManifestEntry } from './glasManifest';

/** A file whose size or content differs from the official release. */
export interface GlasAlteredFile {
  readonly name: string;
  readonly expectedSize: number;
  readonly actualSize: number;
  readonly expectedSha256: string;
  readonly actualSha256: string;
}

/** What `verifyGlas` found. */
export interface GlasVerifyReport {
  /** True when nothing is missing, extra or altered. */
  readonly ok: boolean;
  readonly dir: string;
  /** Number of manifest files present and identical. */
  readonly verified: number;
  /** Manifest files absent from the folder, sorted. */
  readonly missing: readonly string[];
  /** Files in the folder that the release does not have (hidden files and sub-folders ignored), sorted. */
  readonly extra: readonly string[];
  /** Files present with a different size or sha256, sorted by name. */
  readonly altered: readonly GlasAlteredFile[];
}

export interface VerifyGlasOptions {
  /** Manifest to check against (default: the official GlaS manifest shipped in the package). */
  readonly manifest?: readonly GlasManifestEntry[];
}

function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

/**
 * Checks a GlaS folder against the official release: every file's presence, size and sha256.
 *
 * When to use: before experiments on a user's copy of GlaS (the data cannot be shipped with qfcn, so a
 * copy from elsewhere may be incomplete, re-encoded or renamed). `loadGlas(dir, { verify: true })`
 * runs it and refuses a copy that fails.
 *
 * Details: compares the flat folder with the 331-entry manifest in `assets/` (see `glasManifest`).
 * Missing = in the manifest, not in the folder; extra = in the folder, not in the manifest (names
 * starting with `.` and sub-folders are ignored); altered = size or sha256 differs (both reported).
 * Reads every present file once (≈ 250 MB for the full release). A folder that does not exist throws
 * `DataError`.
 *
 * @example
 * const report = await verifyGlas('/data/Warwick QU Dataset (Released 2016_07_08)');
 * if (!report.ok) console.log(report.missing, report.extra, report.altered);
 */
export async function verifyGlas(dir: string, options: VerifyGlasOptions = {}): Promise<GlasVerifyReport> {
  const manifest = options.manifest ?? glasManifest();
  let names: string[];
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    names = entries.filter((e) => e.isFile() && !e.name.startsWith('.')).map((e) => e.name);
  } catch (error) {
    throw new DataError(`cannot read the GlaS folder: ${(error as Error).message}`, { path: dir, cause: error });
  }
  const present = new Set(names);
  const expected = new Map(manifest.map((e) => [e.name, e]));
  const missing = manifest
    .filter((e) => !present.has(e.name))
    .map((e) => e.name)
    .sort();
  const extra = names.filter((n) => !expected.has(n)).sort();
  const altered: GlasAlteredFile[] = [];
  let verified = 0;
  for (const name of names.filter((n) => expected.has(n)).sort()) {
    const want = expected.get(name)!;
    const path = join(dir, name);
    const [info, sha] = await Promise.all([stat(path), sha256File(path)]);
    if (info.size === want.size && sha === want.sha256) verified++;
    else
      altered.push({
        name,
        expectedSize: want.size,
        actualSize: info.size,
        expectedSha256: want.sha256,
        actualSha256: sha,
      });
  }
  return {
    ok: missing.length === 0 && extra.length === 0 && altered.length === 0,
    dir,
    verified,
    missing,
    extra,
    altered,
  };
}
