// Test fixtures of the CLI's own suites (not part of the published package).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSyntheticSample, writeLabelMapPng, writePng } from '@qfcn/data';
import type { Io } from '../command';

/** An `Io` that keeps what a command prints. */
export function capture(): Io & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    tty: false,
    out: (t: string) => {
      io.stdout += t;
    },
    err: (t: string) => {
      io.stderr += t;
    },
  };
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
