import { packageConfig } from '../../tsup.base';

export default packageConfig({
  entry: { index: 'src/index.ts', 'test/index': 'src/test/index.ts' },
});
