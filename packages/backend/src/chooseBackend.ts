// What the Node and the browser `initBackend` share: the checks of their common options and the
// choice between a named backend and the 'auto' candidates. Each entry only says how to try one
// backend where it runs.
import { InvalidArgumentError, type BackendChoice, type BackendInfo } from '@qfcn/contract';
import { assertGradients } from './assertGradients';
import { BackendUnavailableError } from './errors';
import { requiredInferenceKernels, requiredTrainingKernels } from './requiredKernels';

/** What trying one backend gave: its info, or why it cannot be used (and the error to throw for it). */
export type BackendOutcome = { ok: true; info: BackendInfo } | { ok: false; reason: string; error: Error };

/** The options both `initBackend`s share. */
export interface CommonBackendOptions {
  readonly check?: 'training' | 'inference' | 'none';
  readonly wasmThreads?: number;
  readonly log?: ((line: string) => void) | false;
}

/**
 * Checks `choice` and the shared options (throwing `InvalidArgumentError` naming the bad one) and
 * returns the kernels the chosen backend must have; with `'training'` also that gradients are
 * registered. `choices` lists the valid names for the message; `maxThreads` bounds `wasmThreads`.
 */
export function checkBackendOptions(
  choice: unknown,
  options: CommonBackendOptions,
  defaults: { readonly check: 'training' | 'inference'; readonly choices: string; readonly maxThreads: number },
): readonly string[] {
  if (typeof choice !== 'string' || choice.length === 0) {
    throw new InvalidArgumentError('choice', `expected ${defaults.choices} or a backend name, got ${String(choice)}`);
  }
  const threads = options.wasmThreads;
  if (threads !== undefined && (!Number.isInteger(threads) || threads < 1 || threads > defaults.maxThreads)) {
    throw new InvalidArgumentError(
      'options.wasmThreads',
      `expected an integer from 1 to ${defaults.maxThreads}, got ${String(threads)}`,
    );
  }
  const check = options.check ?? defaults.check;
  if (!['training', 'inference', 'none'].includes(check)) {
    throw new InvalidArgumentError('options.check', `expected 'training', 'inference' or 'none', got '${check}'`);
  }
  if (check === 'training') assertGradients();
  return check === 'training' ? requiredTrainingKernels : check === 'inference' ? requiredInferenceKernels : [];
}

/**
 * A named `choice` is tried alone (its failure is thrown); `'auto'` tries `candidates` in order and
 * takes the first that works, its reason listing why the earlier ones were skipped. The chosen
 * backend's line goes to `log` (default `console.info`; `false`: silent).
 */
export async function chooseBackend(
  choice: BackendChoice,
  candidates: readonly string[],
  attempt: (name: string, auto: boolean) => Promise<BackendOutcome>,
  log: CommonBackendOptions['log'],
): Promise<BackendInfo> {
  const finish = (info: BackendInfo): BackendInfo => {
    if (log !== false) (log ?? console.info)(`qfcn backend: ${info.name} (${info.reason})`);
    return info;
  };
  if (choice !== 'auto') {
    const outcome = await attempt(choice, false);
    if (!outcome.ok) throw outcome.error;
    return finish({ ...outcome.info, reason: `requested '${choice}'; ${outcome.info.reason}` });
  }
  const skipped: string[] = [];
  for (const candidate of candidates) {
    const outcome = await attempt(candidate, true);
    if (outcome.ok) {
      const why =
        skipped.length > 0 ? `auto: ${skipped.join('; ')}; so ${outcome.info.reason}` : `auto: ${outcome.info.reason}`;
      return finish({ ...outcome.info, reason: why });
    }
    skipped.push(outcome.reason);
  }
  throw new BackendUnavailableError('auto', `no usable backend: ${skipped.join('; ')}`);
}
