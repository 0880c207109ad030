import { defineConfig } from "tsup";

export default defineConfig({
  // ensembleWorker: the module trainEnsemble's parallel workers run (found next to index.js).
  entry: {"browser":"src/browser.ts","index":"src/index.ts","test/index":"src/test/index.ts","ensembleWorker":"src/ensembleWorker.ts"},
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "node20",
  // import.meta.url in the CJS build: trainEnsemble locates dist/ensembleWorker.js relative to itself.
  shims: true,
});
