import type { BackendChoice, BackendInfo } from '@qfcn/contract';
import { initBackend, type InitBackendOptions } from '@qfcn/backend';

/**
 * `initBackend` with optional backends (`@qfcn/backend-native`, tfjs-node) resolved from the CLI's
 * own dependencies: the CLI installs `@qfcn/backend-native`, so `auto` finds it wherever the command
 * runs from.
 */
export function initCliBackend(
  choice: BackendChoice | undefined,
  options: Omit<InitBackendOptions, 'importModule'> = {},
): Promise<BackendInfo> {
  return initBackend(choice ?? 'auto', { ...options, importModule: (specifier: string) => import(specifier) });
}
