import { deriveSeed, hashInts } from '@qfcn/internal';

/** The seeds of ensemble member `member`: weight init, bootstrap resample, training (crops, order). */
export function memberSeeds(seed: number, member: number): { init: number; resample: number; train: number } {
  return {
    init: deriveSeed(seed, member, 0x1417),
    resample: hashInts(seed, member, 0xb007),
    train: deriveSeed(seed, member, 0x7a19),
  };
}
