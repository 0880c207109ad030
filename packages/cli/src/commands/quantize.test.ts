import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../main';
import { capture, folderDataset } from '../testing';

let model = '';
let work = '';

beforeAll(async () => {
  const data = folderDataset(5, 70, 'qfcn-q-data-');
  work = mkdtempSync(join(tmpdir(), 'qfcn-q-'));
  model = join(work, 'model');
  const code = await main(
    [
      'train',
      '--data',
      data,
      '--out',
      model,
      '--preset',
      'tiny',
      '--epochs',
      '1',
      '--crop',
      '32',
      '--backend',
      'wasm',
      '--quiet',
    ],
    capture(),
  );
  if (code !== 0) throw new Error('training the fixture model failed');
}, 120_000);

describe('qfcn quantize', () => {
  it('--out equal to --model (even spelled otherwise) is refused, the float model untouched', async () => {
    const before = readFileSync(join(model, 'member-0', 'weights.bin'));
    const io = capture();
    expect(
      await main(['quantize', '--model', model, '--bits', '5', '--out', `${model}/`, '--backend', 'wasm'], io),
    ).toBe(2);
    expect(io.stderr).toMatch(/--out must not be the --model folder/);
    expect(readFileSync(join(model, 'member-0', 'weights.bin')).equals(before)).toBe(true);
  });

  it('an --out holding files is refused unless --force; --quiet prints nothing; the fitted post-processing is kept', async () => {
    const out = join(work, 'q5');
    mkdirSync(out);
    writeFileSync(join(out, 'member-0.qfcnq'), 'old');
    let io = capture();
    expect(
      await main(['quantize', '--model', model, '--bits', '5', '--out', out, '--backend', 'wasm', '--quiet'], io),
    ).toBe(2);
    expect(io.stderr).toMatch(/already holds files/);
    io = capture();
    expect(
      await main(
        ['quantize', '--model', model, '--bits', '5', '--out', out, '--force', '--backend', 'wasm', '--quiet'],
        io,
      ),
    ).toBe(0);
    expect(io.stdout + io.stderr).toBe('');
    expect(readFileSync(join(out, 'member-0.qfcnq')).toString('latin1')).not.toBe('old');
    const saved = JSON.parse(readFileSync(join(out, 'ensemble.json'), 'utf8'));
    const original = JSON.parse(readFileSync(join(model, 'ensemble.json'), 'utf8'));
    expect(saved.instances).toEqual(original.instances);
    expect(Object.keys(saved.instances)).toContain('minArea');
    expect(existsSync(join(out, 'member-0', 'model.json'))).toBe(true);
  }, 60_000);
});
