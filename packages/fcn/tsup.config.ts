import { packageConfig } from '../../tsup.base';

export default packageConfig({
  // ensembleWorker: the module trainEnsemble's parallel workers run (found next to index.js).
  entry: {
    browser: 'src/browser.ts',
    index: 'src/index.ts',
    'test/index': 'src/test/index.ts',
    ensembleWorker: 'src/ensembleWorker.ts',
  },
  // import.meta.url in the CJS build: trainEnsemble locates dist/ensembleWorker.js relative to itself.
  shims: true,
});
