/**
 * A copy of a row-major, pixel-interleaved `size x size` map of `channels` channels flipped
 * left-right (`fx`) and/or top-bottom (`fy`); a flip is its own inverse. For the flip-TTA tests.
 */
export function flipPixels(
  data: ArrayLike<number>,
  size: number,
  channels: number,
  fx: boolean,
  fy: boolean,
): Float32Array {
  const out = new Float32Array(data.length);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++)
      for (let k = 0; k < channels; k++)
        out[(y * size + x) * channels + k] =
          data[((fy ? size - 1 - y : y) * size + (fx ? size - 1 - x : x)) * channels + k]!;
  return out;
}
