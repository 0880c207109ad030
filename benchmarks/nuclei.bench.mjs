// Benchmark of the nuclei instance metrics of @qfcn/metrics (built package) — AJI (Kumar et al. 2017)
// and panoptic quality (Kirillov et al. 2019) — against a numpy port in the style of HoVer-Net's
// `get_fast_aji` / `get_fast_pq` (benchmarks/metrics_nuclei_peer.py: one full-image boolean mask per
// object), on the 13 real MoNuSeg label PNGs of ../shared/data/monuseg/train (1000x1000, 16-bit,
// 294-472 nuclei each), each paired with the seeded prediction of metrics.bench.mjs (nuclei shifted by
// up to 2 px, 5% dropped, 5% merged with a neighbour, 12 false-positive discs; labels up to 1e7).
// Ours: aggregatedJaccardIndex + panopticQuality per image (each builds its own overlap table, as a user
// calling both does), best of 5; also evaluate({ metrics: 'nuclei' }) (AJI, AJI+, PQ from one table).
// Peer: one run. Times exclude reading the maps; maps go to the peer as raw int32 files.
// Run: pnpm --filter @qfcn/metrics build && pnpm bench nuclei
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { aggregatedJaccardIndex, evaluate, panopticQuality } from '@qfcn/metrics';
import { findPython, loadMonusegPairs } from './metrics-monuseg.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const RUNS = 5;

/** Best wall and best CPU (user + system) time in ms of `runs` calls of `fn`, and its last result. */
function best(fn, runs) {
  let wall = Infinity;
  let cpu = Infinity;
  let result;
  for (let k = 0; k < runs; k++) {
    const c = process.cpuUsage();
    const t = performance.now();
    result = fn();
    wall = Math.min(wall, performance.now() - t);
    const u = process.cpuUsage(c);
    cpu = Math.min(cpu, (u.user + u.system) / 1000);
  }
  return { wall, cpu, result };
}

function writeResults(results) {
  mkdirSync(join(here, 'results'), { recursive: true });
  const out = join(here, 'results', 'nuclei.json');
  writeFileSync(`${out}.tmp`, JSON.stringify(results, null, 2));
  renameSync(`${out}.tmp`, out);
}

const load = loadavg()[0];
const { pairs, note } = loadMonusegPairs();
if (!pairs.length) {
  console.log(note);
  writeResults({ markdown: `${note}\n`, skipped: true });
  process.exit(0);
}
const numGt = pairs.reduce((t, p) => t + new Set(p.groundTruth.data).size - 1, 0);

const ours = best(
  () =>
    pairs.map((p) => ({
      id: p.id,
      aji: aggregatedJaccardIndex(p.segmentation, p.groundTruth),
      ...panopticQuality(p.segmentation, p.groundTruth),
    })),
  RUNS,
);
const perImage = ours.result;
const mean = (rows, k) => rows.reduce((t, r) => t + r[k], 0) / rows.length;
console.log(
  `ours AJI + PQ, ${pairs.length} tiles: ${ours.wall.toFixed(1)} ms wall, ${ours.cpu.toFixed(1)} ms CPU (best of ${RUNS})`,
);
const all = best(() => evaluate(pairs, { metrics: 'nuclei' }), RUNS);
console.log(`ours evaluate({ metrics: 'nuclei' }): ${all.wall.toFixed(1)} ms wall, ${all.cpu.toFixed(1)} ms CPU`);

const python = findPython('numpy');
let peer = null;
let peerInfo = 'numpy peer skipped: no python3 with numpy';
if (python) {
  const dir = mkdtempSync(join(tmpdir(), 'qfcn-nuclei-bench-'));
  try {
    const images = pairs.map((p, i) => {
      for (const [file, map] of [
        [`${i}_seg.bin`, p.segmentation],
        [`${i}_gt.bin`, p.groundTruth],
      ]) {
        const d = Int32Array.from(map.data);
        writeFileSync(join(dir, file), new Uint8Array(d.buffer, d.byteOffset, d.byteLength));
      }
      return {
        id: p.id,
        width: p.groundTruth.width,
        height: p.groundTruth.height,
        seg: `${i}_seg.bin`,
        gt: `${i}_gt.bin`,
      };
    });
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ images }));
    console.log(`running the numpy peer (${python}) ...`);
    // Single-threaded numpy, as every other peer of these benchmarks (the port does no BLAS work anyway).
    const env = { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
    const run = spawnSync(python, [join(here, 'metrics_nuclei_peer.py'), dir], {
      encoding: 'utf8',
      env,
      maxBuffer: 1 << 26,
    });
    if (run.status !== 0) throw new Error(`metrics_nuclei_peer.py failed (${run.status}): ${run.stderr}`);
    peer = JSON.parse(run.stdout);
    peerInfo = `Python ${peer.python}, numpy ${peer.numpy} (${python})`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

let maxDiff = null;
if (peer) {
  maxDiff = { aji: 0, pq: 0, dq: 0, sq: 0, counts: 0 };
  perImage.forEach((r, i) => {
    const q = peer.images[i];
    for (const k of ['aji', 'pq', 'dq', 'sq']) maxDiff[k] = Math.max(maxDiff[k], Math.abs(r[k] - q[k]));
    maxDiff.counts += Math.abs(r.tp - q.tp) + Math.abs(r.fp - q.fp) + Math.abs(r.fn - q.fn);
  });
}
const peerMs = peer ? peer.seconds * 1000 : null;
const peerCpuMs = peer ? peer.cpuSeconds * 1000 : null;
const ratio = peer ? peerMs / ours.wall : null;
const cpuRatio = peer ? peerCpuMs / ours.cpu : null;
const fmt = (x, d = 1) => (x === null || x === undefined ? 'n/a' : x.toFixed(d));
const markdown =
  `Nuclei instance metrics, AJI + PQ (threshold 0.5) per image, @qfcn/metrics vs a numpy port of HoVer-Net's ` +
  `per-object-mask \`get_fast_aji\`/\`get_fast_pq\`, on the ${pairs.length} MoNuSeg train tiles (1000x1000, ${numGt} nuclei) ` +
  `with seeded predictions. Node ${process.version}; ${peerInfo}. Ours: best of ${RUNS}; peer: one run; times exclude reading ` +
  `the maps. 1-min load average at start: ${load.toFixed(2)} on ${availableParallelism()} cores (shared machine: wall times are noisy, CPU times less so).\n\n` +
  `| what | ours wall / CPU (ms) | numpy wall / CPU (ms) | ratio numpy/ours wall / CPU | max abs diff AJI, PQ, DQ, SQ | TP/FP/FN differences |\n` +
  `|---|---|---|---|---|---|\n` +
  `| AJI + PQ, ${pairs.length} tiles | ${fmt(ours.wall)} / ${fmt(ours.cpu)} | ${fmt(peerMs, 0)} / ${fmt(peerCpuMs, 0)} | ${fmt(ratio)}x / ${fmt(cpuRatio)}x | ` +
  `${maxDiff ? [maxDiff.aji, maxDiff.pq, maxDiff.dq, maxDiff.sq].map((v) => v.toExponential(1)).join(', ') : 'n/a'} | ${maxDiff ? maxDiff.counts : 'n/a'} |\n` +
  `| evaluate({ metrics: 'nuclei' }) (AJI, AJI+, PQ from one overlap table per image) | ${fmt(all.wall)} / ${fmt(all.cpu)} | | | | |\n\n` +
  `Means over the tiles (ours): AJI ${mean(perImage, 'aji').toFixed(4)}, AJI+ ${all.result.perImageMean.ajiPlus.toFixed(4)}, ` +
  `PQ ${mean(perImage, 'pq').toFixed(4)}, DQ ${mean(perImage, 'dq').toFixed(4)}, SQ ${mean(perImage, 'sq').toFixed(4)}.\n`;
console.log(`\n${markdown}`);
writeResults({
  markdown,
  node: process.version,
  peer: peerInfo,
  loadAverage: load,
  cores: availableParallelism(),
  tiles: pairs.length,
  nuclei: numGt,
  oursMs: ours.wall,
  oursCpuMs: ours.cpu,
  evaluateNucleiMs: all.wall,
  evaluateNucleiCpuMs: all.cpu,
  numpyMs: peerMs,
  numpyCpuMs: peerCpuMs,
  ratio,
  cpuRatio,
  maxAbsDiff: maxDiff,
  perImageMean: all.result.perImageMean,
});
