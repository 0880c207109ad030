import { hashInts } from './hash';

/** The seeds of ensemble member `member`: weight init, bootstrap resample, training (crops, order). */
export function memberSeeds(seed: number, member: number): { init: number; resample: number; train: number } {
  return {
    init: hashInts(seed, member, 0x1417) & 0x7fffffff,
    resample: hashInts(seed, member, 0xb007),
    train: hashInts(seed, member, 0x7a19) & 0x7fffffff,
  };
}
