// `pnpm bench`: runs every benchmarks/*.bench.mjs in turn (each a standalone script that writes
// benchmarks/results/<name>.json and prints a markdown table), then writes summary.json and summary.md.
// Run `pnpm build` first: benchmarks measure the built packages, as users get them.
// `pnpm bench metrics quantize` runs only the named ones.
import { readdirSync, readFileSync, writeFileSync, existsSync, mkdirSync, renameSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const scripts = readdirSync(here)
  .filter((f) => f.endsWith('.bench.mjs'))
  .filter((f) => only.length === 0 || only.includes(f.replace('.bench.mjs', '')))
  .sort();
mkdirSync(join(here, 'results'), { recursive: true });
const summary = { date: new Date().toISOString(), node: process.version, results: {} };
let md = `# qfcn benchmarks\n\n${summary.date}, Node ${process.version}\n`;
let failed = 0;
for (const script of scripts) {
  const name = script.replace('.bench.mjs', '');
  console.log(`\n=== ${name} ===`);
  const run = spawnSync(process.execPath, [join(here, script)], { stdio: 'inherit', cwd: here });
  const out = join(here, 'results', `${name}.json`);
  if (run.status !== 0) {
    failed++;
    md += `\n## ${name}\n\nFAILED (exit ${run.status})\n`;
    continue;
  }
  if (existsSync(out)) {
    const result = JSON.parse(readFileSync(out, 'utf8'));
    summary.results[name] = result;
    md += `\n## ${name}\n\n${result.markdown ?? ''}\n`;
  }
}
const write = (file, text) => {
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
};
write(join(here, 'results', 'summary.json'), JSON.stringify(summary, null, 2));
write(join(here, 'results', 'summary.md'), md);
console.log(`\nWrote benchmarks/results/summary.{json,md} (${scripts.length - failed}/${scripts.length} ok)`);
process.exit(failed ? 1 : 0);
