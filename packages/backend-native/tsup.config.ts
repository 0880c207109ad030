import { packageConfig } from '../../tsup.base';

export default packageConfig({
  entry: { index: 'src/index.ts' },
  // import.meta.url (used to find build/Release/qfcn_native.node) also works in the CJS build.
  shims: true,
});
