import { writeFileAtomic as writeAtomically } from '@qfcn/internal/node';
import { DataError } from '@qfcn/contract';

/**
 * Writes `bytes` to `path` atomically (a fsynced sibling temporary renamed over the target, see
 * `@qfcn/internal`): readers never see a half-written file; a crash leaves the old file (or none).
 * Parent directories are created. Failures become DataError naming the path.
 */
export function writeFileAtomic(path: string, bytes: Uint8Array | string): void {
  try {
    writeAtomically(path, bytes);
  } catch (error) {
    throw new DataError(`cannot write: ${(error as Error).message}`, { path, cause: error });
  }
}
