export { main, commands } from './main';
export type { Command, Io } from './command';
export { createProgress, type ProgressDisplay } from './progress';
export { pairFiles, type FilePair } from './commands/pairFiles';
export {
  runReproduction,
  type ReproductionResult,
  type ResultRow,
  type RunReproductionHooks,
} from './reproduce/runReproduction';
export type { ReproduceOptions } from './reproduce/options';
export { renderChart } from './report/renderChart';
