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
 *
 * @example
 * export default packageConfig({ entry: { index: 'src/index.ts' } });
 */
export function packageConfig(options: Options) {
  return defineConfig({ ...baseOptions, ...options });
}
