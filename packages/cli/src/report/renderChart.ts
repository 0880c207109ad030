import type { TopLevelSpec } from 'vega-lite';

/**
 * Renders a vega-lite spec to PNG bytes without a browser: vega-lite compiles it, vega renders SVG
 * headlessly, resvg rasterises the SVG (with the system's fonts).
 *
 * @example
 * const png = await renderChart({ data: { values }, mark: 'line', encoding: { x: { field: 'bits' }, y: { field: 'dice' } } });
 */
export async function renderChart(spec: TopLevelSpec, options: { scale?: number } = {}): Promise<Uint8Array> {
  const [vega, vegaLite, resvg] = await Promise.all([import('vega'), import('vega-lite'), import('@resvg/resvg-js')]);
  const compiled = vegaLite.compile({ background: 'white', ...spec } as TopLevelSpec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  const svg = await view.toSVG(options.scale ?? 2);
  view.finalize();
  const rendered = new resvg.Resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } }).render();
  return new Uint8Array(rendered.asPng());
}
