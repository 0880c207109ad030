/**
 * A duration for people: `42s`, `3m 05s`, `2h 10m`.
 *
 * When to use: ETAs and job times in queue progress lines.
 *
 * Details: seconds are rounded; negative or non-finite input reads as `?`.
 *
 * @example
 * formatDuration(185); // '3m 05s'
 */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
