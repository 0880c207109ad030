import { hashInts } from '@qfcn/internal';

/** A seed for tfjs initialisers: a positive 31-bit integer (tfjs treats a seed of 0 as "unseeded"). */
export function initializerSeed(...values: number[]): number {
  return (hashInts(...values) % 2147483646) + 1;
}
