import { packageConfig } from '../../tsup.base';

export default packageConfig({
  entry: {
    browser: 'src/browser.ts',
    'tfjs/browser': 'src/tfjs/browser.ts',
    index: 'src/index.ts',
    'tfjs/index': 'src/tfjs/index.ts',
    'test/index': 'src/test/index.ts',
  },
  // The tfjs and test entries import the core as '@qfcn/quantize' (a package self-reference), so
  // the built entries share one copy of the core and its error classes instead of bundling their own.
  external: ['@qfcn/quantize'],
});
