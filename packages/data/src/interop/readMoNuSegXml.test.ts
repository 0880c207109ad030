import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QfcnError } from '@qfcn/contract';
import { afterAll, describe, expect, it } from 'vitest';
import { readMoNuSegXml } from './readMoNuSegXml';

/** A tiny ImageScope file in the shape of MoNuSeg's: 3 regions, the second overlapping the first. */
const XML = [
  '<?xml version="1.0" encoding="UTF-8"?>',
  '<Annotations MicronsPerPixel="0.252000">',
  '<Annotation Id="1" Name="" ReadOnly="0" NameReadOnly="0" LineColorReadOnly="0" Incremental="0" Type="4" LineColor="65280" Visible="1" Selected="1" MarkupImagePath="" MacroName="">',
  '<Attributes><Attribute Name="Description" Id="0" Value=""/></Attributes>',
  '<Regions>',
  '<RegionAttributeHeaders><AttributeHeader Id="9999" Name="Region" ColumnWidth="-1"/></RegionAttributeHeaders>',
  '<!-- a 3x3 square: the points (1..3, 1..3) -->',
  '<Region Id="1" Type="0" Zoom="0.5" Selected="0" ImageLocation="" ImageFocus="-1" Length="8" Area="4" Text="" NegativeROA="0" InputRegionId="0" Analyze="1" DisplayId="1">',
  '<Attributes/>',
  '<Vertices>',
  '<Vertex X="1" Y="1" Z="0"/>',
  '<Vertex X="3" Y="1" Z="0"/>',
  '<Vertex X="3.000" Y="3" Z="0"/>',
  '<Vertex X="1" Y="3" Z="0"/>',
  '</Vertices>',
  '</Region>',
  '<Region Id="7" Type="0">',
  '<Attributes></Attributes>',
  '<Vertices>',
  '<Vertex Y="2.4" X="2.6" Z="0"/>',
  "<Vertex X='5.2' Y='2.4'></Vertex>",
  '<Vertex\r\n  X="5.2e0"  Y = "44E-1" />',
  '</Vertices>',
  '</Region>',
  '<Region Id="8"><Vertices><Vertex Y="4" X="0"/><Vertex X="1.5E0" Y="+4"/><Vertex X="0" Y="4.3"/></Vertices></Region>',
  '</Regions>',
  '<Plots/>',
  '</Annotation>',
  '</Annotations>',
  '',
].join('\n');

const rows = (m: { width: number; data: ArrayLike<number> }): string[] => {
  const out: string[] = [];
  for (let i = 0; i < m.data.length; i += m.width)
    out.push(
      Array.from(m.data)
        .slice(i, i + m.width)
        .join(''),
    );
  return out;
};
const size = { width: 6, height: 5 };

describe('readMoNuSegXml', () => {
  const dir = mkdtempSync(join(tmpdir(), 'qfcn-xml-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('labels 1..N in region order; filled with the outline; earlier regions keep overlapping pixels', () => {
    const m = readMoNuSegXml(XML, size);
    expect(m.data).toBeInstanceOf(Uint16Array);
    expect(rows(m)).toEqual([
      '000000',
      '011100', // region 1: vertices (1,1)..(3,3) are pixel centres, the square's points 1..3 inclusive
      '011122', // region 2's outline starts at pixel (3,2), which region 1 keeps
      '011122', // region 2 inside: row 3 spans x in [3.38, 5.2] → 4, 5
      '333002', // region 3: inside [0, 1.5] → 0, 1; outline (0,4)-(2,4); region 2 inside [4.68, 5.2] → 5
    ]);
  });

  it('reads a path, bytes and ArrayBuffers the same way (UTF-8 BOM, UTF-16LE)', () => {
    const path = join(dir, 'TCGA-XX.xml');
    writeFileSync(path, XML);
    const expected = rows(readMoNuSegXml(XML, size));
    expect(rows(readMoNuSegXml(path, size))).toEqual(expected);
    expect(rows(readMoNuSegXml(new TextEncoder().encode(`\uFEFF${XML}`), size))).toEqual(expected);
    expect(
      rows(
        readMoNuSegXml(
          new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(XML, 'utf16le')])).buffer,
          size,
        ),
      ),
    ).toEqual(expected);
  });

  it('vertices slightly outside the image are clipped; a region that paints nothing keeps its label number', () => {
    const xml =
      '<Annotations><Annotation><Regions>' +
      '<Region Id="1"><Vertices><Vertex X="-1" Y="-1"/><Vertex X="0" Y="-1"/><Vertex X="0" Y="0"/></Vertices></Region>' +
      '<Region Id="2"><Vertices><Vertex X="0" Y="0"/><Vertex X="0" Y="0"/></Vertices></Region>' +
      '<Region Id="3"><Vertices><Vertex X="7" Y="1"/><Vertex X="5" Y="1"/></Vertices></Region>' +
      '</Regions></Annotation></Annotations>';
    expect(rows(readMoNuSegXml(xml, size))).toEqual(['100000', '000003', '000000', '000000', '000000']);
  });

  it('a larger polygon: a diamond is symmetric (centres on the edges are inside)', () => {
    const xml =
      '<Annotations><Annotation><Regions><Region><Vertices>' +
      '<Vertex X="2" Y="0"/><Vertex X="4" Y="2"/><Vertex X="2" Y="4"/><Vertex X="0" Y="2"/>' +
      '</Vertices></Region></Regions></Annotation></Annotations>';
    expect(rows(readMoNuSegXml(xml, size))).toEqual(['001000', '011100', '111110', '011100', '001000']);
  });

  const fails = (
    source: string | Uint8Array,
    message: string | RegExp,
    options: { width: number; height: number; name?: string; margin?: number } = size,
  ): void => {
    let error: unknown;
    try {
      readMoNuSegXml(source, options);
    } catch (e) {
      error = e;
    }
    expect(QfcnError.isInstance(error) && (error as QfcnError).code).toBe('DATA_ERROR');
    expect((error as Error).message).toMatch(message);
  };

  it('malformed XML: DataError with the file name and line', () => {
    const path = join(dir, 'truncated.xml');
    writeFileSync(path, XML.slice(0, XML.indexOf('</Vertices>')));
    fails(path, `${path}: malformed XML at line 15: <Vertices> is never closed (the file ends early)`);
    fails(
      XML.replace('</Vertices>\n</Region>', '</Region>'),
      '<xml>: malformed XML at line 15: </Region> closes <Vertices>',
    );
    fails(
      '<Annotations><Region Id=1></Region></Annotations>',
      '<xml>: malformed XML at line 1: attribute Id of <Region> is not quoted',
    );
    fails('<Annotations><Region Id="1" Id="2"></Region></Annotations>', /attribute Id repeated in <Region>/);
    fails('<Annotations></Annotations><Annotations/>', /a second root element <Annotations>/);
    fails('<Annotations>\n<!-- never closed\n', /malformed XML at line 2: unterminated comment/);
    fails('<Annotations><Vertex X="1" Y="2"/></Annotations>', '<xml>: <Vertex> at line 1 is outside any <Region>');
    fails(
      '<Annotations><Region Id="a"><Region Id="b"></Region></Region></Annotations>',
      '<xml>: <Region> at line 1 is nested inside region 1 (Id a) at line 1',
    );
    fails(
      new TextEncoder().encode('<?xml version="1.0"?>\n<svg></svg>'),
      '<bytes>: not an Aperio ImageScope annotation file: the root element is <svg>, expected <Annotations>',
    );
    fails('<Annotations><Region', /<Region> is not closed/);
    fails(new Uint8Array(0), '<bytes>: empty file (expected xml)', { ...size, name: '<bytes>' });
    fails(join(dir, 'missing.xml'), `${join(dir, 'missing.xml')}: file not found`);
  });

  it('bad regions and vertices: DataError naming the region number, Id, line and vertex', () => {
    const one = (vertices: string, id = 'Id="12"'): string =>
      `<Annotations>\n<Annotation><Regions>\n<Region ${id}><Vertices>${vertices}</Vertices></Region>\n</Regions></Annotation></Annotations>`;
    fails(one('<Vertex X="1"/>'), '<xml>: region 1 (Id 12) at line 3: vertex 0 (line 3) has no Y');
    fails(
      one('<Vertex X="1" Y="1"/><Vertex X="abc" Y="1"/>'),
      '<xml>: region 1 (Id 12) at line 3: vertex 1 (line 3) has X="abc", not a finite number',
    );
    fails(one('<Vertex X="NaN" Y="1"/>'), /vertex 0 \(line 3\) has X="NaN", not a finite number/);
    fails(one('<Vertex X="Infinity" Y="1"/>'), /has X="Infinity", not a finite number/);
    fails(one('<Vertex X="1e999" Y="1"/>'), /has X="1e999", not a finite number/);
    fails(one('<Vertex X="" Y="1"/>'), /has X="", not a finite number/);
    fails(one('', ''), '<xml>: region 1 at line 3 has no vertices');
    fails(
      one('<Vertex X="1" Y="1"/><Vertex X="999.5" Y="1"/>'),
      '<xml>: region 1 (Id 12) at line 3: vertex 1 (999.5, 1) lies outside the 6x5 image (more than 2 px beyond its edge; is this the XML of another image?)',
    );
    fails(one('<Vertex X="1" Y="-2.6"/>'), /vertex 0 \(1, -2.6\) lies outside the 6x5 image/);
    fails(one('<Vertex X="6" Y="1"/>'), /lies outside the 6x5 image \(more than 0 px/, { ...size, margin: 0 });
  });

  it('XML the scanner skips or decodes: DOCTYPE with an internal subset, CDATA, comments, entities, text', () => {
    const xml =
      '<?xml version="1.0"?>\n<!DOCTYPE Annotations [ <!ELEMENT Annotations ANY> ]>\n<!-- c -->\n' +
      '<Annotations><Annotation><Regions><Region Id="a&amp;b&#33;&#x3f;"><Attributes><![CDATA[ <Vertex X="9"/> ]]>text</Attributes></Region></Regions></Annotation></Annotations>\n';
    fails(xml, '<xml>: region 1 (Id a&b!?) at line 4 has no vertices');
    fails('<Annotations><Region Id="&nbsp;"/></Annotations>', /unknown entity in attribute Id of <Region>/);
    fails('<Annotations/>trailing', /malformed XML at line 1: text outside the root element/);
    expect(Array.from(readMoNuSegXml('<Annotations/>', size).data).every((v) => v === 0)).toBe(true);
  });

  it('bad options are InvalidArgumentError', () => {
    expect(() => readMoNuSegXml(XML, { width: 6, height: -1 })).toThrowError(
      /Invalid argument 'options': width and height must be positive integers/,
    );
    expect(() => readMoNuSegXml(XML, { ...size, margin: -1 })).toThrowError(/Invalid argument 'margin'/);
  });
});
