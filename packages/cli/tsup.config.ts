import { packageConfig } from '../../tsup.base';

export default packageConfig({
  // queueProcessor: the job module of `qfcn worker` (BullMQ runs it in a child process per job);
  // reproduceCellsWorker: the child process of a local `qfcn reproduce --workers N`.
  entry: {
    index: 'src/index.ts',
    bin: 'src/bin.ts',
    queueProcessor: 'src/queue/processor.ts',
    reproduceCellsWorker: 'src/reproduce/cellsWorker.ts',
  },
  dts: { entry: { index: 'src/index.ts' } },
  // import.meta.url in the CJS build: the worker command finds dist/queueProcessor.js beside itself.
  shims: true,
});
