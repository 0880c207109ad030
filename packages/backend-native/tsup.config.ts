import { defineConfig } from "tsup";

export default defineConfig({
  entry: {"index":"src/index.ts"},
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  // import.meta.url (used to find build/Release/qfcn_native.node) also works in the CJS build.
  shims: true,
  target: "node20",
});
