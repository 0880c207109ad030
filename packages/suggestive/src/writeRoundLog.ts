import { writeFileAtomicAsync } from '@qfcn/internal/node';
import type { RoundLog } from './roundLogTypes';

/**
 * Writes a round log atomically (internal): a fsynced, uniquely named sibling temporary renamed over
 * `path`, so a crash leaves either the previous log or the new one, never a truncated file.
 */
export async function writeRoundLog(path: string, log: RoundLog): Promise<void> {
  await writeFileAtomicAsync(path, `${JSON.stringify(log, null, 2)}\n`);
}
