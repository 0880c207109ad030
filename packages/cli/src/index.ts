export { main, commands } from './main';
export type { Command, Io } from './command';
export {
  runReproduction,
  type ReproductionResult,
  type ResultRow,
  type RunReproductionHooks,
} from './reproduce/runReproduction';
export type { ReproduceOptions } from './reproduce/options';
