// Keeps every published package's `typesVersions` in step with its `exports`, so that TypeScript with
// `moduleResolution: node` (node10, which ignores `exports`) finds the types of subpaths such as
// `@qfcn/quantize/tfjs`. Node10 resolvers are CommonJS, so each subpath maps to its `require` types
// (the `node` condition's when there is one).
//
// `node scripts/sync-types-versions.mjs` rewrites the package.json files; `--check` only reports
// drift and exits 1 (run by scripts/pack-test.mjs, so CI fails when exports change alone).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');

/** The CommonJS types file of one `exports` entry, or undefined. */
function requireTypes(entry) {
  if (typeof entry !== 'object' || entry === null) return undefined;
  const branch = entry.node ?? entry;
  return branch.require?.types;
}

/** The `typesVersions` a package's `exports` call for (undefined when it has no subpaths). */
export function typesVersionsOf(exportsMap) {
  const map = {};
  for (const [subpath, entry] of Object.entries(exportsMap ?? {})) {
    if (subpath === '.' || subpath === './package.json') continue;
    const types = requireTypes(entry);
    if (types) map[subpath.slice(2)] = [types];
  }
  return Object.keys(map).length > 0 ? { '*': map } : undefined;
}

const drift = [];
for (const name of readdirSync(join(root, 'packages'))) {
  const file = join(root, 'packages', name, 'package.json');
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    continue;
  }
  const pkg = JSON.parse(text);
  if (pkg.private) continue;
  const wanted = typesVersionsOf(pkg.exports);
  if (JSON.stringify(pkg.typesVersions) === JSON.stringify(wanted)) continue;
  drift.push(pkg.name);
  if (check) continue;
  // keep key order: typesVersions right after exports
  const out = {};
  for (const [k, v] of Object.entries(pkg)) {
    if (k === 'typesVersions') continue;
    out[k] = v;
    if (k === 'exports' && wanted) out.typesVersions = wanted;
  }
  writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
}
if (check && drift.length > 0) {
  console.error(
    `typesVersions out of step with exports in ${drift.join(', ')}: run node scripts/sync-types-versions.mjs`,
  );
  process.exit(1);
}
if (!check) console.log(drift.length > 0 ? `updated ${drift.join(', ')}` : 'typesVersions already in step');
