import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'tsup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Builds the package with its own tsup.config.ts (ESM + CJS, shims) into a temporary folder beside
// dist/, then loads the manifest from both builds in a separate Node process: the shipped
// assets/GLAS_SHA256_MANIFEST.tsv must be found relative to the built module, not the sources.
const pkg = fileURLToPath(new URL('../../', import.meta.url));
const outDir = join(pkg, `.tmp-dist-${process.pid}`);

describe('glasManifest from the built package (ESM and CJS)', () => {
  beforeAll(async () => {
    await build({
      config: join(pkg, 'tsup.config.ts'),
      entry: { index: join(pkg, 'src/index.ts') },
      outDir,
      dts: false,
      sourcemap: false,
      silent: true,
      // bundle the workspace packages, so this works before they are built
      noExternal: [/^@qfcn\//],
    });
  }, 120_000);
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  const script = (load: string): string =>
    `${load}; const e = m.glasManifest(); console.log(JSON.stringify({ n: e.length, grade: e.find((x) => x.name === 'Grade.csv').size }));`;

  it('ESM build: import() finds 331 entries', () => {
    const out = execFileSync(
      process.execPath,
      ['--input-type=module', '-e', script(`const m = await import(${JSON.stringify(join(outDir, 'index.js'))})`)],
      { encoding: 'utf8' },
    );
    expect(JSON.parse(out)).toEqual({ n: 331, grade: 6997 });
  });

  it('CJS build: require() finds 331 entries', () => {
    const out = execFileSync(
      process.execPath,
      ['-e', script(`const m = require(${JSON.stringify(join(outDir, 'index.cjs'))})`)],
      { encoding: 'utf8' },
    );
    expect(JSON.parse(out)).toEqual({ n: 331, grade: 6997 });
  });
});
