// Throughput of @qfcn/quantize on 10M weights: power-of-two quantization, encoding to codes,
// bit-packing/unpacking, and the whole packed-file round trip; plus a numpy peer of
// quantizePowerOfTwo run in the same process tree (its output must match ours bit for bit).
//
//   pnpm --filter @qfcn/quantize build && pnpm bench quantize
//
// Writes benchmarks/results/quantize.json ({ markdown, ...numbers }). Each figure is the best of
// REPEATS runs, in wall and in CPU time; on a shared machine run the script more than once and
// keep the better run.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  crc32,
  packCodes,
  packWeights,
  powerOfTwoQuantizer,
  quantizePowerOfTwo,
  unpackCodes,
  unpackWeights,
} from '@qfcn/quantize';
import { gaussianWeights } from '@qfcn/quantize/test';

const here = dirname(fileURLToPath(import.meta.url));
const COUNT = 10_000_000;
const BITS = 5;
const REPEATS = Number(process.env.REPEATS ?? 5);
const PYTHON = process.env.PYTHON ?? '/usr/bin/python3';

const weights = gaussianWeights(COUNT, { seed: 1, std: 0.05 });
const floatMB = (COUNT * 4) / 1e6;

/** Best wall time and best CPU time (user + system of this process) over REPEATS runs. */
function best(fn) {
  let seconds = Infinity;
  let cpuSeconds = Infinity;
  let result;
  for (let r = 0; r < REPEATS; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    result = fn();
    seconds = Math.min(seconds, (performance.now() - t0) / 1000);
    const c = process.cpuUsage(c0);
    cpuSeconds = Math.min(cpuSeconds, (c.user + c.system) / 1e6);
  }
  return { seconds, cpuSeconds, result };
}

const quantizer = powerOfTwoQuantizer({ bits: BITS });
const rows = [];
const record = (name, { seconds, cpuSeconds }, note = '') => {
  rows.push({ name, seconds, cpuSeconds, weightsPerSecond: COUNT / seconds, floatMBps: floatMB / seconds, note });
};

const q = best(() => quantizePowerOfTwo(weights, { bits: BITS }));
record(`quantizePowerOfTwo (${BITS} bit)`, q);
const params = quantizer.calibrate(weights);
const enc = best(() => quantizer.encode(q.result, params));
record('encode → codes', enc);
const pack = best(() => packCodes(enc.result, BITS));
record(`packCodes (${BITS} bit)`, pack, `${(pack.result.length / 1e6).toFixed(2)} MB out`);
const unpack = best(() => unpackCodes(pack.result, BITS, COUNT));
record('unpackCodes', unpack);
const dec = best(() => quantizer.decode(unpack.result, params));
record('decode codes → float32', dec);
const tensors = [{ name: 'w', shape: [COUNT], values: q.result, quantization: params }];
const file = best(() => packWeights(tensors));
record('packWeights (encode + level check + pack + CRC-32)', file, `${(file.result.length / 1e6).toFixed(2)} MB file`);
const back = best(() => unpackWeights(file.result));
record('unpackWeights (CRC-32 + unpack + decode)', back);
const crc = best(() => crc32(file.result));
rows.push({
  name: 'crc32 (of the packed file)',
  seconds: crc.seconds,
  cpuSeconds: crc.cpuSeconds,
  note: `${(file.result.length / 1e6 / crc.seconds).toFixed(0)} MB/s of file bytes`,
});

// correctness of what was timed
const restored = back.result.tensors[0].values;
for (let i = 0; i < COUNT; i++) {
  if (restored[i] !== q.result[i] || dec.result[i] !== q.result[i]) throw new Error(`round trip differs at ${i}`);
}
const ourCrc = crc32(new Uint8Array(q.result.buffer));

// numpy peer
let peer = null;
const dir = mkdtempSync(join(tmpdir(), 'qfcn-quantize-bench-'));
try {
  const input = join(dir, 'weights.f32');
  writeFileSync(input, new Uint8Array(weights.buffer));
  const run = spawnSync(PYTHON, [join(here, 'quantize_peer.py'), input, String(BITS), String(REPEATS)], {
    encoding: 'utf8',
  });
  if (run.status === 0) peer = JSON.parse(run.stdout.trim().split('\n').pop());
  else console.error(`numpy peer failed (${PYTHON}): ${run.stderr}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (peer) {
  if (peer.n1 !== params.n1) throw new Error(`numpy n1 ${peer.n1} differs from ours ${params.n1}`);
  if (peer.crc32 !== ourCrc) throw new Error(`numpy output CRC-32 ${peer.crc32} differs from ours ${ourCrc}`);
}

const fmt = (x, d = 1) => x.toFixed(d);
let markdown = `Power-of-two (INQ) quantization and packing of ${COUNT / 1e6}M float32 weights (Gaussian, σ = 0.05, ${BITS} bits; n1 = ${params.n1}), best of ${REPEATS}, Node ${process.version}.\n\n`;
markdown +=
  '| operation | wall ms | CPU ms | weights/s (M, wall) | float32 MB/s (wall) | note |\n|---|---:|---:|---:|---:|---|\n';
for (const r of rows) {
  markdown += `| ${r.name} | ${fmt(r.seconds * 1000)} | ${fmt(r.cpuSeconds * 1000)} | ${r.weightsPerSecond ? fmt(r.weightsPerSecond / 1e6) : ''} | ${r.floatMBps ? fmt(r.floatMBps, 0) : ''} | ${r.note} |\n`;
}
if (peer) {
  markdown += `| numpy ${peer.numpy} quantize (peer) | ${fmt(peer.seconds * 1000)} | ${fmt(peer.cpuSeconds * 1000)} | ${fmt(COUNT / peer.seconds / 1e6)} | ${fmt(floatMB / peer.seconds, 0)} | same output bit for bit (CRC-32 0x${ourCrc.toString(16)}) |\n`;
  markdown += `\nquantizePowerOfTwo vs numpy: **${fmt(peer.seconds / q.seconds, 2)}×** numpy's speed in wall time, ${fmt(peer.cpuSeconds / q.cpuSeconds, 2)}× in CPU time (>1 = faster). CPU time is the steadier figure on a shared machine.\n`;
} else {
  markdown += '\nnumpy peer not run (python3 with numpy not found).\n';
}
markdown += `\nPacked size: ${(file.result.length / 1e6).toFixed(2)} MB for ${floatMB.toFixed(0)} MB of float32 (${fmt((floatMB * 1e6) / file.result.length, 2)}×; 32/${BITS} = ${fmt(32 / BITS, 2)}).\n`;

console.log(markdown);
const result = {
  markdown,
  count: COUNT,
  bits: BITS,
  repeats: REPEATS,
  node: process.version,
  operations: Object.fromEntries(
    rows.map((r) => [
      r.name,
      {
        seconds: r.seconds,
        cpuSeconds: r.cpuSeconds,
        weightsPerSecond: r.weightsPerSecond ?? null,
        floatMBps: r.floatMBps ?? null,
      },
    ]),
  ),
  quantizeWeightsPerSecond: COUNT / q.seconds,
  packedBytes: file.result.length,
  peer: peer
    ? {
        numpy: peer.numpy,
        seconds: peer.seconds,
        cpuSeconds: peer.cpuSeconds,
        weightsPerSecond: COUNT / peer.seconds,
        speedRatio: peer.seconds / q.seconds,
        cpuSpeedRatio: peer.cpuSeconds / q.cpuSeconds,
        sameOutput: true,
      }
    : null,
};
mkdirSync(join(here, 'results'), { recursive: true });
const out = join(here, 'results', 'quantize.json');
writeFileSync(`${out}.tmp`, JSON.stringify(result, null, 2));
renameSync(`${out}.tmp`, out);
