import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtDistIsFresh } from '../../../test-support/builtDist';

// GlaS itself is not redistributable, so the example's experiment cannot run here; what runs is what a
// user meets first: the usage line without a folder, and the manifest check on a folder that is not GlaS.
const built = builtDistIsFresh('cli') && builtDistIsFresh('data');
const main = resolve(import.meta.dirname, '..', 'main.mjs');
const node = (...args: string[]) =>
  spawnSync(process.execPath, [main, ...args], { encoding: 'utf8', timeout: 120_000 });

describe.skipIf(!built)(
  `examples/reproduce-glas${built ? '' : ' (skipped: pnpm build first — a package dist is missing or older than its sources)'}`,
  () => {
    it('no folder: the usage line on stderr, exit 2', () => {
      const run = node();
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/^usage: node main\.mjs <GlaS folder> \[tiny\|small\|paper\]/);
    });

    it('an empty folder: says the copy differs from the official release, lists missing images, exit 1 before any training', () => {
      const run = node(mkdtempSync(join(tmpdir(), 'qfcn-not-glas-')));
      expect(run.status).toBe(1);
      expect(run.stdout).toMatch(/^GlaS copy differs from the official release:$/m);
      expect(run.stdout).toMatch(/^ {2}missing {2}\S+\.bmp$/m);
      expect(run.stderr).toMatch(/images are missing: fix the copy first/);
    });
  },
);
