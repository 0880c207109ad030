/**
 * @qfcn/metrics/test — fixtures for users' tests: hand-computed 5x5 textbook cases, a helper that
 * builds label maps from readable rows, and a seeded GlaS-like synthetic pair generator.
 */
export { labelMapFromRows } from './rows';
export { textbookCases, type TextbookCase } from './textbook';
export { mulberry32 } from './mulberry32';
export { syntheticGlandPair, type SyntheticGlandOptions } from './synthetic';
