import { describe, expect, it } from 'vitest';
import { renderChart } from './renderChart';

describe('renderChart', () => {
  it('line chart of 3 points → a PNG of the declared size at scale 1', async () => {
    const png = await renderChart(
      {
        width: 200,
        height: 100,
        data: {
          values: [
            { bits: 5, dice: 0.8 },
            { bits: 6, dice: 0.85 },
            { bits: 7, dice: 0.83 },
          ],
        },
        mark: 'line',
        encoding: { x: { field: 'bits', type: 'quantitative' }, y: { field: 'dice', type: 'quantitative' } },
      },
      { scale: 1 },
    );
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const view = new DataView(png.buffer, png.byteOffset);
    // IHDR width/height: the plot area plus axes and padding, so larger than 200x100 and of sane size.
    expect(view.getUint32(16)).toBeGreaterThan(200);
    expect(view.getUint32(16)).toBeLessThan(400);
    expect(view.getUint32(20)).toBeGreaterThan(100);
  });
});
