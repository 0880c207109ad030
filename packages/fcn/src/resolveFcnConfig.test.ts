import { describe, expect, it } from 'vitest';
import { resolveFcnConfig } from './resolveFcnConfig';

describe('resolveFcnConfig', () => {
  it('default is small: 6 stages 64..256, decoder 16, divisor 32, RGB, seed 0, two heads', () => {
    expect(resolveFcnConfig()).toEqual({
      preset: 'small',
      widthMultiplier: 0.25,
      stages: 6,
      channels: [64, 64, 128, 256, 256, 256],
      decoderChannels: 16,
      inputChannels: 3,
      seed: 0,
      divisor: 32,
      distanceHead: false,
      hvHead: false,
      contourDecoderChannels: 0,
    });
  });

  it('contourDecoderChannels 32 is kept; -1, 2.5 and NaN → InvalidArgumentError naming it', () => {
    expect(resolveFcnConfig({ contourDecoderChannels: 32 }).contourDecoderChannels).toBe(32);
    for (const bad of [-1, 2.5, Number.NaN]) {
      expect(() => resolveFcnConfig({ contourDecoderChannels: bad })).toThrowError(
        /contourDecoderChannels.*must be a non-negative integer/,
      );
    }
  });

  it('distanceHead true is kept; a non-boolean → InvalidArgumentError naming it', () => {
    expect(resolveFcnConfig({ preset: 'tiny', distanceHead: true }).distanceHead).toBe(true);
    expect(() => resolveFcnConfig({ distanceHead: 'yes' as unknown as boolean })).toThrowError(
      /distanceHead.*must be true or false, got yes/,
    );
  });

  it('width 0.1 on paper: channels round to multiples of 4 (25.6→24, 51.2→52, 102.4→104: round(C·w/4)·4), decoder 64·0.1 → 6', () => {
    const c = resolveFcnConfig({ preset: 'paper', widthMultiplier: 0.1 });
    expect(c.channels).toEqual([24, 24, 52, 104, 104, 104]);
    expect(c.decoderChannels).toBe(6);
  });

  it('tiny with 3 stages: divisor 4; width 1/1000 clamps every stage to 4 channels', () => {
    expect(resolveFcnConfig({ preset: 'tiny', stages: 3 }).divisor).toBe(4);
    expect(resolveFcnConfig({ widthMultiplier: 0.001 }).channels).toEqual([4, 4, 4, 4, 4, 4]);
  });

  it('errors: unknown preset lists the valid ones; stages 0 and 7; width 0; 2 input channels', () => {
    expect(() => resolveFcnConfig({ preset: 'large' })).toThrowError(
      "unknown FCN preset 'large'; valid presets are paper, small, tiny",
    );
    expect(() => resolveFcnConfig({ stages: 0 })).toThrowError(/stages.*1\.\.6, got 0/);
    expect(() => resolveFcnConfig({ stages: 7 })).toThrowError(/got 7/);
    expect(() => resolveFcnConfig({ widthMultiplier: 0 })).toThrowError(/widthMultiplier/);
    expect(() => resolveFcnConfig({ inputChannels: 2 as 3 })).toThrowError(/inputChannels/);
  });
});
