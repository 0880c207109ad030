import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveWasmDir, WASM_BINARIES } from './resolveWasmDir';

describe('resolveWasmDir', () => {
  it('is the dist/ folder of the installed tfjs-backend-wasm 4.22.0, ending in a separator, holding all 3 binaries', () => {
    const dir = resolveWasmDir();
    expect(dir.endsWith(sep)).toBe(true);
    expect(dir).toMatch(/@tensorflow[\\/]tfjs-backend-wasm[\\/]dist[\\/]$/);
    const pkg = JSON.parse(readFileSync(join(dir, '..', 'package.json'), 'utf8'));
    expect(pkg.version).toBe('4.22.0');
    for (const name of WASM_BINARIES) {
      expect(existsSync(join(dir, name))).toBe(true);
      // A wasm module starts with the magic bytes \0asm; these are megabytes, not LFS pointers.
      expect(statSync(join(dir, name)).size).toBeGreaterThan(100_000);
    }
  });
});
