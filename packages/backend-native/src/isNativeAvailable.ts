import { loadAddon } from './loadAddon';

/**
 * Whether the oneDNN addon is built and loads on this machine.
 *
 * When to use: to decide up front between the native backend and another one, without
 * registering anything.
 *
 * Details: synchronous; loads the addon once (later calls are free). `false` when the install
 * could not build it (no `libdnnl-dev` or compiler), when `QFCN_NATIVE_DISABLE=1`, or when the
 * shared library cannot be loaded. `registerNativeBackend` returns the reason.
 *
 * Example: `if (isNativeAvailable()) await registerNativeBackend();`
 */
export function isNativeAvailable(): boolean {
  return loadAddon().addon !== null;
}
