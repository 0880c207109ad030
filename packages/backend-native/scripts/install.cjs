#!/usr/bin/env node
// Install-time build of the qfcn-native addon (node-gyp over oneDNN). Never fails the install
// (unless --strict): when oneDNN, a compiler or the Node headers are missing it prints ONE line
// saying why and records it in native-build.json, and @qfcn/backend-native reports the addon as
// unavailable (registerNativeBackend → ok:false with that reason; initBackend('auto') uses wasm).
'use strict';
const { spawnSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const { existsSync, readdirSync, readFileSync, writeFileSync, renameSync } = require('node:fs');
const { delimiter, dirname, join } = require('node:path');

const root = join(__dirname, '..');
const strict = process.argv.includes('--strict');
const statusFile = join(root, 'native-build.json');

// What the addon is built from: sources, binding.gyp, Node's ABI and the oneDNN version header.
function fingerprint() {
  const hash = createHash('sha256');
  const files = [
    'binding.gyp',
    ...readdirSync(join(root, 'native'))
      .sort()
      .map((f) => join('native', f)),
  ];
  for (const f of files) hash.update(f).update(readFileSync(join(root, f)));
  hash.update(process.versions.modules).update(process.arch);
  for (const d of includeDirs) {
    const v = join(d, 'oneapi', 'dnnl', 'dnnl_version.h');
    if (existsSync(v)) {
      hash.update(readFileSync(v));
      break;
    }
  }
  return hash.digest('hex').slice(0, 16);
}

function record(status) {
  const tmp = `${statusFile}.tmp`;
  writeFileSync(tmp, `${JSON.stringify({ ...status, date: new Date().toISOString() }, null, 2)}\n`);
  renameSync(tmp, statusFile);
}

function finish(ok, reason, log = '', built = undefined) {
  record({ ok, reason, fingerprint: built, log: log.slice(-4000) });
  console.log(
    ok
      ? `@qfcn/backend-native: ${reason}`
      : `@qfcn/backend-native: native addon not built (${reason}); the qfcn-native backend is unavailable, wasm/cpu will be used`,
  );
  process.exit(!ok && strict ? 1 : 0);
}

if (process.env.QFCN_NATIVE_SKIP_BUILD === '1') finish(false, 'QFCN_NATIVE_SKIP_BUILD=1');

// 1. oneDNN headers (Debian/Ubuntu: libdnnl-dev), in the default include dirs or CPATH.
const includeDirs = ['/usr/include', '/usr/local/include', '/opt/homebrew/include']
  .concat((process.env.CPATH || '').split(delimiter), (process.env.CPLUS_INCLUDE_PATH || '').split(delimiter))
  .filter(Boolean);
if (!includeDirs.some((d) => existsSync(join(d, 'oneapi', 'dnnl', 'dnnl.hpp')))) {
  finish(false, 'oneDNN headers not found: apt-get install libdnnl-dev (or set CPATH to oneDNN 2.x include dir)');
}

// Up to date (same sources, Node ABI and oneDNN, and the addon loads): keep it. `pnpm install`
// re-runs this script on every install; rebuilding would remove a working addon for a while.
const addonFile = join(root, 'build', 'Release', 'qfcn_native.node');
const current = fingerprint();
if (!strict && !process.argv.includes('--force') && existsSync(addonFile) && existsSync(statusFile)) {
  try {
    const previous = JSON.parse(readFileSync(statusFile, 'utf8'));
    if (previous.ok && previous.fingerprint === current) {
      const probe = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(addonFile)}).info()`], {
        encoding: 'utf8',
      });
      if (probe.status === 0) {
        console.log(
          `@qfcn/backend-native: qfcn-native addon up to date (${previous.reason.replace(/^built qfcn-native addon \(/, '').replace(/\)$/, '')})`,
        );
        process.exit(0);
      }
    }
  } catch {
    // Unreadable status: build.
  }
}

// 2. node-gyp: the one npm/pnpm points lifecycle scripts to, else npm's bundled copy, else PATH.
function nodeGyp() {
  const candidates = [
    process.env.npm_config_node_gyp,
    join(
      dirname(process.execPath),
      '..',
      'lib',
      'node_modules',
      'npm',
      'node_modules',
      'node-gyp',
      'bin',
      'node-gyp.js',
    ),
    join(
      dirname(process.execPath),
      '..',
      'lib',
      'node_modules',
      'pnpm',
      'dist',
      'node_modules',
      'node-gyp',
      'bin',
      'node-gyp.js',
    ),
  ].filter((p) => p && existsSync(p));
  if (candidates.length > 0) {
    const p = candidates[0];
    return p.endsWith('.js') ? [process.execPath, [p]] : [p, []];
  }
  const onPath = (process.env.PATH || '')
    .split(delimiter)
    .map((d) => join(d, 'node-gyp'))
    .find((p) => existsSync(p));
  return onPath ? [onPath, []] : null;
}
const gyp = nodeGyp();
if (!gyp) finish(false, 'node-gyp not found (it ships with npm and pnpm)');

// 3. Node headers: use the running Node's own include/node when present (offline builds).
const args = [...gyp[1], 'rebuild'];
const prefix = join(dirname(process.execPath), '..');
if (!process.env.npm_config_nodedir && existsSync(join(prefix, 'include', 'node', 'node_api.h'))) {
  args.push(`--nodedir=${prefix}`);
}

// The most telling line of a failed node-gyp log.
function firstCause(text) {
  const lines = text.split('\n');
  if (lines.some((l) => /gyp ERR! find Python/.test(l))) return 'python3 not found (node-gyp needs it)';
  const patterns = [
    /fatal error:.*/,
    /cannot find -l\S+/,
    /not found: \S+/,
    /No rule to make target \S+/,
    /FileNotFoundError: .*/,
    /\berror:.*/,
    /gyp ERR! (?!stack|System|command|cwd|node |node-gyp|not ok).*/,
  ];
  for (const re of patterns) {
    const hit = lines.map((l) => l.match(re)).find(Boolean);
    if (hit) return hit[0];
  }
  return null;
}

const build = spawnSync(gyp[0], args, { cwd: root, encoding: 'utf8', env: process.env });
const log = `${build.stdout || ''}\n${build.stderr || ''}`;
if (build.error || build.status !== 0) {
  const errorLine = build.error?.message || firstCause(log) || `node-gyp exited with ${build.status}`;
  finish(false, `node-gyp build failed: ${errorLine.trim().slice(0, 240)}; full log in native-build.json`, log);
}

// 4. The addon must load (libdnnl.so.2 resolvable at run time).
const probe = spawnSync(
  process.execPath,
  ['-e', `console.log(JSON.stringify(require(${JSON.stringify(addonFile)}).info()))`],
  { encoding: 'utf8' },
);
if (probe.status !== 0) {
  finish(
    false,
    `built addon does not load: ${(probe.stderr || '').split('\n').find((l) => l.trim()) || 'unknown error'}`,
    log,
  );
}
const info = JSON.parse(probe.stdout);
finish(true, `built qfcn-native addon (oneDNN ${info.onednn}, ${info.isa}, ${info.threads} threads)`, log, current);
