import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CorruptFileError, DataError } from '@qfcn/contract';

/** One file of the official GlaS release. */
export interface GlasManifestEntry {
  readonly name: string;
  readonly size: number;
  readonly sha256: string;
}

const MANIFEST = 'GLAS_SHA256_MANIFEST.tsv';
let cached: readonly GlasManifestEntry[] | undefined;

/** Directory of this module, in the ESM build, the CJS build (tsup shims `import.meta.url`) and sources. */
function moduleDir(): string {
  return dirname(fileURLToPath(import.meta.url));
}

/** Where the shipped manifest is: `assets/` of the package, found from src/glas/ or dist/. */
export function glasManifestPath(): string {
  const here = moduleDir();
  const candidates = [
    join(here, '..', 'assets', MANIFEST),
    join(here, '..', '..', 'assets', MANIFEST),
    join(here, '..', '..', '..', 'assets', MANIFEST),
  ];
  const found = candidates.find((p) => existsSync(p));
  if (!found)
    throw new DataError(
      `GlaS manifest ${MANIFEST} not found; looked in ${candidates.join(', ')} (is the package installed completely?)`,
    );
  return found;
}

/**
 * The size and sha256 of all 331 files of the official GlaS release (165 images, 165 annotations,
 * `Grade.csv`), from the manifest shipped in this package's `assets/`.
 *
 * When to use: checking a user's copy of GlaS (`verifyGlas` does), or listing what the release holds.
 *
 * Details: read once and cached; the file is located relative to this module, so it works from the
 * ESM and CJS builds and from sources. A missing or malformed manifest throws (DataError /
 * CorruptFileError) — that means a broken installation.
 *
 * @example
 * glasManifest().length;                          // 331
 * glasManifest().find((e) => e.name === 'Grade.csv'); // { name, size: 6997, sha256: 'e4bd…' }
 */
export function glasManifest(): readonly GlasManifestEntry[] {
  if (cached) return cached;
  const path = glasManifestPath();
  const lines = readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.length > 0);
  if (lines[0] !== 'filename\tsize_bytes\tsha256')
    throw new CorruptFileError(`unexpected header "${lines[0]}"`, { path });
  const entries = lines.slice(1).map((line, i) => {
    const [name, size, sha256] = line.split('\t');
    if (!name || !/^\d+$/.test(size ?? '') || !/^[0-9a-f]{64}$/.test(sha256 ?? '')) {
      throw new CorruptFileError(`line ${i + 2} is not "name<TAB>size<TAB>sha256": ${line}`, { path });
    }
    return Object.freeze({ name, size: Number(size), sha256: sha256! });
  });
  cached = Object.freeze(entries);
  return cached;
}
