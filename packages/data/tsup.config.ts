import { defineConfig } from "tsup";

export default defineConfig({
  entry: {"browser":"src/browser.ts","index":"src/index.ts","test/index":"src/test/index.ts"},
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "node20",
  // import.meta.url in the CJS build: the GlaS manifest is found relative to the module.
  shims: true,
});
