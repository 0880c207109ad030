import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../main';
import { capture, folderDataset } from '../testing';

/** Five 48x48 synthetic gland images: `<id>.png` + `<id>_label.png` (4 train + 1 validation). */
const fiveImages = (seed = 60) => folderDataset(5, seed, 'qfcn-train-cmd-');

const fast = ['--preset', 'tiny', '--epochs', '1', '--crop', '32', '--backend', 'wasm', '--quiet'];

describe('qfcn train', () => {
  it('bad options are refused (exit 2, naming the flag) before any work', async () => {
    const data = fiveImages();
    const work = mkdtempSync(join(tmpdir(), 'qfcn-train-bad-'));
    const file = join(work, 'file.txt');
    writeFileSync(file, 'x');
    const cases: [string, RegExp][] = [
      ['--bits=9', /--bits must be an integer in 2\.\.8, got 9/],
      ['--bits=1', /--bits must be an integer in 2\.\.8/],
      ['--bits=5.5', /--bits must be an integer in 2\.\.8/],
      ['--members=0', /--members must be a positive integer/],
      ['--steps=0', /--steps must be a positive integer/],
      ['--lr=0', /--lr must be positive/],
      ['--validation=1', /--validation must be in \[0, 1\)/],
      ['--seed=1.5', /--seed must be an integer/],
      ['--crop=-8', /--crop must be a positive integer/],
      ['--decoder-channels=0', /--decoder-channels must be a positive integer/],
      ['--heads=4', /--heads must be 2 or 3, got 4/],
      ['--contour-decoder=0', /--contour-decoder must be a positive integer/],
      ['--average-weights=1', /--average-weights must be a decay in \(0, 1\), got 1/],
      ['--average-weights=x', /--average-weights/],
      ['--tune-on=test', /--tune-on must be validation or all, got 'test'/],
      ['--touching-weight=0', /--touching-weight must be positive, got 0/],
      ['--touching-weight=x', /--touching-weight/],
      ['--inq-lr=0', /--inq-lr must be positive, got 0/],
      ['--inq-lr=1e-5', /--inq-lr needs --bits/],
    ];
    for (const [flag, message] of cases) {
      const io = capture();
      const t0 = performance.now();
      const args = [
        'train',
        '--data',
        data,
        '--out',
        join(work, 'm'),
        '--preset',
        'tiny',
        '--backend',
        'wasm',
        '--quiet',
        flag,
      ];
      expect(await main(args, io)).toBe(2);
      expect(io.stderr).toMatch(message);
      expect(performance.now() - t0).toBeLessThan(5000);
      expect(existsSync(join(work, 'm'))).toBe(false);
    }
    let io = capture();
    expect(
      await main(
        ['train', '--data', data, '--out', join(work, 'm'), ...fast, '--validation', '0', '--tune-on', 'all'],
        io,
      ),
    ).toBe(2);
    expect(io.stderr).toMatch(/--tune-on all needs a validation split/);
    io = capture();
    expect(
      await main(
        ['train', '--data', data, '--out', join(work, 'm'), ...fast, '--bits', '5', '--average-weights', '0.9'],
        io,
      ),
    ).toBe(2);
    expect(io.stderr).toMatch(/--average-weights cannot be combined with --bits/);
    io = capture();
    expect(await main(['train', '--data', file, '--out', join(work, 'm'), ...fast], io)).toBe(2);
    expect(io.stderr).toMatch(/--data .*file\.txt is not a folder/);
    io = capture();
    expect(await main(['train', '--data', data, '--out', file, ...fast], io)).toBe(2);
    expect(io.stderr).toMatch(/--out .*file\.txt is a file/);
    io = capture();
    expect(await main(['train', '--data', data, '--out', join(file, 'm'), ...fast], io)).toBe(2);
    expect(io.stderr).toMatch(/file\.txt is a file/);
  }, 60_000);

  it('an --out folder holding other files is refused unless --force; --quiet prints nothing', async () => {
    const data = fiveImages();
    const out = join(mkdtempSync(join(tmpdir(), 'qfcn-train-force-')), 'model');
    mkdirSync(out);
    writeFileSync(join(out, 'notes.txt'), 'mine');
    let io = capture();
    expect(await main(['train', '--data', data, '--out', out, ...fast], io)).toBe(2);
    expect(io.stderr).toMatch(/already holds files; choose another folder or add --force/);
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('mine');
    // --force replaces a model folder, but never unrelated files: save refuses them
    io = capture();
    expect(await main(['train', '--data', data, '--out', out, '--force', ...fast], io)).not.toBe(0);
    expect(io.stderr).toMatch(/already holds other files \(notes\.txt\)/);
    const clean = join(mkdtempSync(join(tmpdir(), 'qfcn-train-quiet-')), 'model');
    io = capture();
    expect(await main(['train', '--data', data, '--out', clean, ...fast], io)).toBe(0);
    expect(io.stdout).toBe('');
    expect(io.stderr).toBe('');
    expect(existsSync(join(clean, 'ensemble.json'))).toBe(true);
  }, 120_000);

  it('--decoder-channels 12 gives every decoder layer of the tiny FCN 12 filters (the preset has 8)', async () => {
    const data = fiveImages();
    const filtersOf = (model: string) => {
      const json = JSON.parse(readFileSync(join(model, 'member-0', 'model.json'), 'utf8'));
      const layers: { config: { name: string; filters?: number } }[] = json.modelTopology.config.layers;
      return new Set(
        layers.filter((l) => /^(dec\d|fuse_)/.test(l.config.name) && l.config.filters).map((l) => l.config.filters),
      );
    };
    const wide = join(mkdtempSync(join(tmpdir(), 'qfcn-train-decoder-')), 'model');
    expect(await main(['train', '--data', data, '--out', wide, ...fast, '--decoder-channels', '12'], capture())).toBe(
      0,
    );
    expect([...filtersOf(wide)]).toEqual([12]);
    const plain = join(mkdtempSync(join(tmpdir(), 'qfcn-train-decoder-')), 'model');
    expect(await main(['train', '--data', data, '--out', plain, ...fast], capture())).toBe(0);
    expect([...filtersOf(plain)]).toEqual([8]);
  }, 120_000);

  it('--contour-decoder 12: the saved contour and distance heads read contour_dec_a/b of 12 filters (logged), the object head fuse_b; predict runs it', async () => {
    const data = fiveImages();
    const quietless = fast.filter((f) => f !== '--quiet');
    const out = join(mkdtempSync(join(tmpdir(), 'qfcn-train-contour-decoder-')), 'model');
    const io = capture();
    expect(await main(['train', '--data', data, '--out', out, ...quietless, '--contour-decoder', '12'], io)).toBe(0);
    expect(io.stderr).toMatch(/training 1 FCN\(s\) \(tiny, contour decoder 12, distance head\)/);
    const json = JSON.parse(readFileSync(join(out, 'member-0', 'model.json'), 'utf8'));
    const layers: { config: { name: string; filters?: number }; inbound_nodes: [string, number, number][][] }[] =
      json.modelTopology.config.layers;
    const layer = (name: string) => {
      const found = layers.find((l) => l.config.name === name);
      if (!found) throw new Error(`no layer ${name} in the saved model`);
      return found;
    };
    const inputOf = (name: string) => layer(name).inbound_nodes[0]?.[0]?.[0];
    expect(layer('contour_dec_a_conv').config.filters).toBe(12);
    expect(layer('contour_dec_b_conv').config.filters).toBe(12);
    expect(inputOf('contour_logits')).toBe('contour_dec_b_relu');
    expect(inputOf('distance_logits')).toBe('contour_dec_b_relu');
    expect(inputOf('object_logits')).toBe('fuse_b_relu');
    const pred = mkdtempSync(join(tmpdir(), 'qfcn-train-contour-decoder-pred-'));
    const flags = ['--format', 'png', '--no-overlay', '--backend', 'wasm', '--quiet'];
    expect(await main(['predict', '--model', out, '--images', data, '--out', pred, ...flags], capture())).toBe(0);
    expect(existsSync(join(pred, 'img0_instances.png'))).toBe(true);
  }, 120_000);

  it("by default (--heads 3) the saved network has a fourth output, distance, and the log says so; --heads 2 saves the paper's three", async () => {
    const data = fiveImages();
    const quietless = fast.filter((f) => f !== '--quiet');
    const outputsOf = (model: string): string[] =>
      JSON.parse(readFileSync(join(model, 'member-0', 'model.json'), 'utf8')).modelTopology.config.output_layers.map(
        (o: [string, number, number]) => o[0],
      );
    const two = join(mkdtempSync(join(tmpdir(), 'qfcn-train-distance-')), 'model');
    expect(await main(['train', '--data', data, '--out', two, ...fast, '--heads', '2'], capture())).toBe(0);
    expect(outputsOf(two)).toEqual(['object', 'contour', 'descriptor']);
    const out = join(mkdtempSync(join(tmpdir(), 'qfcn-train-distance-')), 'model');
    const io = capture();
    expect(await main(['train', '--data', data, '--out', out, ...quietless], io)).toBe(0);
    expect(io.stderr).toMatch(/training 1 FCN\(s\) \(tiny, distance head\)/);
    expect(outputsOf(out)).toEqual(['object', 'contour', 'descriptor', 'distance']);
    const pred = mkdtempSync(join(tmpdir(), 'qfcn-train-distance-pred-'));
    const flags = ['--format', 'png', '--no-overlay', '--backend', 'wasm', '--quiet', '--distance-threshold', '0.3'];
    expect(await main(['predict', '--model', out, '--images', data, '--out', pred, ...flags], capture())).toBe(0);
    expect(existsSync(join(pred, 'img0_instances.png'))).toBe(true);
  }, 120_000);

  it('--hv-head saves a network whose last output is hv (logged); predict seeds with --hv-threshold; a model without it is refused that flag', async () => {
    const data = fiveImages();
    const quietless = fast.filter((f) => f !== '--quiet');
    const outputsOf = (model: string): string[] =>
      JSON.parse(readFileSync(join(model, 'member-0', 'model.json'), 'utf8')).modelTopology.config.output_layers.map(
        (o: [string, number, number]) => o[0],
      );
    const out = join(mkdtempSync(join(tmpdir(), 'qfcn-train-hv-')), 'model');
    const io = capture();
    expect(await main(['train', '--data', data, '--out', out, ...quietless, '--hv-head'], io)).toBe(0);
    expect(io.stderr).toMatch(/training 1 FCN\(s\) \(tiny, distance head, hv head\)/);
    // the summary gives the validation AJI of the best checkpoint and with what was fitted on it
    expect(io.stderr).toMatch(/validation AJI \d\.\d{3} \(\d\.\d{3} with what was fitted\); post-processing/);
    expect(outputsOf(out)).toEqual(['object', 'contour', 'descriptor', 'distance', 'hv']);
    const pred = mkdtempSync(join(tmpdir(), 'qfcn-train-hv-pred-'));
    const flags = ['--format', 'png', '--no-overlay', '--backend', 'wasm', '--quiet', '--hv-threshold', '0.3'];
    expect(await main(['predict', '--model', out, '--images', data, '--out', pred, ...flags], capture())).toBe(0);
    expect(existsSync(join(pred, 'img0_instances.png'))).toBe(true);
    const plain = join(mkdtempSync(join(tmpdir(), 'qfcn-train-hv-')), 'model');
    expect(await main(['train', '--data', data, '--out', plain, ...fast], capture())).toBe(0);
    const refused = capture();
    const pred2 = mkdtempSync(join(tmpdir(), 'qfcn-train-hv-pred-'));
    expect(await main(['predict', '--model', plain, '--images', data, '--out', pred2, ...flags], refused)).not.toBe(0);
    expect(refused.stderr).toMatch(/hvThreshold.*no hv map/);
  }, 120_000);

  it('--tune-on all fits post-processing on the 5 images (4 training + 1 validation); the default on the 1', async () => {
    const data = fiveImages();
    const quietless = fast.filter((f) => f !== '--quiet');
    const all = join(mkdtempSync(join(tmpdir(), 'qfcn-train-tune-')), 'model');
    let io = capture();
    expect(await main(['train', '--data', data, '--out', all, ...quietless, '--tune-on', 'all'], io)).toBe(0);
    expect(io.stderr).toMatch(/post-processing \(fitted on all 5 images\)/);
    const plain = join(mkdtempSync(join(tmpdir(), 'qfcn-train-tune-')), 'model');
    io = capture();
    expect(await main(['train', '--data', data, '--out', plain, ...quietless], io)).toBe(0);
    expect(io.stderr).toMatch(/post-processing \(fitted on 1 validation image\)/);
  }, 120_000);

  it('--average-weights 0.5 trains with the moving average (part of the run: a rerun without it is refused)', async () => {
    const data = fiveImages();
    const out = join(mkdtempSync(join(tmpdir(), 'qfcn-train-average-')), 'model');
    expect(await main(['train', '--data', data, '--out', out, ...fast, '--average-weights', '0.5'], capture())).toBe(0);
    expect(existsSync(join(out, 'ensemble.json'))).toBe(true);
    const io = capture();
    expect(await main(['train', '--data', data, '--out', out, ...fast], io)).not.toBe(0);
    expect(io.stderr).toMatch(/averageWeights/);
  }, 120_000);

  it('--touching-weight 10 weighs the touching lines (logged; part of the run: a rerun with 5 is refused)', async () => {
    const data = fiveImages();
    const out = join(mkdtempSync(join(tmpdir(), 'qfcn-train-touching-')), 'model');
    let io = capture();
    const logged = fast.filter((f) => f !== '--quiet');
    expect(await main(['train', '--data', data, '--out', out, ...logged, '--touching-weight', '10'], io)).toBe(0);
    expect(io.stderr).toMatch(/touching lines weigh 10/);
    io = capture();
    expect(await main(['train', '--data', data, '--out', out, ...fast, '--touching-weight', '5'], io)).not.toBe(0);
    expect(io.stderr).toMatch(/touchingWeight/);
  }, 120_000);

  it('a rerun with other settings or other pixels under the same ids is refused, naming the difference', async () => {
    const data = fiveImages();
    const out = join(mkdtempSync(join(tmpdir(), 'qfcn-train-stale-')), 'model');
    expect(await main(['train', '--data', data, '--out', out, ...fast], capture())).toBe(0);
    let io = capture();
    expect(await main(['train', '--data', data, '--out', out, ...fast, '--lr', '0.01'], io)).not.toBe(0);
    expect(io.stderr).toMatch(/finished with other settings \(train\.learningRate/);
    const other = fiveImages(90); // same file names, other images
    io = capture();
    expect(await main(['train', '--data', other, '--out', out, ...fast], io)).not.toBe(0);
    expect(io.stderr).toMatch(/other settings \(.*samples/);
    // the same command again is fine (nothing to train)
    expect(await main(['train', '--data', data, '--out', out, ...fast], capture())).toBe(0);
  }, 180_000);
});
