/**
 * Loader of the committed numpy oracle (test/oracle/quantizers.json, made by
 * test/oracle/quantizers_oracle.py). Used by this package's own tests; not exported.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface OracleCase {
  name: string;
  bits: number;
  values: number[];
  expected: number[];
  n1?: number;
  n2?: number;
  scale?: number;
  threshold?: number;
}

export interface Oracle {
  generator: string;
  powerOfTwo: OracleCase[];
  powerOfTwoLevels: { maxAbs: number; bits: number; n1: number; n2: number }[];
  uniform: OracleCase[];
  ternary: OracleCase[];
  dorefa: OracleCase[];
  partition: { name: string; values: number[]; steps: { portion: number; mask: number[] }[] }[];
  mulberry32: { seed: number; values: number[] }[];
  crc32: { bytes: number[]; crc32: number }[];
}

let cached: Oracle | undefined;

/** The parsed oracle file. */
export function oracle(): Oracle {
  cached ??= JSON.parse(
    readFileSync(fileURLToPath(new URL('../../test/oracle/quantizers.json', import.meta.url)), 'utf8'),
  ) as Oracle;
  return cached;
}
