// Selection time of @qfcn/suggestive's `suggest` (K most uncertain, then greedy max-cover over the
// whole pool) vs pool size (1k, 10k) and descriptor size (64, 1024), K = 16, k = 8, with a numpy peer
// (benchmarks/suggestive_peer.py) run on the same data in the same script run.
// Run: pnpm --filter @qfcn/suggestive build && pnpm bench suggestive
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from '@qfcn/quantize';
import { suggest } from '@qfcn/suggestive';

const here = dirname(fileURLToPath(import.meta.url));
const K = 16;
const k = 8;
const REPEATS = 5;

/** n descriptors of length dim (members of them per image), ReLU-like (non-negative, ~half zeros). */
function makePool(n, dim, members, seed) {
  const rng = mulberry32(seed);
  const flat = Array.from({ length: members }, () => new Float32Array(n * dim));
  for (const f of flat) for (let i = 0; i < f.length; i++) f[i] = Math.max(0, rng() - 0.5);
  const uncertainty = new Float64Array(n);
  for (let i = 0; i < n; i++) uncertainty[i] = rng() * 0.25;
  const descriptors = Array.from({ length: n }, (_, i) => {
    const vectors = flat.map((f) => f.subarray(i * dim, (i + 1) * dim));
    return members === 1 ? vectors[0] : vectors;
  });
  return { flat, uncertainty, descriptors };
}

/** Best wall time and best CPU time (user + system, this process) over `repeats` runs after a warm-up. */
function time(fn, repeats = REPEATS) {
  let best = Infinity;
  let bestCpu = Infinity;
  let result;
  fn(); // warm-up for this input size
  for (let r = 0; r < repeats; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    result = fn();
    best = Math.min(best, performance.now() - t0);
    const c = process.cpuUsage(c0);
    bestCpu = Math.min(bestCpu, (c.user + c.system) / 1000);
  }
  return { ms: best, cpuMs: bestCpu, result };
}

const cases = [
  { n: 1000, dim: 64, members: 1 },
  { n: 1000, dim: 1024, members: 1 },
  { n: 10000, dim: 64, members: 1 },
  { n: 10000, dim: 1024, members: 1 },
  { n: 10000, dim: 1024, members: 5 },
];

// JIT warm-up: V8 optimizes the kernels only after several calls; measure the steady state, as numpy's
// compiled code is measured.
for (const [n, dim] of [
  [500, 64],
  [500, 1024],
]) {
  const pool = makePool(n, dim, 1, 1);
  for (let r = 0; r < 10; r++)
    suggest({ uncertainty: pool.uncertainty, descriptors: pool.descriptors, candidates: K, picks: k });
}

const work = mkdtempSync(join(tmpdir(), 'qfcn-suggestive-bench-'));
const rows = [];
const jobs = [];
try {
  for (const [i, c] of cases.entries()) {
    const pool = makePool(c.n, c.dim, c.members, 1000 + i);
    const { ms, cpuMs, result } = time(
      () => suggest({ uncertainty: pool.uncertainty, descriptors: pool.descriptors, candidates: K, picks: k }),
      c.members > 1 ? 3 : REPEATS,
    );
    const lazyOff = suggest({
      uncertainty: pool.uncertainty,
      descriptors: pool.descriptors,
      candidates: K,
      picks: k,
      lazy: false,
    });
    const row = {
      ...c,
      K,
      k,
      qfcnMs: ms,
      qfcnCpuMs: cpuMs,
      selected: result.selected,
      F: result.representativeness,
      lazyMatchesPlain: lazyOff.selected.join() === result.selected.join(),
    };
    if (c.members === 1) {
      const d = join(work, `d${i}.f32`);
      const u = join(work, `u${i}.f64`);
      writeFileSync(d, new Uint8Array(pool.flat[0].buffer));
      writeFileSync(u, new Uint8Array(pool.uncertainty.buffer));
      row.job = jobs.length;
      jobs.push({ descriptors: d, uncertainty: u, n: c.n, dim: c.dim, K, k, repeats: REPEATS });
    }
    rows.push(row);
    console.log(
      `qfcn n=${c.n} dim=${c.dim} members=${c.members}: ${ms.toFixed(1)} ms wall, ${cpuMs.toFixed(1)} ms CPU`,
    );
  }

  // numpy peer: pyenv python3 (numpy 2) if present, else Debian's /usr/bin/python3; QFCN_PYTHON overrides.
  let peer = null;
  for (const python of [process.env.QFCN_PYTHON, 'python3', '/usr/bin/python3'].filter(Boolean)) {
    // One BLAS thread: qfcn's kernel is single-threaded, so this compares one core with one core.
    const env = { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
    const run = spawnSync(python, [join(here, 'suggestive_peer.py')], {
      input: JSON.stringify(jobs),
      encoding: 'utf8',
      maxBuffer: 1 << 24,
      env,
    });
    if (run.status === 0) {
      peer = { python, ...JSON.parse(run.stdout) };
      break;
    }
    console.log(
      `peer with ${python} failed: ${(run.stderr || run.error?.message || '').split('\n').slice(-3).join(' ')}`,
    );
  }
  for (const row of rows) {
    if (peer && row.job !== undefined) {
      const r = peer.results[row.job];
      row.numpyF64Ms = r.f64.ms;
      row.numpyF64CpuMs = r.f64.cpuMs;
      row.numpyF32Ms = r.f32.ms;
      row.numpyF32CpuMs = r.f32.cpuMs;
      row.samePicksAsNumpyF64 = r.f64.selected.join() === row.selected.join();
      row.samePicksAsNumpyF32 = r.f32.selected.join() === row.selected.join();
      row.cpuRatioVsNumpyF64 = row.qfcnCpuMs / r.f64.cpuMs;
    }
    delete row.job;
  }

  const f = (x, d = 1) => (x === undefined ? '—' : x.toFixed(d));
  let markdown = `Selection (\`suggest\`: top-${K} by uncertainty, then greedy k=${k} over the whole pool), best of ${REPEATS} (3 for 5 members) after a JIT warm-up. `;
  markdown += peer
    ? `Peer: numpy ${peer.numpy} (${peer.python}), same K×N work, float64 and float32, one BLAS thread (qfcn is single-threaded).\n\n`
    : 'numpy peer unavailable.\n\n';
  markdown += 'Times in ms, wall / CPU (CPU = user + system of the process; robust when the machine is shared).\n\n';
  markdown +=
    '| pool N | dim | members | qfcn | numpy f64 | numpy f32 | qfcn / numpy f64 (CPU) | same picks as numpy f64 | lazy = plain |\n|---|---|---|---|---|---|---|---|---|\n';
  const pair = (wall, cpu) => (wall === undefined ? '—' : `${f(wall)} / ${f(cpu)}`);
  for (const r of rows) {
    markdown += `| ${r.n} | ${r.dim} | ${r.members} | ${pair(r.qfcnMs, r.qfcnCpuMs)} | ${pair(r.numpyF64Ms, r.numpyF64CpuMs)} | ${pair(r.numpyF32Ms, r.numpyF32CpuMs)} | ${f(r.cpuRatioVsNumpyF64, 1)} | ${r.samePicksAsNumpyF64 === undefined ? '—' : r.samePicksAsNumpyF64 ? 'yes' : 'NO'} | ${r.lazyMatchesPlain ? 'yes' : 'NO'} |\n`;
  }
  console.log(`\n${markdown}`);
  mkdirSync(join(here, 'results'), { recursive: true });
  const out = join(here, 'results', 'suggestive.json');
  const json = { markdown, node: process.version, numpy: peer?.numpy ?? null, K, k, repeats: REPEATS, rows };
  writeFileSync(`${out}.tmp`, JSON.stringify(json, null, 2));
  renameSync(`${out}.tmp`, out);
  const bad = rows.some((r) => !r.lazyMatchesPlain || r.samePicksAsNumpyF64 === false);
  if (bad) {
    console.error('selection mismatch (lazy vs plain, or qfcn vs numpy)');
    process.exitCode = 1;
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
