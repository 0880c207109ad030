import { defineConfig } from "tsup";

export default defineConfig({
  entry: {"browser":"src/browser.ts","tfjs/browser":"src/tfjs/browser.ts","index":"src/index.ts","tfjs/index":"src/tfjs/index.ts","test/index":"src/test/index.ts"},
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "node20",
  // The tfjs and test entries import the core as '@qfcn/quantize' (a package self-reference), so
  // the built entries share one copy of the core and its error classes instead of bundling their own.
  external: ["@qfcn/quantize"],
});
