export { main, commands } from './main';
export type { Command, Io } from './command';
export { createProgress, type ProgressDisplay } from './progress';
export { pairFiles, type FilePair } from './commands/pair-files';
