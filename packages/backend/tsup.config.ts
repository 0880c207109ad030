import { packageConfig } from '../../tsup.base';

export default packageConfig({
  entry: { browser: 'src/browser.ts', index: 'src/index.ts', 'test/index': 'src/test/index.ts' },
  shims: true,
});
