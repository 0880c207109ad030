import { parseArgs, type ParseArgsConfig } from 'node:util';
import { hasErrorMarker, InvalidArgumentError } from '@qfcn/contract';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/** Values parsed for an option spec: booleans for `type: 'boolean'`, strings otherwise. */
export type ParsedValues<T extends OptionSpec> = {
  [K in keyof T]?: T[K] extends { type: 'boolean' } ? boolean : string;
} & { help?: boolean };

/** Parses a command's arguments strictly; unknown flags and missing values become a usage error. */
export function parse<T extends OptionSpec>(
  argv: string[],
  options: T,
): { values: ParsedValues<T>; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    return { values: values as ParsedValues<T>, positionals };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

const usageMarker = Symbol.for('qfcn.error.UsageError');

/** Bad command-line usage: printed with the command's help, exit code 2. */
export class UsageError extends InvalidArgumentError {
  protected readonly [usageMarker] = true;
  constructor(message: string) {
    super('argv', message);
    this.name = 'UsageError';
  }

  /** True for a `UsageError` or an error of a subclass (any copy, ESM or CJS). */
  static override isInstance(error: unknown): error is UsageError {
    return hasErrorMarker(error, usageMarker);
  }
}

export function requireString(value: unknown, flag: string): string {
  if (typeof value !== 'string' || value.length === 0) throw new UsageError(`missing required option --${flag}`);
  return value;
}

export function parseList(value: string | undefined, flag: string, fallback: number[]): number[] {
  if (value === undefined) return fallback;
  const parts = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const numbers = parts.map(Number);
  if (numbers.length === 0 || numbers.some((n) => !Number.isFinite(n))) {
    throw new UsageError(`--${flag} expects a comma-separated list of numbers, got '${value}'`);
  }
  return numbers;
}

/** A flag that must be a whole number ≥ 1 (`fallback` when absent); anything else is a usage error naming the flag. */
export function parsePositiveInt(value: string | undefined, flag: string, fallback: number): number {
  const n = parseNumber(value, flag, fallback);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${flag} must be a positive integer, got '${value}'`);
  return n;
}

/**
 * The value of a renamed flag: `--<name>`, or its old spelling `--<old>` (still accepted); giving
 * both is a usage error.
 */
export function renamedFlag(values: Record<string, unknown>, name: string, old: string): string | undefined {
  const now = values[name] as string | undefined;
  const before = values[old] as string | undefined;
  if (now !== undefined && before !== undefined)
    throw new UsageError(`--${old} is the old name of --${name}: give one of them`);
  return now ?? before;
}

export function parseNumber(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new UsageError(`--${flag} expects a number, got '${value}'`);
  return n;
}
