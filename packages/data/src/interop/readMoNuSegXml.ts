import type { LabelMap } from '@qfcn/contract';
import { DataError, InvalidArgumentError } from '@qfcn/contract';
import { assertSize } from './geoJSONToLabelMap';
import { loadText, type TextSource } from './loadText';
import { fillPolygon } from './polygon';
import { scanXml } from './xml';

export interface ReadMoNuSegXmlOptions {
  /** Width of the label map in pixels (required: the annotated image's width). */
  readonly width: number;
  /** Height of the label map in pixels (required). */
  readonly height: number;
  /** Name used in error messages for bytes or text (default `'<bytes>'` / `'<xml>'`); paths name themselves. */
  readonly name?: string;
  /**
   * How far (pixels) a vertex may lie outside the image before the file is refused as belonging to
   * another image (default 2). Pixels outside the image are never painted.
   */
  readonly margin?: number;
}

const NUMBER = /^[ \t\r\n]*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?[ \t\r\n]*$/;

interface Region {
  readonly index: number;
  readonly id: string | undefined;
  readonly line: number;
  readonly xy: number[];
}

/**
 * Reads MoNuSeg's official annotations — Aperio ImageScope XML, one `<Region>` polygon per nucleus —
 * as an instance label map.
 *
 * When to use: the official MoNuSeg release (`<id>.tif` + `<id>.xml`) or any ImageScope annotation of
 * a tile, without converting to PNG first.
 *
 * Details:
 * - `source`: a file path, the file's bytes (UTF-8, or UTF-16 with a byte-order mark), or the XML text
 *   itself (a string whose first non-blank character is `<`). The XML is read by a small built-in
 *   scanner: `<Annotations>` root, every `<Region>` in document order (across `<Annotation>`s) with its
 *   `<Vertex X=".." Y=".."/>` elements; attributes in any order, X/Y decimal numbers with an optional
 *   exponent; other elements and attributes are ignored.
 * - Labels 1..N follow region order (the k-th region is label k even when it paints nothing).
 * - Coordinates as in ImageScope, OpenCV and scikit-image: (X, Y) = (x, y) is the CENTRE of pixel
 *   (x, y) (so GeoJSON's corner-based (X + 0.5, Y + 0.5)). Region k paints pixel (x, y) when
 *   (a) the point (x, y) is inside the polygon or on it — even-odd scanline at Y = y, both crossings
 *   included — or (b) the pixel is on the outline: the 8-connected Bresenham line between the pixels
 *   of consecutive vertices, (round(X), round(Y)) rounded half up, last vertex back to the first.
 *   "Each polygon filled, boundary included"; a pixel already painted by an earlier region keeps its
 *   label (earlier regions win, as in the official MATLAB conversion). Pixels outside the image are
 *   skipped.
 * - Result: `Uint16Array` (or `Uint32Array` beyond 65535 regions), 0 = background.
 * - Errors (`DataError` naming the file): missing/empty file, malformed XML (with its line), a root other
 *   than `<Annotations>`, a `<Vertex>` outside a `<Region>`, nested regions, a region without vertices,
 *   a missing or non-numeric X/Y, and a vertex more than `margin` pixels outside the image (the XML of
 *   another image?) — naming the region's number, Id and line. Bad options: `InvalidArgumentError`.
 *
 * @example
 * const xml = readFileSync('TCGA-21-5784-01Z-00-DX1.xml', 'utf8');
 * const labels = readMoNuSegXml(xml, { width: 1000, height: 1000 }); // or pass the path
 */
export function readMoNuSegXml(source: TextSource, options: ReadMoNuSegXmlOptions): LabelMap {
  const { width, height } = assertSize(options);
  const margin = options.margin ?? 2;
  if (typeof margin !== 'number' || !Number.isFinite(margin) || margin < 0) {
    throw new InvalidArgumentError('margin', `must be a finite number of pixels >= 0, got ${String(margin)}`);
  }
  const { text, name } = loadText(source, '<', options.name, 'xml');
  const fail = (message: string): never => {
    throw new DataError(message, { path: name });
  };

  const regions: Region[] = [];
  let current: Region | null = null;
  const where = (r: Region): string =>
    `region ${r.index + 1}${r.id === undefined ? '' : ` (Id ${r.id})`} at line ${r.line}`;
  scanXml(
    text,
    {
      open(tag, attributes, _selfClosing, line, depth) {
        if (depth === 0 && tag !== 'Annotations')
          fail(`not an Aperio ImageScope annotation file: the root element is <${tag}>, expected <Annotations>`);
        if (tag === 'Region') {
          if (current) fail(`<Region> at line ${line} is nested inside ${where(current)}`);
          current = { index: regions.length, id: attributes.get('Id'), line, xy: [] };
        } else if (tag === 'Vertex') {
          if (!current) fail(`<Vertex> at line ${line} is outside any <Region>`);
          const r = current!;
          const k = r.xy.length / 2;
          const coordinate = (axis: 'X' | 'Y'): number => {
            const raw = attributes.get(axis);
            if (raw === undefined) fail(`${where(r)}: vertex ${k} (line ${line}) has no ${axis}`);
            if (!NUMBER.test(raw!))
              fail(`${where(r)}: vertex ${k} (line ${line}) has ${axis}="${raw}", not a finite number`);
            const v = Number(raw);
            if (!Number.isFinite(v))
              fail(`${where(r)}: vertex ${k} (line ${line}) has ${axis}="${raw}", not a finite number`);
            return v;
          };
          const x = coordinate('X');
          const y = coordinate('Y');
          if (x < -0.5 - margin || x > width - 0.5 + margin || y < -0.5 - margin || y > height - 0.5 + margin) {
            fail(
              `${where(r)}: vertex ${k} (${x}, ${y}) lies outside the ${width}x${height} image (more than ${margin} px beyond its edge; is this the XML of another image?)`,
            );
          }
          r.xy.push(x, y);
        }
      },
      close(tag) {
        if (tag !== 'Region') return;
        const r = current!;
        if (r.xy.length === 0) fail(`${where(r)} has no vertices`);
        regions.push(r);
        current = null;
      },
    },
    fail,
  );

  const data = regions.length <= 65535 ? new Uint16Array(width * height) : new Uint32Array(width * height);
  for (const r of regions) {
    const label = r.index + 1;
    fillPolygon(data, width, height, [r.xy], label, 0, true);
    const m = r.xy.length / 2;
    for (let i = 0; i < m; i++) {
      const j = i + 1 === m ? 0 : i + 1;
      line(
        data,
        width,
        height,
        label,
        Math.floor(r.xy[2 * i]! + 0.5),
        Math.floor(r.xy[2 * i + 1]! + 0.5),
        Math.floor(r.xy[2 * j]! + 0.5),
        Math.floor(r.xy[2 * j + 1]! + 0.5),
      );
    }
  }
  return { width, height, data };
}

/** Bresenham's 8-connected line from (x0, y0) to (x1, y1), painting where still 0, clipped to the image. */
function line(
  out: Uint16Array | Uint32Array,
  width: number,
  height: number,
  label: number,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
): void {
  const dx = Math.abs(x1 - x0),
    dy = -Math.abs(y1 - y0);
  const sx = x0 < x1 ? 1 : -1,
    sy = y0 < y1 ? 1 : -1;
  let err = dx + dy;
  for (;;) {
    if (x0 >= 0 && y0 >= 0 && x0 < width && y0 < height && out[y0 * width + x0] === 0) out[y0 * width + x0] = label;
    if (x0 === x1 && y0 === y1) return;
    const e2 = 2 * err;
    if (e2 >= dy) {
      err += dy;
      x0 += sx;
    }
    if (e2 <= dx) {
      err += dx;
      y0 += sy;
    }
  }
}
