// The one tsup configuration every package builds with; a package's tsup.config.ts names only its
// entries and what is particular to it (why, in a comment there).
import { defineConfig, type Options } from 'tsup';

/** What every qfcn package's build shares: ESM + CJS for Node 20, declarations and source maps. */
export const baseOptions = {
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
} satisfies Options;

/**
 * A package's tsup config: {@link baseOptions} plus `options` (entries, shims, externals…).
 * `QFCN_DTS=0` skips the declarations whatever `options` say (`pnpm build:js`, which `pnpm reproduce`
 * uses: the main job runs JavaScript only, and declarations take most of a build's minute);
 * `pnpm build`, which `pnpm verify` runs, always writes them.
 *
 * @example
 * export default packageConfig({ entry: { index: 'src/index.ts' } });
 */
export function packageConfig(options: Options) {
  return defineConfig({ ...baseOptions, ...options, ...(process.env.QFCN_DTS === '0' ? { dts: false } : {}) });
}
