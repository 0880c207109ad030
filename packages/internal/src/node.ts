// Node-only plumbing: atomic writes of files and folders (the async writer imports node:fs lazily,
// for packages whose Node entries share modules with their browser entries).
export { writeFileAtomic } from './writeFileAtomic';
export { writeFileAtomicAsync } from './writeFileAtomicAsync';
export { replaceDirAtomic, writeDirAtomic } from './replaceDirAtomic';
export { removeStaleTemporaries } from './removeStaleTemporaries';
