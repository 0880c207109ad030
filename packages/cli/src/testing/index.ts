// Test fixtures of the CLI's own suites (not part of the published package).
import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSyntheticSample, writeLabelMapPng, writePng } from '@qfcn/data';
import type { Io } from '../command';

/** An `Io` that keeps what a command prints. */
export function capture(): Io & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', tty: false, out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) };
  return io;
}

/** A fresh folder of `count` synthetic 48x48 gland images `img<i>.png` + `img<i>_label.png` (seeds `seed + i`). */
export function folderDataset(count: number, seed: number, prefix = 'qfcn-cli-data-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (let i = 0; i < count; i++) {
    const s = generateSyntheticSample({ width: 48, height: 48, seed: seed + i });
    writePng(join(dir, `img${i}.png`), s.image);
    writeLabelMapPng(join(dir, `img${i}_label.png`), s.label!);
  }
  return dir;
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Whether `packages/<name>/dist/<file>` exists and is newer than every source of the packages
 * `names` (suites that run the built `qfcn` in child processes skip otherwise, instead of testing
 * stale code).
 */
export function builtIsFresh(file: string, names: readonly string[] = ['cli', 'queue', 'fcn']): boolean {
  const packages = fileURLToPath(new URL('../../..', import.meta.url));
  const built = join(packages, 'cli', 'dist', file);
  if (!existsSync(built)) return false;
  const newest = Math.max(...names.map((n) => newestSource(join(packages, n, 'src'))));
  return names.every((n) => existsSync(join(packages, n, 'dist'))) && statSync(built).mtimeMs >= newest;
}
