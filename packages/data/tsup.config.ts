import { packageConfig } from '../../tsup.base';

export default packageConfig({
  entry: { browser: 'src/browser.ts', index: 'src/index.ts', 'test/index': 'src/test/index.ts' },
  // import.meta.url in the CJS build: the GlaS manifest is found relative to the module.
  shims: true,
});
