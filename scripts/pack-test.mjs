// Packs every publishable package with `pnpm pack` and installs the tarballs into a fresh npm project
// outside the workspace, then uses each package from both `import` and `require`.
// Run after `pnpm build` (part of `pnpm verify`).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(join(tmpdir(), 'qfcn-pack-'));
const tarballs = join(work, 'tarballs');
const project = join(work, 'project');
const run = (cmd, args, cwd) =>
  execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });

// typesVersions must follow exports (node10 type resolution of subpaths)
execFileSync(process.execPath, [join(root, 'scripts', 'sync-types-versions.mjs'), '--check'], { stdio: 'inherit' });

const packages = readdirSync(join(root, 'packages'))
  .map((dir) => join(root, 'packages', dir))
  .filter((dir) => existsSync(join(dir, 'package.json')))
  .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
  .filter(({ manifest }) => !manifest.private);

const files = {};
for (const { dir, manifest } of packages) {
  const out = run('pnpm', ['pack', '--pack-destination', tarballs], dir).trim().split('\n').pop();
  files[manifest.name] = out.startsWith('/') ? out : join(tarballs, out);
  const listed = run('tar', ['-tzf', files[manifest.name]], root).split('\n');
  for (const required of ['package/LICENSE', 'package/README.md', 'package/package.json']) {
    if (!listed.includes(required))
      throw new Error(`${manifest.name}: the tarball lacks ${required.slice('package/'.length)}`);
  }
  console.log(`packed ${manifest.name} -> ${files[manifest.name]}`);
  // package.json lint (publint) and type resolution under node10, node16 CJS/ESM and bundler (attw)
  run(join(root, 'node_modules', '.bin', 'publint'), ['--strict'], dir);
  run(join(root, 'node_modules', '.bin', 'attw'), [files[manifest.name], '--quiet'], root);
  console.log(`ok   ${manifest.name}: publint, are-the-types-wrong`);
}

const deps = Object.fromEntries(Object.entries(files).map(([name, file]) => [name, `file:${file}`]));
execFileSync('mkdir', ['-p', project]);
writeFileSync(
  join(project, 'package.json'),
  JSON.stringify(
    { name: 'qfcn-pack-test', private: true, version: '0.0.0', dependencies: deps, overrides: deps },
    null,
    2,
  ),
);
console.log('npm install of the tarballs in a fresh project ...');
run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], project);

// Each package: a smoke check through ESM and through CJS. `check` is evaluated on the loaded module.
const checks = {
  '@qfcn/contract': `typeof m.QfcnError.isInstance === 'function'`,
  '@qfcn/metrics': `m.objectDice({width:2,height:1,data:new Uint8Array([1,0])},{width:2,height:1,data:new Uint8Array([1,0])}) === 1`,
  '@qfcn/quantize': `m.powerOfTwoLevels(1, 5).n1 === 0 && m.powerOfTwoLevels(1, 5).n2 === -7`,
  '@qfcn/backend': `typeof m.initBackend === 'function'`,
  '@qfcn/data': `typeof m.readImage === 'function' && typeof m.loadGlas === 'function'`,
  '@qfcn/fcn': `typeof m.createFcn === 'function'`,
  '@qfcn/suggestive': `m.imageUncertainty([new Float32Array([0,1]), new Float32Array([1,1])]) === 0.125`,
  '@qfcn/cli': `typeof m.main === 'function'`,
  '@qfcn/backend-native': `typeof m.registerNativeBackend === 'function'`,
  '@qfcn/queue': `m.parseQueueUrl('rediss://:pw@h:6380/2').display === 'rediss://:***@h:6380/2' && typeof m.startWorker === 'function'`,
};
let failed = 0;
for (const name of Object.keys(files)) {
  const check = checks[name] ?? 'Object.keys(m).length > 0';
  for (const kind of ['esm', 'cjs']) {
    const code =
      kind === 'esm'
        ? `const m = await import(${JSON.stringify(name)}); if (!(${check})) { console.error('check failed'); process.exit(1); }`
        : `const m = require(${JSON.stringify(name)}); if (!(${check})) { console.error('check failed'); process.exit(1); }`;
    const file = join(project, `check.${kind === 'esm' ? 'mjs' : 'cjs'}`);
    writeFileSync(file, code);
    try {
      execFileSync(process.execPath, [file], { cwd: project, stdio: 'inherit' });
      console.log(`ok   ${name} (${kind})`);
    } catch {
      failed++;
      console.log(`FAIL ${name} (${kind})`);
    }
  }
}
// Browser: the installed root entries bundle for the browser (esbuild, platform 'browser', no
// externals: a Node built-in anywhere fails the bundle), and Node gets the full entry through the
// 'node' condition (checked above) and the /node subpath.
const { build } = await import('esbuild');
const browserChecks = {
  '@qfcn/metrics': 'objectDice',
  '@qfcn/quantize': 'unpackWeights',
  '@qfcn/quantize/tfjs': 'loadPackedWeights',
  '@qfcn/suggestive': 'imageUncertainty',
  '@qfcn/backend': 'initBackend',
  '@qfcn/fcn': 'loadModelFrom',
};
for (const [spec, name] of Object.entries(browserChecks)) {
  const entry = join(project, 'browser-entry.mjs');
  writeFileSync(entry, `import { ${name} } from ${JSON.stringify(spec)}; globalThis.x = ${name};`);
  try {
    const r = await build({
      entryPoints: [entry],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
      absWorkingDir: project,
    });
    const node = Object.keys(r.metafile.inputs).filter((p) => p.startsWith('node:'));
    if (node.length > 0) throw new Error(`Node built-ins: ${node.join(', ')}`);
    console.log(`ok   ${spec} (browser bundle, ${Math.round(r.outputFiles[0].contents.byteLength / 1024)} KiB)`);
  } catch (error) {
    failed++;
    console.log(
      `FAIL ${spec} (browser bundle): ${(error.errors ?? [error])
        .map((e) => e.text ?? e.message)
        .slice(0, 3)
        .join('; ')}`,
    );
  }
}
for (const [spec, name] of [
  ['@qfcn/quantize/node', 'loadWeightsFile'],
  ['@qfcn/fcn/node', 'trainEnsemble'],
  ['@qfcn/backend/node', 'runInWorkers'],
  ['@qfcn/suggestive/node', 'readRoundLog'],
]) {
  const file = join(project, 'check-node.mjs');
  writeFileSync(
    file,
    `const m = await import(${JSON.stringify(spec)}); if (typeof m.${name} !== 'function') process.exit(1);`,
  );
  try {
    execFileSync(process.execPath, [file], { cwd: project, stdio: 'inherit' });
    console.log(`ok   ${spec} (node subpath)`);
  } catch {
    failed++;
    console.log(`FAIL ${spec} (node subpath)`);
  }
}

rmSync(work, { recursive: true, force: true });
if (failed) {
  console.error(`pack test: ${failed} failed`);
  process.exit(1);
}
console.log(`pack test: ${Object.keys(files).length * 2} Node checks and the browser bundles passed, 0 failed`);
