import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeBmp, generateSyntheticSample, geoJSONToLabelMap, readLabelMap, writePng } from '@qfcn/data';
import type { LabelMap } from '@qfcn/contract';
import { main } from '../main';
import { capture, folderDataset } from '../testing';

const IDS = ['img0', 'img1', 'img2', 'img3', 'img4'];
/** Fixed post-processing, so that only the probabilities differ between runs. */
const fixed = [
  '--object-threshold',
  '0.5',
  '--marker-threshold',
  '0.5',
  '--contour-threshold',
  '0.5',
  '--min-area',
  '1',
];

/** Pixel count of each non-zero label. */
function areas(m: LabelMap): Map<number, number> {
  const out = new Map<number, number>();
  for (const v of m.data) if (v !== 0) out.set(v, (out.get(v) ?? 0) + 1);
  return out;
}

describe('qfcn predict flags (a tiny model trained once on five 48x48 images)', () => {
  let data: string;
  let model: string;
  const common = ['--backend', 'wasm', '--quiet'];

  /** Runs `qfcn predict` into a fresh folder; returns the exit code, the folder, its sorted files and the output. */
  async function predict(flags: string[]) {
    const out = mkdtempSync(join(tmpdir(), 'qfcn-predict-out-'));
    const io = capture();
    const code = await main(['predict', '--model', model, '--images', data, '--out', out, ...common, ...flags], io);
    return { code, out, io, files: code === 0 ? readdirSync(out).sort() : [] };
  }

  beforeAll(async () => {
    data = folderDataset(IDS.length, 70, 'qfcn-predict-data-');
    model = join(mkdtempSync(join(tmpdir(), 'qfcn-predict-model-')), 'model');
    const io = capture();
    const code = await main(
      ['train', '--data', data, '--out', model, '--preset', 'tiny', '--epochs', '3', '--crop', '32', ...common],
      io,
    );
    if (code !== 0) throw new Error(`qfcn train failed (${code}): ${io.stderr}`);
  }, 120_000);

  it('a.png and a.bmp in one folder: an error naming both files, nothing written', async () => {
    const images = mkdtempSync(join(tmpdir(), 'qfcn-predict-dup-'));
    const s = generateSyntheticSample({ width: 48, height: 48, seed: 3 });
    writePng(join(images, 'a.png'), s.image);
    writeFileSync(join(images, 'a.bmp'), encodeBmp(s.image));
    const out = join(mkdtempSync(join(tmpdir(), 'qfcn-predict-dup-out-')), 'p');
    const io = capture();
    expect(await main(['predict', '--model', model, '--images', images, '--out', out, ...common], io)).not.toBe(0);
    expect(io.stderr).toMatch(/a\.bmp and a\.png have the same id 'a'/);
    expect(existsSync(out)).toBe(false);
  });

  it("a temporary left by a killed run (dead pid) is removed from --out; a live process's temporary is kept", async () => {
    const out = mkdtempSync(join(tmpdir(), 'qfcn-predict-stale-'));
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    const stale = `.img0_instances.png.tmp-${dead}-lq3k2a-0`;
    const live = `.img0_overlay.png.tmp-${process.pid}-lq3k2a-1`;
    writeFileSync(join(out, stale), 'part of a png');
    writeFileSync(join(out, live), 'being written');
    const io = capture();
    expect(
      await main(['predict', '--model', model, '--images', data, '--out', out, '--format', 'png', ...common], io),
    ).toBe(0);
    const files = readdirSync(out);
    expect(files).not.toContain(stale);
    expect(files).toContain(live);
    expect(files.filter((f) => f.startsWith('.'))).toEqual([live]);
  });

  it('--format png writes only PNGs (instance maps and overlays), no GeoJSON', async () => {
    const { code, files } = await predict(['--format', 'png']);
    expect(code).toBe(0);
    expect(files.every((f) => f.endsWith('.png'))).toBe(true);
    expect(files.filter((f) => f.endsWith('_instances.png'))).toEqual(IDS.map((id) => `${id}_instances.png`));
    expect(files.filter((f) => f.endsWith('_overlay.png'))).toHaveLength(IDS.length);
  });

  it('--format geojson writes no instance PNG; with --no-overlay only .geojson files', async () => {
    let r = await predict(['--format', 'geojson', '--no-overlay']);
    expect(r.code).toBe(0);
    expect(r.files).toEqual(IDS.map((id) => `${id}_instances.geojson`));
    r = await predict(['--format', 'geojson']);
    expect(r.code).toBe(0);
    expect(r.files.filter((f) => f.endsWith('_instances.png'))).toEqual([]);
    expect(r.files.filter((f) => f.endsWith('_instances.geojson'))).toHaveLength(IDS.length);
  });

  it('--format both (the default): PNG and GeoJSON per image, and the GeoJSON converts back to exactly the PNG label map', async () => {
    const { code, out, files } = await predict([]);
    expect(code).toBe(0);
    expect(files).toEqual(
      IDS.flatMap((id) => [`${id}_instances.geojson`, `${id}_instances.png`, `${id}_overlay.png`]).sort(),
    );
    let objects = 0;
    for (const id of IDS) {
      const png = readLabelMap(join(out, `${id}_instances.png`));
      const geojson = JSON.parse(readFileSync(join(out, `${id}_instances.geojson`), 'utf8'));
      expect(geojson.type).toBe('FeatureCollection');
      expect(geojson.features).toHaveLength(areas(png).size);
      const back = geoJSONToLabelMap(geojson, { width: png.width, height: png.height });
      expect([back.width, back.height]).toEqual([48, 48]);
      expect(Array.from(back.data)).toEqual(Array.from(png.data));
      objects += areas(png).size;
    }
    expect(objects).toBeGreaterThan(0); // the round trip was checked on real objects
  });

  it('bad flags → exit 2 naming the flag: --overlap 500 --tile 256, --tile 0, --format svg, --object-threshold 1.5, --tta maybe, --min-area=-1', async () => {
    const cases: [string[], RegExp][] = [
      [['--overlap', '500', '--tile', '256'], /--overlap must be an integer in \[0, 256\)/],
      [['--tile', '0'], /--tile must be a positive integer/],
      [['--tile', '0.5'], /--tile must be a positive integer/],
      [['--format', 'svg'], /--format must be png, geojson or both, got 'svg'/],
      [['--object-threshold', '1.5'], /--object-threshold must be in \[0, 1\]/],
      [['--contour-threshold=-0.1'], /--contour-threshold must be in \[0, 1\]/],
      [['--marker-threshold', '2'], /--marker-threshold must be in \[0, 1\]/],
      [['--tta', 'maybe'], /--tta must be on or off/],
      [['--color-match', 'yes'], /--color-match must be on or off, got 'yes'/],
      [['--min-area=-1'], /--min-area must be ≥ 0/],
      [['--split-depth=-0.5'], /--split-depth must be ≥ 0/],
      [['--distance-threshold', '1.5'], /--distance-threshold must be in \[0, 1\]/],
      [['--distance-depth', '1'], /--distance-depth must be in \[0, 1\)/],
      [['--hv-threshold', '1.5'], /--hv-threshold must be in \[0, 1\]/],
      [['--split-depth', '1', '--distance-depth', '0.1'], /--split-depth and --distance-depth .* give one of them/],
    ];
    for (const [flags, message] of cases) {
      const { code, io } = await predict(flags);
      expect(code, flags.join(' ')).toBe(2);
      expect(io.stderr).toMatch(message);
      expect(io.stderr).toMatch(/Usage: qfcn predict/);
    }
  });

  it('--tta on and off both run and write a 48x48 label map per image, and differ (flip-averaged probabilities); --tile 32 --overlap 8 runs too', async () => {
    const maps: Record<string, LabelMap[]> = {};
    for (const flags of [
      ['--tta', 'on'],
      ['--tta', 'off'],
      ['--tile', '32', '--overlap', '8'],
    ]) {
      const { code, out, files } = await predict([...flags, ...fixed, '--format', 'png', '--no-overlay']);
      expect(code, flags.join(' ')).toBe(0);
      expect(files).toEqual(IDS.map((id) => `${id}_instances.png`));
      maps[flags.join(' ')] = IDS.map((id) => readLabelMap(join(out, `${id}_instances.png`)));
      for (const m of maps[flags.join(' ')]!) expect([m.width, m.height]).toEqual([48, 48]);
    }
    const foreground = (ms: LabelMap[]) => ms.map((m) => Array.from(m.data, (v) => (v === 0 ? 0 : 1)).join(''));
    expect(foreground(maps['--tta on']!)).not.toEqual(foreground(maps['--tta off']!));
  });

  it('colour matching saved with the model is used by default, dropped by --color-match off; --color-match on without saved statistics → exit 2', async () => {
    // two copies of the model: one that saved colour statistics far from these images', one without
    const withTarget = join(mkdtempSync(join(tmpdir(), 'qfcn-predict-color-')), 'model');
    const without = join(mkdtempSync(join(tmpdir(), 'qfcn-predict-color-')), 'model');
    for (const dir of [withTarget, without]) cpSync(model, dir, { recursive: true });
    const meta = JSON.parse(readFileSync(join(model, 'ensemble.json'), 'utf8'));
    const colorTarget = { mean: [35, 30, -35], std: [20, 12, 12] };
    writeFileSync(
      join(withTarget, 'ensemble.json'),
      JSON.stringify({ ...meta, inference: { ...meta.inference, colorTarget } }),
    );
    const { colorTarget: _, ...plain } = meta.inference ?? {};
    writeFileSync(join(without, 'ensemble.json'), JSON.stringify({ ...meta, inference: plain }));
    const run = async (dir: string, flags: string[]) => {
      const out = mkdtempSync(join(tmpdir(), 'qfcn-predict-out-'));
      const io = capture();
      const code = await main(
        [
          'predict',
          '--model',
          dir,
          '--images',
          data,
          '--out',
          out,
          ...common,
          ...fixed,
          '--format',
          'png',
          '--no-overlay',
          ...flags,
        ],
        io,
      );
      return {
        code,
        io,
        maps:
          code === 0 ? IDS.map((id) => Array.from(readLabelMap(join(out, `${id}_instances.png`)).data).join(',')) : [],
      };
    };
    const matched = await run(withTarget, []);
    const off = await run(withTarget, ['--color-match', 'off']);
    const raw = await run(without, []);
    expect([matched.code, off.code, raw.code]).toEqual([0, 0, 0]);
    expect(off.maps).toEqual(raw.maps);
    expect(matched.maps).not.toEqual(raw.maps);
    expect((await run(withTarget, ['--color-match', 'on'])).maps).toEqual(matched.maps);
    const refused = await run(without, ['--color-match', 'on']);
    expect(refused.code).toBe(2);
    expect(refused.io.stderr).toMatch(/--color-match on: .* saved no colour statistics/);
  });

  it('--distance-threshold: the default (3-head) model seeds with it; a --heads 2 model has no distance map: an error naming it, no output', async () => {
    expect((await predict(['--distance-threshold', '0.5', '--format', 'png', '--no-overlay'])).code).toBe(0);
    const twoHeads = join(mkdtempSync(join(tmpdir(), 'qfcn-predict-model-')), 'model');
    const flags = ['--preset', 'tiny', '--epochs', '1', '--crop', '32', '--heads', '2', ...common];
    expect(await main(['train', '--data', data, '--out', twoHeads, ...flags], capture())).toBe(0);
    const out = mkdtempSync(join(tmpdir(), 'qfcn-predict-out-'));
    const io = capture();
    const args = [
      'predict',
      '--model',
      twoHeads,
      '--images',
      data,
      '--out',
      out,
      ...common,
      '--distance-threshold',
      '0.5',
    ];
    expect(await main(args, io)).not.toBe(0);
    expect(io.stderr).toMatch(/distanceThreshold.*no distance map/);
    expect(readdirSync(out).filter((f) => f.endsWith('.png'))).toEqual([]);
  });

  it('--split-depth: cutting seeds at necks never adds foreground (a hole between two parts may stay open) and with depth 0.5 gives more instances here', async () => {
    const fixed = [
      '--object-threshold',
      '0.5',
      '--contour-threshold',
      '0.5',
      '--min-area',
      '1',
      '--format',
      'png',
      '--no-overlay',
    ];
    const run = async (depth: string) => {
      const { code, out } = await predict([...fixed, '--split-depth', depth]);
      expect(code).toBe(0);
      return IDS.map((id) => readLabelMap(join(out, `${id}_instances.png`)));
    };
    const whole = await run('0');
    const split = await run('0.5');
    const count = (ms: LabelMap[]) => ms.reduce((s, m) => s + areas(m).size, 0);
    expect(count(split)).toBeGreaterThan(count(whole));
    split.forEach((m, k) => {
      const added = Array.from(m.data).filter((v, i) => v !== 0 && whole[k]!.data[i] === 0).length;
      expect(added, IDS[k]).toBe(0);
    });
  });

  it('--distance-depth: cutting seeds between peaks of the distance map never adds foreground and gives at least as many instances', async () => {
    const fixed = ['--object-threshold', '0.5', '--contour-threshold', '0.5', '--min-area', '1', '--format', 'png'];
    const run = async (depth: string) => {
      const { code, out } = await predict([...fixed, '--no-overlay', '--distance-depth', depth]);
      expect(code).toBe(0);
      return IDS.map((id) => readLabelMap(join(out, `${id}_instances.png`)));
    };
    const whole = await run('0');
    const split = await run('0.02');
    const count = (ms: LabelMap[]) => ms.reduce((s, m) => s + areas(m).size, 0);
    expect(count(split)).toBeGreaterThanOrEqual(count(whole));
    split.forEach((m, k) => {
      const added = Array.from(m.data).filter((v, i) => v !== 0 && whole[k]!.data[i] === 0).length;
      expect(added, IDS[k]).toBe(0);
    });
  });

  it('--distance-depth replaces a saved splitDepth and --split-depth a saved distanceDepth (saved together they conflict)', async () => {
    const copy = join(mkdtempSync(join(tmpdir(), 'qfcn-predict-saved-')), 'model');
    cpSync(model, copy, { recursive: true });
    const meta = JSON.parse(readFileSync(join(copy, 'ensemble.json'), 'utf8'));
    const run = async (instances: object, flags: string[]) => {
      writeFileSync(
        join(copy, 'ensemble.json'),
        JSON.stringify({ ...meta, instances: { ...meta.instances, ...instances } }),
      );
      const out = mkdtempSync(join(tmpdir(), 'qfcn-predict-saved-out-'));
      const io = capture();
      const code = await main(
        [
          'predict',
          '--model',
          copy,
          '--images',
          data,
          '--out',
          out,
          '--format',
          'png',
          '--no-overlay',
          ...common,
          ...flags,
        ],
        io,
      );
      return { code, io };
    };
    expect((await run({ splitDepth: 2 }, ['--distance-depth', '0.1'])).code).toBe(0);
    expect((await run({ distanceDepth: 0.1 }, ['--split-depth', '1'])).code).toBe(0);
    const both = await run({ splitDepth: 2, distanceDepth: 0.1 }, []);
    expect(both.code).not.toBe(0);
    expect(both.io.stderr).toMatch(/distanceDepth.*splitDepth/);
  });

  it('--min-area: a bigger minimum area never gives more instances, and every instance is at least that large', async () => {
    const counts: number[] = [];
    for (const minArea of [0, 8, 32, 128, 100000]) {
      const { code, out } = await predict(['--min-area', String(minArea), '--format', 'png', '--no-overlay']);
      expect(code).toBe(0);
      let count = 0;
      for (const id of IDS) {
        const a = areas(readLabelMap(join(out, `${id}_instances.png`)));
        for (const area of a.values()) expect(area).toBeGreaterThanOrEqual(minArea);
        count += a.size;
      }
      counts.push(count);
    }
    for (let i = 1; i < counts.length; i++)
      expect(counts[i], `min area counts ${counts.join(', ')}`).toBeLessThanOrEqual(counts[i - 1]!);
    expect(counts[0]).toBeGreaterThan(0);
    expect(counts.at(-1)).toBe(0);
  });
});
