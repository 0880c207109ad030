// Builds the static page into dist/ (or the folder given with --out DIR): the bundle of src/main.ts
// for the browser (esbuild: platform 'browser', so @qfcn/* resolve to their browser-safe entries),
// index.html, the sample (a synthetic 512x512 H&E-like tile made here), the model from public/ (only what the page fetches: ensemble.json,
// member-<i>/model.json and member-<i>.qfcnq; weights.bin stays behind), and tfjs' wasm binaries.
// `--serve`: rebuild on change and serve at http://localhost:5173 (scripts/serve.mjs). Needs the
// workspace packages built (`pnpm build` at the root).
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodePng, generateSyntheticSample } from '@qfcn/data';
import * as esbuild from 'esbuild';

const here = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The sample: a 512x512 synthetic H&E-like tile, the same bytes on every build. */
export function samplePng() {
  return encodePng(generateSyntheticSample({ seed: 'browser-sample', width: 512, height: 512 }).image);
}

/** Builds the site into `out`; with `watch`, returns the esbuild context that rebuilds on change. */
export async function buildSite(out = join(here, 'dist'), { watch = false } = {}) {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'wasm'), { recursive: true });
  copyFileSync(join(here, 'index.html'), join(out, 'index.html'));
  writeFileSync(join(out, 'sample.png'), samplePng());
  const model = join(here, 'public', 'model');
  if (!existsSync(join(model, 'ensemble.json'))) throw new Error(`no model in ${model}: run \`pnpm make-model\``);
  mkdirSync(join(out, 'model'), { recursive: true });
  copyFileSync(join(model, 'ensemble.json'), join(out, 'model', 'ensemble.json'));
  for (const name of readdirSync(model)) {
    if (/^member-\d+\.qfcnq$/.test(name)) copyFileSync(join(model, name), join(out, 'model', name));
    if (/^member-\d+$/.test(name)) {
      mkdirSync(join(out, 'model', name), { recursive: true });
      copyFileSync(join(model, name, 'model.json'), join(out, 'model', name, 'model.json'));
    }
  }
  const wasmDist = dirname(createRequire(join(here, 'package.json')).resolve('@tensorflow/tfjs-backend-wasm'));
  for (const name of readdirSync(wasmDist))
    if (name.endsWith('.wasm')) copyFileSync(join(wasmDist, name), join(out, 'wasm', name));
  const options = {
    entryPoints: [join(here, 'src', 'main.ts')],
    outfile: join(out, 'main.js'),
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    minify: !watch,
    sourcemap: true,
    logLevel: 'warning',
    metafile: true,
    // this folder's tsconfig for every file: esbuild would otherwise apply the workspace's tsconfig
    // `paths` (which point @qfcn/* at their Node sources) to the packages' dist files
    tsconfig: join(here, 'tsconfig.json'),
  };
  if (watch) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
    return ctx;
  }
  const result = await esbuild.build(options);
  const node = Object.keys(result.metafile.inputs).filter((p) => p.startsWith('node:'));
  if (node.length > 0) throw new Error(`the page bundle pulls in Node built-ins: ${node.join(', ')}`);
  return result;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outIndex = process.argv.indexOf('--out');
  const out = outIndex > 0 ? resolve(process.argv[outIndex + 1]) : join(here, 'dist');
  if (process.argv.includes('--serve')) {
    await buildSite(out, { watch: true });
    const { serve } = await import('./serve.mjs');
    const { url } = await serve(out, Number(process.env.PORT ?? 5173));
    console.log(`qfcn browser example (dev, rebuilds on change): ${url}  — try ${url}?sample`);
  } else {
    await buildSite(out);
    console.log(`built ${out}`);
  }
}
