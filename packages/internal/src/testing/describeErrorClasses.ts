import { describe, expect, it } from 'vitest';

/** Values that are not errors at all: every `isInstance` must say false, never throw. */
export const NOT_OBJECTS: readonly unknown[] = [
  null,
  undefined,
  '',
  'INVALID_ARGUMENT',
  'qfcn.error',
  0,
  1,
  true,
  Symbol.for('qfcn.error'),
];

/**
 * A plain object that copies the string-keyed fields of `error` (name, message, code, argument, path,
 * stack) but none of its symbol-keyed markers, e.g. an error serialised to JSON and parsed back.
 */
export function lookalike(error: Error & { readonly code: string }): Record<string, unknown> {
  return {
    ...JSON.parse(JSON.stringify(error)),
    name: error.name,
    message: error.message,
    code: error.code,
    stack: error.stack,
  };
}

type CodedError = Error & { readonly code: string };

/** One error class of a package, with a way to make an instance of it and of a subclass. */
export interface ErrorClassCase {
  readonly name: string;
  readonly cls: { isInstance(error: unknown): boolean; new (...args: never[]): CodedError };
  readonly code: string;
  readonly make: () => CodedError;
  readonly makeSubclass: () => CodedError;
}

export interface DescribeErrorClassesOptions {
  /** The package's errors, one case per class. */
  readonly cases: readonly ErrorClassCase[];
  /** The `Symbol.for` key of a class's own marker (another copy of the package carries the same). */
  readonly markerOf: (name: string) => string;
  /** A bare error of the package's base class with the given code (no class accepts it). */
  readonly base: (code: string) => Error;
  /** Errors of other packages, some with the same class names and codes (no class accepts them). */
  readonly foreign: readonly Error[];
}

/**
 * The `isInstance` contract every qfcn error class keeps (vercel/ai's pattern), as one test block per
 * class: true for an instance, a subclass and an object of another package copy carrying the class's
 * `Symbol.for` marker; false for sibling classes it is not a parent of, the bare base class, other
 * packages' errors, primitives and look-alike plain objects; equal to `instanceof` within one copy;
 * the class's `code` and `name`. Used by the `errors.test.ts` of every package that defines errors.
 */
export function describeErrorClasses(options: DescribeErrorClassesOptions): void {
  const { cases, markerOf, base, foreign } = options;
  describe.each(cases.map((c) => [c.name, c] as const))('%s.isInstance', (name, { cls, code, make, makeSubclass }) => {
    const marker = markerOf(name);
    it(`is true for an instance of ${name} and of a subclass`, () => {
      expect(cls.isInstance(make())).toBe(true);
      expect(cls.isInstance(makeSubclass())).toBe(true);
    });

    it(`is true for an object from another package copy that carries Symbol.for('${marker}')`, () => {
      expect(cls.isInstance(Object.assign(new Error('from another copy'), { [Symbol.for(marker)]: true }))).toBe(true);
    });

    it('is false for every sibling class it is not a parent of, and for a bare base-class error with its code', () => {
      for (const other of cases.filter((c) => c.name !== name)) {
        if (other.make() instanceof cls) continue;
        expect(cls.isInstance(other.make()), other.name).toBe(false);
        expect(cls.isInstance(other.makeSubclass()), `subclass of ${other.name}`).toBe(false);
      }
      expect(cls.isInstance(base(code))).toBe(false);
    });

    it("is false for other packages' errors, including same-named classes", () => {
      for (const e of foreign) expect(cls.isInstance(e), `${e.constructor.name} ${e.message}`).toBe(false);
    });

    it('is false for a plain Error, null, undefined, strings and other primitives', () => {
      expect(cls.isInstance(new Error('plain'))).toBe(false);
      for (const value of NOT_OBJECTS) expect(cls.isInstance(value), String(value)).toBe(false);
    });

    it(`is false for a plain object that copies the message and code of an instance of ${name}`, () => {
      expect(cls.isInstance(lookalike(make()))).toBe(false);
    });

    it('agrees with instanceof for every error of the package (one package copy)', () => {
      for (const e of cases.flatMap((c) => [c.make(), c.makeSubclass()])) {
        expect(cls.isInstance(e), `${name}.isInstance(${e.constructor.name})`).toBe(e instanceof cls);
      }
    });

    it(`${name} has the string code '${code}', its name and the qfcn family marker`, () => {
      const e = make();
      expect(e.code).toBe(code);
      expect(e.name).toBe(name);
      expect(e).toBeInstanceOf(Error);
      expect((e as unknown as Record<symbol, unknown>)[Symbol.for('qfcn.error')]).toBe(true);
      expect((e as unknown as Record<symbol, unknown>)[Symbol.for(marker)]).toBe(true);
    });
  });
}
