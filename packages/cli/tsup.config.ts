import { defineConfig } from "tsup";

export default defineConfig({
  // queueProcessor: the job module of `qfcn worker` (BullMQ runs it in a child process per job);
  // reproduceCellsWorker: the child process of a local `qfcn reproduce --workers N`.
  entry: { index: "src/index.ts", bin: "src/bin.ts", queueProcessor: "src/queue/processor.ts", reproduceCellsWorker: "src/reproduce/cellsWorker.ts" },
  format: ["esm", "cjs"],
  dts: { entry: { index: "src/index.ts" } },
  sourcemap: true,
  clean: true,
  target: "node20",
  // import.meta.url in the CJS build: the worker command finds dist/queueProcessor.js beside itself.
  shims: true,
});
