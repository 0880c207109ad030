/**
 * A distinct, saturated RGB colour for an instance label (label 0, background, is black).
 *
 * When to use: colouring instances in overlays and palettes so that neighbouring labels differ.
 *
 * Details: hue advances by the golden angle (≈137.5°) per label, so consecutive labels are far
 * apart on the colour wheel; saturation and value alternate slightly to separate labels whose hues
 * come close. Deterministic: the same label always gets the same colour.
 *
 * @example
 * labelColor(1); // [255, 64, 64]-ish red; labelColor(2) is a green-cyan
 */
export function labelColor(label: number): [number, number, number] {
  if (label === 0) return [0, 0, 0];
  const hue = ((label - 1) * 137.50776405003785) % 360;
  const saturation = label % 2 === 0 ? 0.7 : 0.85;
  const value = label % 3 === 0 ? 0.85 : 1;
  const c = value * saturation;
  const h = hue / 60;
  const x = c * (1 - Math.abs((h % 2) - 1));
  const [r, g, b] =
    h < 1 ? [c, x, 0] : h < 2 ? [x, c, 0] : h < 3 ? [0, c, x] : h < 4 ? [0, x, c] : h < 5 ? [x, 0, c] : [c, 0, x];
  const m = value - c;
  return [Math.round((r + m) * 255), Math.round((g + m) * 255), Math.round((b + m) * 255)];
}
