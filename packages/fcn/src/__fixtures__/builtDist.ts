import { builtDistIsFresh as packageDistIsFresh } from '../../../../test-support/builtDist';

/**
 * Whether `dist/` holds a build at least as new as every source file: suites that run built code
 * (worker threads, child processes) skip otherwise, instead of testing stale code.
 */
export function builtDistIsFresh(file = 'index.js'): boolean {
  return packageDistIsFresh('fcn', file);
}
