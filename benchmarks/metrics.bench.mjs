// Benchmark of @qfcn/metrics (built package) against a straightforward numpy/scipy (cKDTree) peer,
// benchmarks/metrics_peer.py, on the same label maps:
//  - 80 synthetic GlaS-sized pairs (775x522, 15 glands each, seeds 1..80, from @qfcn/metrics/test);
//  - the real MoNuSeg label PNGs (1000x1000, 16-bit) in ../shared/data/monuseg/train/*_label.png, each
//    paired with a seeded perturbation (shifted nuclei, some dropped or merged, a few false positives).
// Both sides score whole sets (pooled + per image, fnRule 'official'); timings exclude file reading.
// Maps go to the peer as raw little-endian int32 files in a temporary folder.
// Run: pnpm --filter @qfcn/metrics build && pnpm bench metrics
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluate } from '@qfcn/metrics';
import { syntheticGlandPair } from '@qfcn/metrics/test';
import { findPython, loadMonusegPairs } from './metrics-monuseg.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const RUNS = 5;

/** Best wall time and best CPU time (user + system) of `runs` evaluations, in ms. */
function timeEvaluate(pairs, runs) {
  let wall = Infinity;
  let cpu = Infinity;
  let result;
  for (let k = 0; k < runs; k++) {
    const c = process.cpuUsage();
    const t = performance.now();
    result = evaluate(pairs, { fnRule: 'official' });
    wall = Math.min(wall, performance.now() - t);
    const u = process.cpuUsage(c);
    cpu = Math.min(cpu, (u.user + u.system) / 1000);
  }
  return { wall, cpu, result };
}

function maxDiff(ours, peer) {
  let dice = 0;
  let haus = 0;
  let counts = 0;
  const diff = (a, b) => (a === b ? 0 : Math.abs(a - b));
  dice = Math.max(dice, diff(ours.pooled.f1, peer.pooled.f1), diff(ours.pooled.objectDice, peer.pooled.objectDice));
  haus = Math.max(haus, diff(ours.pooled.objectHausdorff, peer.pooled.objectHausdorff));
  ours.images.forEach((row, i) => {
    const p = peer.images[i];
    dice = Math.max(dice, diff(row.f1, p.f1), diff(row.objectDice, p.objectDice));
    haus = Math.max(haus, diff(row.objectHausdorff, p.objectHausdorff));
    counts += Math.abs(row.tp - p.tp) + Math.abs(row.fp - p.fp) + Math.abs(row.fn - p.fn);
  });
  return { dice, haus, counts };
}

// ---------------------------------------------------------------------------------------------
const load = loadavg()[0];
const sets = [];
{
  const pairs = [];
  for (let i = 1; i <= 80; i++) pairs.push({ id: `glas_${i}`, ...syntheticGlandPair({ seed: i }) });
  sets.push({ name: 'GlaS-sized synthetic, 80 x 775x522', pairs, runs: RUNS });
}
const { pairs: monusegPairs, note: monusegNote } = loadMonusegPairs();
if (monusegPairs.length)
  sets.push({ name: `MoNuSeg train labels, ${monusegPairs.length} x 1000x1000`, pairs: monusegPairs, runs: RUNS });
if (monusegNote) console.log(monusegNote);

for (const set of sets) {
  const { wall, cpu, result } = timeEvaluate(set.pairs, set.runs);
  set.oursMs = wall;
  set.oursCpuMs = cpu;
  set.ours = result;
  set.objects = `${result.pooled.numGroundTruth} / ${result.pooled.numSegmented}`;
  console.log(`${set.name}: ours ${wall.toFixed(1)} ms wall, ${cpu.toFixed(1)} ms CPU (best of ${set.runs})`);
}

const python = findPython();
let peerInfo = 'numpy/scipy peer skipped: no python3 with numpy and scipy';
if (python) {
  const dir = mkdtempSync(join(tmpdir(), 'qfcn-metrics-bench-'));
  try {
    const manifest = { sets: [] };
    sets.forEach((set, s) => {
      const images = set.pairs.map((p, i) => {
        const seg = `s${s}_${i}_seg.bin`;
        const gt = `s${s}_${i}_gt.bin`;
        for (const [file, map] of [
          [seg, p.segmentation],
          [gt, p.groundTruth],
        ]) {
          const d = Int32Array.from(map.data);
          writeFileSync(join(dir, file), new Uint8Array(d.buffer, d.byteOffset, d.byteLength));
        }
        return { id: p.id, width: p.segmentation.width, height: p.segmentation.height, seg, gt };
      });
      manifest.sets.push({ name: set.name, fnRule: 'official', images });
    });
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    console.log(`running the numpy/scipy peer (${python}) ...`);
    const run = spawnSync(python, [join(here, 'metrics_peer.py'), dir], { encoding: 'utf8', maxBuffer: 1 << 28 });
    if (run.status !== 0) throw new Error(`metrics_peer.py failed (${run.status}): ${run.stderr}`);
    const peer = JSON.parse(run.stdout);
    peerInfo = `Python ${peer.python}, numpy ${peer.numpy}, scipy ${peer.scipy} (${python})`;
    sets.forEach((set, s) => {
      set.pythonMs = peer.sets[s].seconds * 1000;
      set.pythonCpuMs = peer.sets[s].cpuSeconds * 1000;
      set.ratio = set.pythonMs / set.oursMs;
      set.cpuRatio = set.pythonCpuMs / set.oursCpuMs;
      set.maxAbsDiff = maxDiff(set.ours, peer.sets[s]);
      set.peerPooled = peer.sets[s].pooled;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const fmt = (x, d = 1) => (x === undefined ? 'n/a' : x.toFixed(d));
let markdown =
  `Object-level GlaS metrics (F1, object Dice, object Hausdorff; pooled + per image), @qfcn/metrics vs a ` +
  `straightforward numpy/scipy cKDTree implementation on the same maps. Node ${process.version}; ${peerInfo}. ` +
  `Ours: best of ${RUNS} runs; peer: one run; times exclude reading the maps. Wall and CPU (user + system) time; ` +
  `1-min load average at start: ${load.toFixed(2)} on ${availableParallelism()} cores (on a shared machine wall times are noisy, CPU times less so).\n\n` +
  `| set | GT / seg objects | ours wall / CPU (ms) | numpy/scipy wall / CPU (ms) | ratio python/ours wall / CPU | max abs diff F1, Dice | max abs diff Hausdorff | TP/FP/FN differences |\n` +
  `|---|---|---|---|---|---|---|---|\n`;
for (const s of sets) {
  markdown += `| ${s.name} | ${s.objects} | ${fmt(s.oursMs)} / ${fmt(s.oursCpuMs)} | ${fmt(s.pythonMs, 0)} / ${fmt(s.pythonCpuMs, 0)} | ${fmt(s.ratio)}x / ${fmt(s.cpuRatio)}x | ${s.maxAbsDiff ? s.maxAbsDiff.dice.toExponential(1) : 'n/a'} | ${s.maxAbsDiff ? s.maxAbsDiff.haus.toExponential(1) : 'n/a'} | ${s.maxAbsDiff ? s.maxAbsDiff.counts : 'n/a'} |\n`;
}
markdown += `\nPooled scores (ours): ${sets
  .map(
    (s) =>
      `${s.name}: F1 ${s.ours.pooled.f1.toFixed(4)}, Dice ${s.ours.pooled.objectDice.toFixed(4)}, Hausdorff ${s.ours.pooled.objectHausdorff.toFixed(3)}`,
  )
  .join('; ')}.\n`;
if (monusegNote) markdown += `\n${monusegNote}\n`;
console.log(`\n${markdown}`);

const results = {
  markdown,
  node: process.version,
  peer: peerInfo,
  loadAverage: load,
  cores: availableParallelism(),
  sets: sets.map((s) => ({
    name: s.name,
    images: s.pairs.length,
    objects: s.objects,
    oursMs: s.oursMs,
    oursCpuMs: s.oursCpuMs,
    pythonMs: s.pythonMs ?? null,
    pythonCpuMs: s.pythonCpuMs ?? null,
    ratio: s.ratio ?? null,
    cpuRatio: s.cpuRatio ?? null,
    maxAbsDiff: s.maxAbsDiff ?? null,
    pooled: {
      f1: s.ours.pooled.f1,
      objectDice: s.ours.pooled.objectDice,
      objectHausdorff: s.ours.pooled.objectHausdorff,
      tp: s.ours.pooled.tp,
      fp: s.ours.pooled.fp,
      fn: s.ours.pooled.fn,
    },
  })),
};
mkdirSync(join(here, 'results'), { recursive: true });
const out = join(here, 'results', 'metrics.json');
writeFileSync(`${out}.tmp`, JSON.stringify(results, null, 2));
renameSync(`${out}.tmp`, out);
