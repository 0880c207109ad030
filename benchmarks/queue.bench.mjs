// Wall time of the main job (`qfcn reproduce`) run locally and through the Redis queue with 1, 2 and 3
// local `qfcn worker`s of one thread each (issue 16), and whether the queued runs reproduce the local
// one (same result rows, models byte for byte).
//
// Each configuration starts from nothing: a fresh redis-server of its own (on a free loopback port,
// no persistence), an empty store and an empty --out. The submitter runs here; workers are child
// processes (`--threads 1`, so QFCN_NATIVE_THREADS=1 / one XNNPACK thread). The local run uses the
// backend's default threads (all cores), as `pnpm reproduce` does; a second local run with
// QFCN_NATIVE_THREADS=1 shows what one thread does on its own (qfcn-native only).
//
// Settings: QFCN_QUEUE_BENCH_ARGS (extra `qfcn reproduce` flags, default none = the main job itself,
// about 19 min locally on 2 cores), QFCN_QUEUE_BENCH_WORKERS (default 1,2,3), QFCN_QUEUE_BENCH_BACKEND
// (default auto). The results are compared with both local runs: qfcn-native's sums depend on its thread
// count, so with it the queued runs (1 thread each) can match only the one-thread local run. Run after
// `pnpm build`:
//   QFCN_QUEUE_BENCH_ARGS='--seeds 1 --steps 100' node benchmarks/queue.bench.mjs
// Skips (writing why) without redis-server on PATH. Writes benchmarks/results/queue.json ({ markdown, ... }).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findRedisServer, startRedis } from '@qfcn/queue/test';

const here = dirname(fileURLToPath(import.meta.url));
const cli = resolve(here, '..', 'packages', 'cli', 'dist', 'bin.js');
const outFile = join(here, 'results', 'queue.json');
const extra = (process.env.QFCN_QUEUE_BENCH_ARGS ?? '').split(/\s+/).filter(Boolean);
const workerCounts = (process.env.QFCN_QUEUE_BENCH_WORKERS ?? '1,2,3').split(',').map(Number);
const backend = process.env.QFCN_QUEUE_BENCH_BACKEND ?? 'auto';
mkdirSync(join(here, 'results'), { recursive: true });

function write(result) {
  writeFileSync(`${outFile}.tmp`, `${JSON.stringify(result, null, 2)}\n`);
  renameSync(`${outFile}.tmp`, outFile);
  console.log(result.markdown);
}

const server = findRedisServer();
if (!server) {
  write({
    skipped: 'no redis-server on PATH (apt-get install redis-server)',
    markdown: 'skipped: no redis-server on PATH (apt-get install redis-server)',
  });
  process.exit(0);
}

/** Runs `qfcn …args`, resolving to its wall seconds; rejects on a non-zero exit. */
function qfcn(args, options = {}) {
  const started = performance.now();
  return new Promise((resolvePromise, reject) => {
    const p = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'ignore', 'pipe'], ...options });
    let err = '';
    p.stderr.on('data', (c) => (err = (err + c.toString()).slice(-4000)));
    p.on('exit', (code) =>
      code === 0
        ? resolvePromise((performance.now() - started) / 1000)
        : reject(new Error(`qfcn ${args[0]} exited ${code}: ${err}`)),
    );
  });
}

const files = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)).map((f) => join(e.name, f)) : [e.name],
  );
const sameModels = (a, b) =>
  files(join(a, 'models'))
    .filter((f) => f.endsWith('.bin') || f.endsWith('.qfcnq'))
    .every((f) => readFileSync(join(a, 'models', f)).equals(readFileSync(join(b, 'models', f))));
const rowsOf = (dir) => JSON.stringify(JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')).rows);

const work = mkdtempSync(join(tmpdir(), 'qfcn-queue-bench-'));
const base = ['reproduce', '--backend', backend, '--quiet', ...extra];
console.log(`qfcn ${base.join(' ')}  (${availableParallelism()} cores; work in ${work})`);
const localSeconds = await qfcn([...base, '--out', join(work, 'local')]);
console.log(`local: ${localSeconds.toFixed(1)} s`);
// the same on one thread (qfcn-native: QFCN_NATIVE_THREADS=1; other backends ignore it), for reference
const oneThreadSeconds = await qfcn([...base, '--out', join(work, 'local-1')], {
  env: { ...process.env, QFCN_NATIVE_THREADS: '1' },
});
const same = (a, b) => rowsOf(join(work, a)) === rowsOf(join(work, b)) && sameModels(join(work, a), join(work, b));
const oneThreadIdentical = same('local-1', 'local');
console.log(`local, QFCN_NATIVE_THREADS=1: ${oneThreadSeconds.toFixed(1)} s, identical results: ${oneThreadIdentical}`);
const runs = [];
for (const n of workerCounts) {
  const redis = await startRedis(server);
  const store = join(work, `store-${n}`);
  mkdirSync(store);
  const workers = Array.from({ length: n }, () =>
    spawn(
      process.execPath,
      [cli, 'worker', '--queue', redis.url, '--store', store, '--threads', '1', '--backend', backend, '--quiet'],
      { stdio: 'ignore' },
    ),
  );
  try {
    const out = join(work, `queued-${n}`);
    const seconds = await qfcn([...base, '--out', out, '--queue', redis.url, '--store', store]);
    const identical = same(`queued-${n}`, 'local');
    const identicalToOneThread = same(`queued-${n}`, 'local-1');
    runs.push({ workers: n, seconds, speedup: localSeconds / seconds, identical, identicalToOneThread });
    console.log(
      `${n} worker(s): ${seconds.toFixed(1)} s, ${(localSeconds / seconds).toFixed(2)}x the local run, identical results: ${identical} (to the one-thread local run: ${identicalToOneThread})`,
    );
  } finally {
    for (const w of workers) w.kill('SIGKILL');
    await redis.stop();
  }
}
rmSync(work, { recursive: true, force: true });

const markdown = [
  `Main job \`qfcn ${base.join(' ')}\` on ${availableParallelism()} cores: local vs the Redis queue with local workers of 1 thread each.`,
  '',
  '| run | wall time | vs local | same rows and models as local | … as local on 1 thread |',
  '|---|---|---|---|---|',
  `| local (all cores) | ${localSeconds.toFixed(1)} s | 1.00x | — | ${oneThreadIdentical ? 'yes' : 'no'} |`,
  `| local, QFCN_NATIVE_THREADS=1 | ${oneThreadSeconds.toFixed(1)} s | ${(localSeconds / oneThreadSeconds).toFixed(2)}x | ${oneThreadIdentical ? 'yes' : 'no'} | — |`,
  ...runs.map(
    (r) =>
      `| queue, ${r.workers} worker(s) × 1 thread | ${r.seconds.toFixed(1)} s | ${r.speedup.toFixed(2)}x | ${r.identical ? 'yes' : 'no'} | ${r.identicalToOneThread ? 'yes' : 'no'} |`,
  ),
].join('\n');
write({
  args: base,
  cores: availableParallelism(),
  localSeconds,
  oneThreadSeconds,
  oneThreadIdentical,
  runs,
  markdown,
});
