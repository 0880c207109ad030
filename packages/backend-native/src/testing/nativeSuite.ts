import * as tf from '@tensorflow/tfjs';
import { loadAddon } from '../loadAddon';
import type { NativeBackend } from '../nativeBackend';
import { registerNativeBackend } from '../registerNativeBackend';

const load = loadAddon();

/** Whether the addon is built here; suites that need it are skipped otherwise. */
export const nativeBuilt = load.addon !== null;

// CI sets QFCN_NATIVE_REQUIRED=1 where the addon must exist: then a missing addon fails the suites
// instead of skipping them.
if (!nativeBuilt && process.env.QFCN_NATIVE_REQUIRED === '1') {
  throw new Error(`QFCN_NATIVE_REQUIRED=1 but ${load.reason}`);
}

/** A describe-title suffix saying why a native suite is skipped (empty when it runs). */
export const skipReason = nativeBuilt ? '' : ` (SKIPPED: ${load.reason})`;

/** Registers the native backend (2 threads, to share the test machine) once per test file. */
export async function setupNative(): Promise<void> {
  const r = await registerNativeBackend({ threads: 2 });
  if (!r.ok) throw new Error(r.reason);
}

/** The native backend instance (creates it if needed). */
export function nativeBackend(): NativeBackend {
  return tf.findBackend('qfcn-native') as NativeBackend;
}

/** Native/fallback counts of one kernel on the native backend. */
export function countOf(kernel: string): { native: number; fallback: number } {
  const c = nativeBackend().kernelStats()[kernel];
  return { native: c?.native ?? 0, fallback: c?.fallback ?? 0 };
}
