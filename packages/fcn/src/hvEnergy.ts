/**
 * Where HoVer-Net's hv maps mark an object's edge: `E = max(0, −∂h/∂x, −∂v/∂y)` per pixel.
 *
 * When to use: to look at what `toInstances({ hvThreshold })` seeds below, e.g. the energy of a
 * network's hv maps on the lines between touching nuclei (`benchmarks/hv.probe.mjs`).
 *
 * Details: 3x3 Sobel derivatives divided by 8 (a map falling by 1 per pixel gives 1), the border
 * replicated. Inside an object h rises to the right and v downwards, so E is 0 there; at an edge
 * they fall — from +1 to −1 between two touching objects — so E peaks on the lines between objects.
 * `hv` is pixel-interleaved `[h, v]`, `2 × width × height` long (an `HvMap`'s data). Returns a new
 * `Float32Array` of `width × height`.
 *
 * @example
 * const energy = hvEnergy(output.hv.data, output.hv.width, output.hv.height);
 */
export function hvEnergy(hv: Float32Array, width: number, height: number): Float32Array {
  const out = new Float32Array(width * height);
  const at = (x: number, y: number, c: number) =>
    hv[2 * (Math.min(height - 1, Math.max(0, y)) * width + Math.min(width - 1, Math.max(0, x))) + c]!;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const dx =
        (at(x + 1, y - 1, 0) -
          at(x - 1, y - 1, 0) +
          2 * (at(x + 1, y, 0) - at(x - 1, y, 0)) +
          at(x + 1, y + 1, 0) -
          at(x - 1, y + 1, 0)) /
        8;
      const dy =
        (at(x - 1, y + 1, 1) -
          at(x - 1, y - 1, 1) +
          2 * (at(x, y + 1, 1) - at(x, y - 1, 1)) +
          at(x + 1, y + 1, 1) -
          at(x + 1, y - 1, 1)) /
        8;
      out[y * width + x] = Math.max(0, -dx, -dy);
    }
  }
  return out;
}
