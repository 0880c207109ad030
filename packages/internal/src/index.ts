// Shared plumbing of the qfcn packages. Private: consumers list it under devDependencies, so tsup
// bundles it into their builds and no published package depends on it.
// This entry is browser-safe (it names no Node built-in); `@qfcn/internal/node` has the file writers.
export { mulberry32, type Rng } from './mulberry32';
export { temporaryOwner, temporarySibling } from './temporarySibling';
export { hasErrorMarker } from './hasErrorMarker';
export { deriveSeed, hashInts } from './hashInts';
