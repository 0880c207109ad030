import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LabelMap } from '@qfcn/contract';
import { readLabelMap } from '@qfcn/data';
import { main } from '../main';
import { capture, folderDataset } from '../testing';

/** A folder dataset of six 48x48 synthetic gland images: `<id>.png` + `<id>_label.png`. */
const sixImages = () => folderDataset(6, 40, 'qfcn-cmd-');

describe('qfcn train → suggest → quantize → predict → evaluate on 6 images of 48x48', () => {
  it('every command runs, writes what it says and exits 0', async () => {
    const data = sixImages();
    const work = mkdtempSync(join(tmpdir(), 'qfcn-cmd-out-'));
    const model = join(work, 'model');
    const common = ['--backend', 'wasm', '--quiet'];

    let io = capture();
    expect(
      await main(
        [
          'train',
          '--data',
          data,
          '--out',
          model,
          '--preset',
          'tiny',
          '--members',
          '2',
          '--epochs',
          '2',
          '--crop',
          '32',
          ...common,
        ],
        io,
      ),
    ).toBe(0);
    expect(existsSync(join(model, 'ensemble.json'))).toBe(true);
    expect(existsSync(join(model, 'member-1', 'model.json'))).toBe(true);

    io = capture();
    expect(
      await main(
        [
          'suggest',
          '--model',
          model,
          '--images',
          data,
          '--annotated',
          'img0,img1',
          '--candidates',
          '3',
          '--picks',
          '2',
          '--json',
          ...common,
        ],
        io,
      ),
    ).toBe(0);
    const suggestion = JSON.parse(io.stdout);
    expect(suggestion.suggested).toHaveLength(2);
    expect(suggestion.candidates).toHaveLength(3);
    for (const s of suggestion.suggested) {
      expect(['img2', 'img3', 'img4', 'img5']).toContain(s.id);
      expect(suggestion.candidates).toContain(s.id);
      expect(s.uncertainty).toBeGreaterThanOrEqual(0);
    }

    const q = join(work, 'model-5bit');
    io = capture();
    // without --quiet: the size table on stdout (with --quiet nothing is printed)
    expect(await main(['quantize', '--model', model, '--bits', '5', '--out', q, '--backend', 'wasm'], io)).toBe(0);
    expect(io.stdout).toMatch(/quantized tensors.*6\.40×/);
    expect(existsSync(join(q, 'member-0.qfcnq'))).toBe(true);

    const pred = join(work, 'pred');
    io = capture();
    expect(await main(['predict', '--model', q, '--images', data, '--out', pred, '--tile', '48', ...common], io)).toBe(
      0,
    );
    const written = readdirSync(pred).sort();
    expect(written.filter((f) => f.endsWith('_instances.png'))).toHaveLength(6);
    expect(written.filter((f) => f.endsWith('_overlay.png'))).toHaveLength(6);
    const instances = readLabelMap(join(pred, 'img3_instances.png'));
    expect([instances.width, instances.height]).toEqual([48, 48]);

    io = capture();
    expect(await main(['evaluate', '--pred', pred, '--gt', data, '--json', '-', '--quiet'], io)).toBe(0);
    const scores = JSON.parse(io.stdout).groups.all;
    expect(scores.numImages).toBe(6);
    expect(scores.pooled.f1).toBeGreaterThanOrEqual(0);
    expect(scores.pooled.f1).toBeLessThanOrEqual(1);
  }, 600_000);

  it('train --bits 5, 2 members, run again after it finished (members loaded from their checkpoints): the same .qfcnq bytes for both members', async () => {
    const data = sixImages();
    const work = mkdtempSync(join(tmpdir(), 'qfcn-cmd-inq-'));
    const out = join(work, 'model');
    const args = [
      'train',
      '--data',
      data,
      '--out',
      out,
      '--preset',
      'tiny',
      '--members',
      '2',
      '--epochs',
      '1',
      '--epochs-per-step',
      '1',
      '--crop',
      '32',
      '--bits',
      '5',
      '--backend',
      'wasm',
      '--quiet',
    ];
    expect(await main(args, capture())).toBe(0);
    const first = [0, 1].map((i) => readFileSync(join(out, `member-${i}.qfcnq`)));
    rmSync(out, { recursive: true });
    expect(existsSync(`${out}.checkpoints`)).toBe(true);
    const io = capture();
    expect(await main(args, io)).toBe(0);
    for (const i of [0, 1]) expect(readFileSync(join(out, `member-${i}.qfcnq`)).equals(first[i]!)).toBe(true);

    // the same folder shipped with packed weights only (member-<i>/ keeps model.json): predict and
    // suggest load it, and predict writes the same instances as with the float32 copy of the levels
    const packedOnly = join(work, 'packed-only');
    cpSync(out, packedOnly, { recursive: true });
    for (const i of [0, 1]) {
      for (const f of readdirSync(join(packedOnly, `member-${i}`)))
        if (f !== 'model.json') rmSync(join(packedOnly, `member-${i}`, f));
    }
    const labels: Record<string, LabelMap> = {};
    for (const [name, model] of [
      ['full', out],
      ['packed', packedOnly],
    ] as const) {
      const pred = join(work, `pred-${name}`);
      expect(
        await main(
          [
            'predict',
            '--model',
            model,
            '--images',
            data,
            '--out',
            pred,
            '--format',
            'png',
            '--no-overlay',
            '--backend',
            'wasm',
            '--quiet',
          ],
          capture(),
        ),
        name,
      ).toBe(0);
      labels[name] = readLabelMap(join(pred, 'img3_instances.png'));
    }
    expect(Array.from(labels.packed!.data)).toEqual(Array.from(labels.full!.data));
    const sio = capture();
    expect(
      await main(
        [
          'suggest',
          '--model',
          packedOnly,
          '--images',
          data,
          '--annotated',
          'img0',
          '--K',
          '2',
          '--k',
          '1',
          '--json',
          '--backend',
          'wasm',
          '--quiet',
        ],
        sio,
      ),
    ).toBe(0);
    expect(JSON.parse(sio.stdout).suggested).toHaveLength(1);
  }, 600_000);

  it('bad input: unknown preset, bits 9, missing --data, model folder without a model, reproduce --lr 0 / 1.5 / -2e-3 → exit 2 with the reason', async () => {
    const data = sixImages();
    const empty = mkdtempSync(join(tmpdir(), 'qfcn-empty-'));
    mkdirSync(join(empty, 'x'));
    let io = capture();
    expect(
      await main(
        ['train', '--data', data, '--out', join(empty, 'm'), '--preset', 'huge', '--backend', 'wasm', '--quiet'],
        io,
      ),
    ).toBe(2);
    expect(io.stderr).toMatch(/preset/);
    io = capture();
    expect(await main(['quantize', '--model', empty, '--bits', '9', '--out', join(empty, 'q')], io)).toBe(2);
    expect(io.stderr).toMatch(/--bits must be an integer in 2\.\.8/);
    io = capture();
    expect(await main(['train', '--out', join(empty, 'm')], io)).toBe(2);
    expect(io.stderr).toMatch(/missing required option --data/);
    io = capture();
    expect(
      await main(
        ['predict', '--model', empty, '--images', data, '--out', join(empty, 'p'), '--backend', 'wasm', '--quiet'],
        io,
      ),
    ).toBe(2);
    expect(io.stderr).toMatch(/not a qfcn model folder/);
    // suggest checks its numbers before it loads the model (the empty folder would fail later)
    for (const [flag, value] of [
      ['--picks', '0'],
      ['--candidates', '2.5'],
      ['--tile', '0'],
    ] as const) {
      io = capture();
      expect(
        await main(['suggest', '--model', empty, '--images', data, flag, value, '--backend', 'wasm', '--quiet'], io),
        `${flag} ${value}`,
      ).toBe(2);
      expect(io.stderr).toMatch(new RegExp(`${flag} must be a positive integer`));
    }
    // the paper's names still work (the packed-model case above uses them), but not together with the new ones
    io = capture();
    expect(await main(['suggest', '--model', empty, '--images', data, '--k', '2', '--picks', '2', '--quiet'], io)).toBe(
      2,
    );
    expect(io.stderr).toMatch(/--k is the old name of --picks: give one of them/);
    for (const [flag, message] of [
      ['--synthetic=20,8', /--synthetic expects three whole counts/],
      ['--synthetic=4,8,4', /train ≥ 5/],
      ['--synthetic=20,8,0.5', /--synthetic expects three whole counts/],
    ] as const) {
      io = capture();
      expect(await main(['reproduce', flag, '--out', join(empty, 'r'), '--quiet'], io), flag).toBe(2);
      expect(io.stderr).toMatch(message);
    }
    io = capture();
    expect(
      await main(['reproduce', '--synthetic=20,8,4', '--data', data, '--out', join(empty, 'r'), '--quiet'], io),
    ).toBe(2);
    expect(io.stderr).toMatch(/--synthetic sizes the embedded dataset; it does nothing with --data/);
    for (const lr of ['0', '1.5', '-2e-3']) {
      io = capture();
      expect(await main(['reproduce', `--lr=${lr}`, '--out', join(empty, 'r'), '--quiet'], io)).toBe(2);
      expect(io.stderr).toMatch(/--lr.*learning rate in \(0, 1\)/);
    }
  }, 120_000);
});
