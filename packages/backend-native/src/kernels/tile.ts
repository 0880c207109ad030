import { Tile, util, type KernelConfig, type TileAttrs } from '@tensorflow/tfjs-core';
import { floatValues } from '../floatValues';
import type { NativeAddon } from '../loadAddon';
import { nativeKernel } from '../nativeKernel';

/**
 * The `Tile` kernel on float32, as row copies in the addon.
 *
 * When to use: registered by `registerNativeBackend`; tfjs's batch-norm gradient tiles the
 * per-channel 1/σ over the whole activation map.
 *
 * Details: `reps` as tfjs (one per dim, ≥ 0). Other dtypes run on the cpu kernel.
 *
 * Example: `registerKernel(tileKernel('qfcn-native', addon))`
 */
export function tileKernel(backendName: string, addon: NativeAddon): KernelConfig {
  return nativeKernel<'x'>(Tile, backendName, addon, ({ inputs, attrs, backend }) => {
    const { x } = inputs;
    const { reps } = attrs as unknown as TileAttrs;
    const xv = floatValues(backend, x);
    if (!xv || x.shape.length === 0 || reps.length !== x.shape.length)
      return 'Tile: not a float32 tensor of rank >= 1 with one rep per dim';
    if (reps.some((r) => !Number.isInteger(r) || r < 0)) return 'Tile: invalid reps';
    const outShape = x.shape.map((d, i) => d * reps[i]!);
    const y = backend.alloc(util.sizeFromShape(outShape));
    if (y.length > 0) addon.tile(Int32Array.from(x.shape), Int32Array.from(outShape), xv, y);
    return backend.makeTensorInfo(outShape, 'float32', y);
  });
}
