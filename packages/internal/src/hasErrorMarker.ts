/**
 * True when `error` is an object that carries `marker` (a `Symbol.for` key set to `true`); never
 * throws. The one check behind every qfcn error class's `isInstance` (`@qfcn/contract` exports it as
 * `hasErrorMarker`; metrics and quantize, which do not depend on contract, bundle it from here).
 *
 * @example
 * hasErrorMarker(error, Symbol.for('qfcn.error')); // any qfcn error
 */
export function hasErrorMarker(error: unknown, marker: symbol): boolean {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[marker] === true;
}
