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
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });

const packages = readdirSync(join(root, 'packages'))
  .map((dir) => join(root, 'packages', dir))
  .filter((dir) => existsSync(join(dir, 'package.json')))
  .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
  .filter(({ manifest }) => !manifest.private);

const files = {};
for (const { dir, manifest } of packages) {
  const out = run('pnpm', ['pack', '--pack-destination', tarballs], dir).trim().split('\n').pop();
  files[manifest.name] = out.startsWith('/') ? out : join(tarballs, out);
  console.log(`packed ${manifest.name} -> ${files[manifest.name]}`);
}

const deps = Object.fromEntries(Object.entries(files).map(([name, file]) => [name, `file:${file}`]));
execFileSync('mkdir', ['-p', project]);
writeFileSync(
  join(project, 'package.json'),
  JSON.stringify({ name: 'qfcn-pack-test', private: true, version: '0.0.0', dependencies: deps, overrides: deps }, null, 2),
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
rmSync(work, { recursive: true, force: true });
if (failed) {
  console.error(`pack test: ${failed} failed`);
  process.exit(1);
}
console.log(`pack test: ${Object.keys(files).length * 2} passed, 0 failed`);
