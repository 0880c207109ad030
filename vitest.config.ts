import { readdirSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

// One root config, one vitest project per package. Workspace imports resolve to sources so
// `pnpm test` needs no build. Slow suites (real training, large data) run only with QFCN_SLOW=1;
// they are skipped with a message otherwise, never silently excluded.
const root = import.meta.dirname;
const packages = readdirSync(resolve(root, 'packages')).filter((name) =>
  existsSync(resolve(root, 'packages', name, 'package.json')),
);

const alias = packages.flatMap((name) => {
  const src = resolve(root, 'packages', name, 'src');
  return [
    { find: new RegExp(`^@qfcn/${name}/test$`), replacement: resolve(src, 'test', 'index.ts') },
    { find: new RegExp(`^@qfcn/${name}/tfjs$`), replacement: resolve(src, 'tfjs', 'index.ts') },
    { find: new RegExp(`^@qfcn/${name}$`), replacement: resolve(src, 'index.ts') },
  ];
});

// Examples with tests of their own (e.g. browser-segment's headless-Chromium test) are projects too.
const examples = readdirSync(resolve(root, 'examples')).filter((name) =>
  existsSync(resolve(root, 'examples', name, 'test')),
);

export default defineConfig({
  test: {
    projects: [
      ...examples.map((name) => ({
        resolve: { alias },
        test: {
          name: `example-${name}`,
          root: resolve(root, 'examples', name),
          include: ['test/**/*.test.ts'],
          environment: 'node' as const,
          testTimeout: 300_000,
          hookTimeout: 300_000,
          pool: 'forks' as const,
        },
      })),
      ...packages.map((name) => ({
        resolve: { alias },
        test: {
          name,
          root: resolve(root, 'packages', name),
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          pool: 'forks',
        },
      })),
    ],
  },
});
