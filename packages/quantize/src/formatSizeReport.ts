import type { SizeReport } from './sizeReport';

/**
 * Renders a `SizeReport` as a markdown table: one row per tensor, then the quantized-only and
 * overall totals.
 *
 * **When to use**: to print the memory table of a quantized model (examples, CLI, logs).
 *
 * **Details**: bytes are printed exactly (no units), ratios with 2 decimals. `options.perTensor`
 * (default true) lists every tensor; set false for the two total rows only.
 *
 * @example
 * console.log(formatSizeReport(sizeReport(bytes)));
 * // | tensor | shape | stored as | float32 bytes | packed bytes | ratio |
 * // |---|---|---|---:|---:|---:|
 * // | conv/kernel | 3×3×1×8 | power-of-two 5 bit | 288 | 45 | 6.40× |
 * // ...
 */
export function formatSizeReport(report: SizeReport, options: { perTensor?: boolean } = {}): string {
  const perTensor = options.perTensor ?? true;
  const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : '–');
  const rows = [
    '| tensor | shape | stored as | float32 bytes | packed bytes | ratio |',
    '|---|---|---|---:|---:|---:|',
  ];
  if (perTensor) {
    for (const t of report.tensors) {
      const as = t.kind === 'float32' ? 'float32' : `${t.kind} ${t.bits} bit`;
      rows.push(
        `| ${t.name} | ${t.shape.join('×') || 'scalar'} | ${as} | ${t.floatBytes} | ${t.packedBytes} | ${ratio(t.floatBytes, t.packedBytes)} |`,
      );
    }
  }
  const q = report.quantized;
  rows.push(
    `| **quantized tensors** (${q.tensors}) | ${q.count} weights | codes | ${q.floatBytes} | ${q.packedBytes} | ${ratio(q.floatBytes, q.packedBytes)} |`,
  );
  rows.push(
    `| **whole file** (${report.tensors.length} tensors) | | codes + float32 + headers | ${report.floatBytes} | ${report.packedBytes} | ${ratio(report.floatBytes, report.packedBytes)} |`,
  );
  return rows.join('\n');
}
