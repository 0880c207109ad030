import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildFailure, loadAddon } from './loadAddon';
import { nativeBuilt, skipReason } from './testing/nativeSuite';

describe('loadAddon', () => {
  it('answers the same object on every call', () => {
    expect(loadAddon()).toBe(loadAddon());
  });
  it('without an addon, the reason is one line', () => {
    const { addon, reason } = loadAddon();
    if (addon === null) expect(reason).not.toContain('\n');
    expect(reason.length).toBeGreaterThan(0);
  });
});

describe(`loadAddon with the addon built${skipReason}`, () => {
  it.skipIf(!nativeBuilt)('info() reports oneDNN 2.x, an ISA and the thread count set', () => {
    const { addon } = loadAddon();
    addon!.setThreads(2);
    expect(addon!.info()).toEqual({
      threads: 2,
      onednn: expect.stringMatching(/^2\.\d+\.\d+$/),
      isa: expect.any(String),
    });
  });
  it.skipIf(!nativeBuilt)('the addon checks array lengths and types before touching memory', () => {
    const { addon } = loadAddon();
    const params = Int32Array.from([1, 3, 3, 1, 3, 3, 1, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0]);
    const x = new Float32Array(9),
      y = new Float32Array(9);
    expect(() => addon!.conv2d(params, 0, x, new Float32Array(3), null, y)).toThrow(
      'qfcn-native: filter has 3 elements, expected 9',
    );
    expect(() =>
      addon!.conv2d(params, 0, new Float64Array(9) as unknown as Float32Array, new Float32Array(9), null, y),
    ).toThrow('x must be a Float32Array');
    expect(() => addon!.conv2d(params.subarray(0, 5), 0, x, x, null, y)).toThrow('params has 5 elements, expected 20');
    expect(() => addon!.setThreads(0)).toThrow('threads must be an integer in 1..4096');
  });
});

describe('buildFailure (why the addon is missing)', () => {
  const root = () => mkdtempSync(join(tmpdir(), 'qfcn-native-root-'));
  it('no native-build.json: the install script never ran — names pnpm approve-builds and the rebuild command', () => {
    expect(buildFailure(root())).toMatch(
      /install script never ran — pnpm 10 .*pnpm approve-builds, then pnpm rebuild @qfcn\/backend-native/,
    );
  });
  it('a recorded failure is repeated as recorded; a recorded success with no file says a rebuild may be running', () => {
    const failed = root();
    writeFileSync(join(failed, 'native-build.json'), JSON.stringify({ ok: false, reason: 'oneDNN headers not found' }));
    expect(buildFailure(failed)).toBe('oneDNN headers not found');
    const built = root();
    writeFileSync(join(built, 'native-build.json'), JSON.stringify({ ok: true }));
    expect(buildFailure(built)).toMatch(/missing although the last build succeeded/);
  });
});
