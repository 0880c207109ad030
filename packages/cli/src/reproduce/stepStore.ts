import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { writeFileAtomic as writeAtomic } from '@qfcn/internal/node';
import { dirname, join } from 'node:path';
import { CorruptFileError, InvalidArgumentError } from '@qfcn/contract';

/**
 * A directory of finished steps that makes long work resumable: `run(key, fn)` returns the saved
 * result of `key` when a previous run finished it, else runs `fn` and saves its result atomically
 * (tmp + rename), so Ctrl-C or a crash loses at most the step in progress.
 *
 * The store remembers the settings it was created with; opening it with different settings is an
 * error (the user asked for a different experiment in the same folder), unless `fresh` is set.
 */
export class StepStore {
  readonly dir: string;

  constructor(dir: string, settings: unknown, options: { fresh?: boolean } = {}) {
    this.dir = dir;
    const file = join(dir, 'settings.json');
    if (options.fresh) rmSync(join(dir, 'steps'), { recursive: true, force: true });
    mkdirSync(join(dir, 'steps'), { recursive: true });
    const wanted = JSON.stringify(settings, null, 2);
    if (existsSync(file) && !options.fresh) {
      const saved = readFileSync(file, 'utf8');
      if (saved.trim() !== wanted.trim()) {
        throw new InvalidArgumentError(
          '--out',
          `${dir} holds a run with different settings; use another --out or pass --fresh to start over.\n` +
            `saved: ${saved.trim()}\nnow:   ${wanted.trim()}`,
        );
      }
    } else {
      writeAtomic(file, `${wanted}\n`);
    }
  }

  private path(key: string): string {
    if (!/^[\w.-]+(\/[\w.-]+)*$/.test(key))
      throw new InvalidArgumentError('key', `step key '${key}' must be path-safe`);
    return join(this.dir, 'steps', `${key}.json`);
  }

  has(key: string): boolean {
    return existsSync(this.path(key));
  }

  get<T>(key: string): T | undefined {
    const file = this.path(key);
    if (!existsSync(file)) return undefined;
    try {
      return JSON.parse(readFileSync(file, 'utf8')).value as T;
    } catch (error) {
      throw new CorruptFileError(`unreadable step result (${(error as Error).message}); delete it to recompute`, {
        path: file,
        cause: error,
      });
    }
  }

  async run<T>(key: string, fn: () => Promise<T> | T): Promise<T> {
    const saved = this.get<T>(key);
    if (saved !== undefined) return saved;
    const value = await fn();
    const file = this.path(key);
    mkdirSync(dirname(file), { recursive: true });
    writeAtomic(file, `${JSON.stringify({ key, finishedAt: new Date().toISOString(), value })}\n`);
    return value;
  }
}
