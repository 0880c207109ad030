import { relative, resolve } from 'node:path';
import type { ResolvedOptions } from './options';

/**
 * The settings a reproduction's step store compares on resume: the resolved options without the
 * backend (any backend may continue a run), with `data` and `out` written as paths relative to the
 * working directory, so `rp1`, `./rp1/` and its absolute path name one experiment.
 *
 * Details: relative to the working directory rather than absolute, so that queued runs (which work
 * inside the shared store, mounted at different places on different machines) agree.
 *
 * @example
 * new StepStore(o.out, experimentSettings(o));
 */
export function experimentSettings(o: ResolvedOptions): Record<string, unknown> {
  return { ...o, backend: undefined, out: samePath(o.out), data: o.data === undefined ? undefined : samePath(o.data) };
}

function samePath(path: string): string {
  return relative(process.cwd(), resolve(path)) || '.';
}
