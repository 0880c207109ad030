import { readFile } from 'node:fs/promises';
import { CorruptFileError } from '@qfcn/contract';
import type { RoundLog } from './roundLogTypes';

const STRATEGIES = new Set(['suggestive', 'uncertainty', 'random']);

/**
 * Reads a round log written by `runSuggestiveAnnotation`; `undefined` if the file does not exist.
 *
 * **When to use**: to inspect or plot a run (chosen ids, uncertainty, F, validation per round), or to
 * compare strategies run with the same seed.
 *
 * **Details**: checks the format tag, version and the shape of settings and rounds (round numbers
 * 0, 1, 2, …; chosen ids unique and not in the initial set). Version 1 logs (settings `K`/`k`) are
 * read as version 2 (`candidates`/`picks`), so runs logged before the rename resume. Throws `CorruptFileError` (code
 * `CORRUPT_FILE`) for truncated, foreign or inconsistent files.
 *
 * @example
 * const log = await readRoundLog('runs/sa-seed1.json');
 * for (const r of log?.rounds ?? []) console.log(r.round, r.chosen, r.validation);
 */
export async function readRoundLog(path: string): Promise<RoundLog | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new CorruptFileError('not valid JSON (truncated or not a round log)', { path, cause: e });
  }
  const fail = (what: string): never => {
    throw new CorruptFileError(`not a qfcn suggestive round log: ${what}`, { path });
  };
  let log = parsed as RoundLog;
  if (typeof log !== 'object' || log === null) fail('not an object');
  if (log.format !== 'qfcn-suggestive-log') fail(`format is ${JSON.stringify(log.format)}`);
  if ((log.version as number) === 1) log = fromVersion1(log);
  else if (log.version !== 2) fail(`unknown version ${JSON.stringify(log.version)}`);
  const s = log.settings;
  if (typeof s !== 'object' || s === null) fail('settings missing');
  if (!STRATEGIES.has(s.strategy)) fail(`strategy ${JSON.stringify(s.strategy)}`);
  for (const key of ['candidates', 'picks', 'budget', 'seed', 'poolSize'] as const) {
    if (!Number.isInteger(s[key])) fail(`settings.${key} is not an integer`);
  }
  if (typeof s.poolDigest !== 'string') fail('settings.poolDigest missing');
  if (!Array.isArray(s.initial) || s.initial.some((id) => typeof id !== 'string'))
    fail('settings.initial is not a list of ids');
  if (!Array.isArray(log.rounds)) fail('rounds missing');
  const seen = new Set<string>(s.initial);
  if (seen.size !== s.initial.length) fail('settings.initial repeats an id');
  log.rounds.forEach((r, i) => {
    if (typeof r !== 'object' || r === null || r.round !== i) fail(`round ${i} is missing or out of order`);
    if (!Array.isArray(r.chosen) || r.chosen.length === 0) fail(`round ${i} chose nothing`);
    for (const id of r.chosen) {
      if (typeof id !== 'string') fail(`round ${i} has a non-string id`);
      if (seen.has(id)) fail(`round ${i} chose '${id}', which was already annotated`);
      seen.add(id);
    }
  });
  if (seen.size > s.budget) fail(`${seen.size} annotated ids exceed the budget of ${s.budget}`);
  if (log.final !== null && log.final !== undefined && typeof log.final !== 'object') fail('final is not an object');
  return { ...log, final: log.final ?? null };
}

/** A version 1 log (settings `K` and `k`) as version 2 (`candidates` and `picks`); other fields are equal. */
function fromVersion1(log: RoundLog): RoundLog {
  const settings = log.settings as unknown as Record<string, unknown> | null;
  if (typeof settings !== 'object' || settings === null) return { ...log, version: 2 };
  const { K, k, ...rest } = settings;
  return { ...log, version: 2, settings: { ...rest, candidates: K, picks: k } as unknown as RoundLog['settings'] };
}
