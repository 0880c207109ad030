// Test support: bundles a package entry for the browser with esbuild (platform 'browser', no
// externals) and reports what it pulled in. Workspace packages resolve to their sources' browser
// entries (`src/browser.ts`, else `src/index.ts`), so no build is needed. A Node built-in anywhere in
// the graph makes esbuild fail ("could not resolve 'fs'"), and that is the test's failure message.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { build, type Plugin } from 'esbuild';

const root = resolve(import.meta.dirname, '..');

function workspaceSource(pkg: string, sub: string | undefined): string {
  const dir = resolve(root, 'packages', pkg, 'src', ...(sub ? [sub] : []));
  for (const name of ['browser.ts', 'index.ts']) {
    const file = resolve(dir, name);
    if (existsSync(file)) return file;
  }
  throw new Error(`no source entry for @qfcn/${pkg}${sub ? `/${sub}` : ''}`);
}

const workspace: Plugin = {
  name: 'qfcn-workspace-sources',
  setup(b) {
    b.onResolve({ filter: /^@qfcn\/[\w-]+(\/[\w-]+)?$/ }, (args) => {
      const [, pkg, sub] = /^@qfcn\/([\w-]+)(?:\/([\w-]+))?$/.exec(args.path)!;
      return { path: workspaceSource(pkg!, sub) };
    });
  },
};

export interface BrowserBundleResult {
  /** esbuild's error texts (empty when it bundled). */
  readonly errors: string[];
  /** Every input file of the bundle. */
  readonly inputs: string[];
  /** Inputs or imports that are Node built-ins (`node:*`, `fs`, …). */
  readonly nodeBuiltins: string[];
  readonly bytes: number;
}

const BUILTINS = new Set([
  'fs',
  'fs/promises',
  'path',
  'os',
  'zlib',
  'crypto',
  'url',
  'module',
  'worker_threads',
  'child_process',
  'util',
  'stream',
  'buffer',
  'events',
]);

/** Bundles `entry` (a source file) for the browser; `errors` and `nodeBuiltins` are empty when it is browser-safe. */
export async function browserBundle(entry: string): Promise<BrowserBundleResult> {
  try {
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
      plugins: [workspace],
      // tfjs' optional node-fetch/util requires are mapped away by its own "browser" field
    });
    const inputs = Object.keys(result.metafile.inputs);
    const imports = Object.values(result.metafile.inputs).flatMap((i) => i.imports.map((x) => x.path));
    const nodeBuiltins = [...inputs, ...imports].filter((p) => p.startsWith('node:') || BUILTINS.has(p));
    return { errors: [], inputs, nodeBuiltins, bytes: result.outputFiles[0]!.contents.byteLength };
  } catch (error) {
    const errors = (
      (error as { errors?: { text: string; location?: { file: string } | null }[] }).errors ?? [{ text: String(error) }]
    ).map((e) => `${e.location?.file ?? '?'}: ${e.text}`);
    return { errors, inputs: [], nodeBuiltins: [], bytes: 0 };
  }
}
