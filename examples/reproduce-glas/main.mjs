// Reproduce [Xu18] on GlaS. The data is research-use only and not redistributable: download it from
// the GlaS contest page of the University of Warwick, unpack it, and point this script at the folder
// holding train_1.bmp … testB_20_anno.bmp and Grade.csv.
//
//   pnpm build && pnpm --filter @qfcn/example-reproduce-glas start -- ~/data/Warwick_QU [small|paper]
//
// Step 1 verifies your copy against the sha256 manifest of the official release (331 files) shipped in
// @qfcn/data; step 2 runs the whole experiment (SA/QSA × float/QNT at 5, 6, 7 bits × 1 and 5 FCNs) and
// writes glas-run/report.md with the paper's rows beside ours. Rerun the same command to resume.
import { existsSync } from 'node:fs';
import { verifyGlas } from '@qfcn/data';
import { runReproduction } from '@qfcn/cli';

const [dir, preset = 'small'] = process.argv.slice(2).filter((a) => a !== '--');
if (!dir || !existsSync(dir)) {
  console.error(
    'usage: node main.mjs <GlaS folder> [tiny|small|paper]\n(the folder with train_1.bmp, …, testB_20_anno.bmp and Grade.csv)',
  );
  process.exit(2);
}

const report = await verifyGlas(dir);
console.log(
  report.ok
    ? 'GlaS copy verified: all 331 files match the official release.'
    : 'GlaS copy differs from the official release:',
);
for (const f of report.missing.slice(0, 10)) console.log(`  missing  ${f}`);
for (const f of report.extra.slice(0, 10)) console.log(`  extra    ${f}`);
for (const f of report.altered.slice(0, 10))
  console.log(`  altered  ${f.name} (size ${f.actualSize}, expected ${f.expectedSize})`);
if (report.missing.some((f) => f.endsWith('.bmp'))) {
  console.error('images are missing: fix the copy first.');
  process.exit(1);
}

const result = await runReproduction(
  { data: dir, dataset: 'glas', preset, bits: [5, 6, 7], members: [1, 5], budget: 0.5, out: 'glas-run', seed: 1 },
  {
    log: (line) => console.log(line),
    onProgress: (e) => e.stage === 'experiment' && console.log(`[${e.current}/${e.total}] ${e.message ?? ''}`),
  },
);
console.log(`done in ${(result.seconds / 60).toFixed(1)} min: glas-run/report.md`);
