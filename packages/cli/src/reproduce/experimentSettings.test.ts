import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { experimentSettings } from './experimentSettings';
import { resolveOptions } from './options';

describe('experimentSettings', () => {
  it('rp1, ./rp1/ and the absolute rp1 (and d4 / d4/) are the same settings; another folder is not; backend is left out', () => {
    const at = (out: string, data: string) => experimentSettings(resolveOptions({ out, data, dataset: 'folder' }));
    const base = at('rp1', 'd4');
    expect(at('./rp1/', 'd4/')).toEqual(base);
    expect(at(resolve('rp1'), join(resolve('d4'), '/'))).toEqual(base);
    expect(base).toMatchObject({ out: 'rp1', data: 'd4', backend: undefined });
    expect(at('rp2', 'd4')).not.toEqual(base);
    expect(at('rp1', 'd5')).not.toEqual(base);
    expect(experimentSettings(resolveOptions({ out: '.' }))).toMatchObject({ out: '.', data: undefined });
  });
});
