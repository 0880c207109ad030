import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeBmp } from '../io/encodeBmp';
import { encodeLabelMapBmp } from '../io/encodeLabelMapBmp';
import { encodeLabelMapPng } from '../io/encodeLabelMapPng';
import { encodePng } from '../io/encodePng';
import { readLabelMap } from '../io/readLabelMap';
import { sharedPath } from '../io/testing/sharedData';
import { labelMapToGeoJSON } from '../interop/labelMapToGeoJSON';
import { loadFolderDataset } from './loadFolderDataset';

const fixture = (name: string): Uint8Array => readFileSync(new URL(`../io/fixtures/${name}`, import.meta.url));
const rgb = (w: number, h: number, v = 100) => ({
  width: w,
  height: h,
  channels: 3 as const,
  data: new Uint8Array(w * h * 3).fill(v),
});
const labels = (w: number, h: number, l = 1) => ({ width: w, height: h, data: new Uint16Array(w * h).fill(l) });

describe('loadFolderDataset', () => {
  const root = mkdtempSync(join(tmpdir(), 'qfcn-folder-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  let n = 0;
  const folder = (files: Record<string, Uint8Array | string>): string => {
    const dir = join(root, `case${n++}`);
    for (const [name, bytes] of Object.entries(files)) {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), bytes);
    }
    return dir;
  };

  it('flat folder: PNG, BMP and TIFF pairs in numeric id order, one split "all"; other files ignored', async () => {
    const dir = folder({
      'img3.tif': fixture('grey8_5x3.tif'),
      'img3_label.TIF': fixture('int32_5x3.tif'),
      'img10.png': encodePng(rgb(4, 3)),
      'img10_label.png': encodeLabelMapPng(labels(4, 3, 300)),
      'img2.bmp': encodeBmp(rgb(4, 3, 50)),
      'img2_label.bmp': encodeLabelMapBmp({ width: 4, height: 3, data: new Uint8Array(12).fill(2) }),
      'notes.txt': 'ignore me',
    });
    const ds = await loadFolderDataset(dir);
    expect(ds.name).toBe('case0');
    expect(Object.keys(ds.splits)).toEqual(['all']);
    expect(ds.splits.all!.map((s) => s.id)).toEqual(['img2', 'img3', 'img10']);
    expect(ds.splits.all![2]!.label!.data[0]).toBe(300);
    expect(ds.splits.all![1]!.image.channels).toBe(1);
    expect(ds.splits.all![1]!.label!.data[2]).toBe(70000);
    expect(ds.splits.all![0]!.meta).toEqual({
      split: 'all',
      imagePath: join(dir, 'img2.bmp'),
      labelPath: join(dir, 'img2_label.bmp'),
    });
  });

  it('sub-folders become splits; split and name options; a custom label suffix (_anno)', async () => {
    const dir = folder({
      'train/a.png': encodePng(rgb(2, 2)),
      'train/a_anno.png': encodeLabelMapPng(labels(2, 2)),
      'test/b.png': encodePng(rgb(2, 2)),
      'test/b_anno.png': encodeLabelMapPng(labels(2, 2)),
    });
    const ds = await loadFolderDataset(dir, { labelSuffix: '_anno', name: 'mine' });
    expect(ds.name).toBe('mine');
    expect(Object.keys(ds.splits)).toEqual(['test', 'train']);
    const flat = await loadFolderDataset(join(dir, 'train'), { labelSuffix: '_anno', split: 'pool' });
    expect(Object.keys(flat.splits)).toEqual(['pool']);
  });

  it('unlabeled images: error by default, allowed with requireLabels: false', async () => {
    const dir = folder({
      'x.png': encodePng(rgb(2, 2)),
      'y.png': encodePng(rgb(2, 2)),
      'y_label.png': encodeLabelMapPng(labels(2, 2)),
    });
    await expect(loadFolderDataset(dir)).rejects.toThrowError(
      `${dir}: image x.png has no label x_label.<png|bmp|tif> (pass requireLabels: false to allow unlabeled images)`,
    );
    const ds = await loadFolderDataset(dir, { requireLabels: false });
    expect(ds.splits.all!.map((s) => [s.id, s.label === undefined])).toEqual([
      ['x', true],
      ['y', false],
    ]);
  });

  it('errors: empty folder, missing folder, orphan label, duplicate id, size mismatch, RGB label', async () => {
    const empty = folder({ 'readme.md': '#' });
    await expect(loadFolderDataset(empty)).rejects.toThrowError(
      `${empty}: no images (.png, .bmp, .tif, .tiff) in this folder or its sub-folders`,
    );
    await expect(loadFolderDataset(join(root, 'nope'))).rejects.toThrowError(/nope: folder not found/);
    const orphan = folder({
      'a.png': encodePng(rgb(2, 2)),
      'a_label.png': encodeLabelMapPng(labels(2, 2)),
      'b_label.png': encodeLabelMapPng(labels(2, 2)),
    });
    await expect(loadFolderDataset(orphan)).rejects.toThrowError(
      `${orphan}: label b_label.png has no image b.<png|bmp|tif>`,
    );
    const dup = folder({ 'a.png': encodePng(rgb(2, 2)), 'a.bmp': encodeBmp(rgb(2, 2)) });
    await expect(loadFolderDataset(dup, { requireLabels: false })).rejects.toThrowError(
      /a\.bmp and a\.png are both the image of 'a'|a\.png and a\.bmp are both the image of 'a'/,
    );
    const size = folder({ 'a.png': encodePng(rgb(3, 2)), 'a_label.png': encodeLabelMapPng(labels(2, 2)) });
    await expect(loadFolderDataset(size)).rejects.toThrowError(
      `${join(size, 'a_label.png')}: label is 2x2 but its image a.png is 3x2`,
    );
    const colour = folder({ 'a.png': encodePng(rgb(2, 2)), 'a_label.png': encodePng(rgb(2, 2)) });
    await expect(loadFolderDataset(colour)).rejects.toThrowError(
      /a_label\.png: label map must be single-channel integer \(got 8-bit RGB PNG\)/,
    );
  });

  // polygon labels: MoNuSeg's <id>.tif + <id>.xml, QuPath's <id>.geojson
  const xml = (regions: string[]): string =>
    `<?xml version="1.0"?>\n<Annotations><Annotation Id="1"><Regions>\n${regions
      .map((r, i) => `<Region Id="${i + 1}"><Vertices>${r}</Vertices></Region>`)
      .join('\n')}\n</Regions></Annotation></Annotations>\n`;
  const v = (x: number, y: number): string => `<Vertex X="${x}" Y="${y}" Z="0"/>`;
  const geojson = (coordinates: number[][][], label = 1): string =>
    JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: { type: 'Polygon', coordinates }, properties: { objectType: 'detection', label } },
      ],
    });

  it('<id>.tif + <id>.xml (MoNuSeg) and <id>.png + <id>.geojson / <id>_label.geojson pairs, at the size of their image', async () => {
    const dir = folder({
      'TCGA-1.tif': fixture('rgb_5x3.tif'),
      'TCGA-1.xml': xml([v(0, 0) + v(1, 0) + v(1, 1) + v(0, 1), v(3, 2) + v(4, 2)]),
      'b.png': encodePng(rgb(4, 3)),
      'b.geojson': geojson(
        [
          [
            [1, 0],
            [3, 0],
            [3, 2],
            [1, 2],
            [1, 0],
          ],
        ],
        9,
      ),
      'c.png': encodePng(rgb(2, 2)),
      'c_label.GeoJSON': geojson([
        [
          [0, 1],
          [2, 1],
          [2, 2],
          [0, 2],
          [0, 1],
        ],
      ]),
      'd.bmp': encodeBmp(rgb(2, 1)),
      'd_label.png': encodeLabelMapPng(labels(2, 1, 5)),
      'notes.xml': '<not-an-annotation/>', // no image 'notes': ignored like any other file
      'e.geojson': '{', // no image 'e': ignored
    });
    const ds = await loadFolderDataset(dir);
    const [b, c, d, tcga] = ds.splits.all!;
    expect(ds.splits.all!.map((s) => s.id)).toEqual(['b', 'c', 'd', 'TCGA-1']);
    expect(tcga!.label!.data).toBeInstanceOf(Uint16Array);
    expect(Array.from(tcga!.label!.data)).toEqual([1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 2, 2]);
    expect(tcga!.meta).toEqual({
      split: 'all',
      imagePath: join(dir, 'TCGA-1.tif'),
      labelPath: join(dir, 'TCGA-1.xml'),
    });
    expect(Array.from(b!.label!.data)).toEqual([0, 9, 9, 0, 0, 9, 9, 0, 0, 0, 0, 0]);
    expect(Array.from(c!.label!.data)).toEqual([0, 0, 1, 1]);
    expect(Array.from(d!.label!.data)).toEqual([5, 5]);
  });

  it('polygon labels: two labels for one id, bad XML/GeoJSON and polygons outside the image throw, naming the files', async () => {
    const both = folder({
      'a.png': encodePng(rgb(2, 2)),
      'a_label.png': encodeLabelMapPng(labels(2, 2)),
      'a.xml': xml([v(0, 0)]),
    });
    await expect(loadFolderDataset(both)).rejects.toThrowError(
      `${both}: a.xml and a_label.png are both the label of 'a' (keep one)`,
    );
    const three = folder({
      'a.tif': fixture('rgb_5x3.tif'),
      'a.xml': xml([v(0, 0)]),
      'a.geojson': '{}',
      'a_label.geojson': '{}',
    });
    await expect(loadFolderDataset(three)).rejects.toThrowError(
      `${three}: a.geojson, a.xml and a_label.geojson are all labels of 'a' (keep one)`,
    );
    const broken = folder({ 'a.tif': fixture('rgb_5x3.tif'), 'a.xml': '<Annotations><Region>' });
    await expect(loadFolderDataset(broken)).rejects.toThrowError(
      `${join(broken, 'a.xml')}: malformed XML at line 1: <Region> is never closed (the file ends early)`,
    );
    const far = folder({ 'a.tif': fixture('rgb_5x3.tif'), 'a.xml': xml([v(0, 0) + v(999, 0)]) });
    await expect(loadFolderDataset(far)).rejects.toThrowError(
      `${join(far, 'a.xml')}: region 1 (Id 1) at line 3: vertex 1 (999, 0) lies outside the 5x3 image`,
    );
    const outside = folder({
      'a.png': encodePng(rgb(2, 2)),
      'a.geojson': geojson(
        [
          [
            [0, 0],
            [3, 0],
            [3, 1],
            [0, 1],
            [0, 0],
          ],
        ],
        4,
      ),
    });
    await expect(loadFolderDataset(outside)).rejects.toThrowError(
      `${join(outside, 'a.geojson')}: features[0] (label 4) ring 0 position 1 (3, 0) lies outside the 2x2 image`,
    );
    const json = folder({ 'a.png': encodePng(rgb(2, 2)), 'a.geojson': '{"type":' });
    await expect(loadFolderDataset(json)).rejects.toThrowError(
      new RegExp(`^${join(json, 'a.geojson')}: malformed JSON`),
    );
    // an image whose only label is a polygon file still counts as labelled; requireLabels: false keeps unlabeled ones
    const mixed = folder({
      'a.png': encodePng(rgb(2, 2)),
      'a.geojson': geojson([
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 1],
          [0, 0],
        ],
      ]),
      'b.png': encodePng(rgb(2, 2)),
    });
    await expect(loadFolderDataset(mixed)).rejects.toThrowError(
      `${mixed}: image b.png has no label b_label.<png|bmp|tif> (pass requireLabels: false to allow unlabeled images)`,
    );
    expect(
      (await loadFolderDataset(mixed, { requireLabels: false })).splits.all!.map((s) => [s.id, s.label?.data[0]]),
    ).toEqual([
      ['a', 1],
      ['b', undefined],
    ]);
  });

  const sharedMonuseg = sharedPath('data', 'monuseg', 'train');
  const geoTile = 'TCGA-B0-5711-01Z-00-DX1';
  if (!existsSync(sharedMonuseg))
    console.log(`loadFolderDataset: real-tile GeoJSON test skipped (${sharedMonuseg} not present)`);
  it.skipIf(!existsSync(sharedMonuseg))(
    'a real MoNuSeg tile with its labels as <id>.geojson loads the same labels as its _label.png',
    async () => {
      const expected = readLabelMap(join(sharedMonuseg, `${geoTile}_label.png`));
      const dir = folder({
        [`${geoTile}.png`]: readFileSync(join(sharedMonuseg, `${geoTile}.png`)),
        [`${geoTile}.geojson`]: JSON.stringify(labelMapToGeoJSON(expected)),
      });
      const s = (await loadFolderDataset(dir)).splits.all![0]!;
      expect(s.label!.data).toBeInstanceOf(Uint16Array);
      let diff = 0;
      for (let i = 0; i < expected.data.length; i++) if (s.label!.data[i] !== expected.data[i]) diff++;
      expect(diff).toBe(0);
    },
  );

  const monuseg = sharedPath('data', 'monuseg');
  const tile = 'TCGA-21-5784-01Z-00-DX1';
  it.skipIf(!existsSync(monuseg))(
    `one real MoNuSeg tile pair copied to a folder: 1000x1000 RGB + 16-bit labels (skipped when ${monuseg} is absent)`,
    async () => {
      const dir = folder({});
      mkdirSync(dir, { recursive: true });
      copyFileSync(join(monuseg, 'train', `${tile}.png`), join(dir, `${tile}.png`));
      copyFileSync(join(monuseg, 'train', `${tile}_label.png`), join(dir, `${tile}_label.png`));
      const ds = await loadFolderDataset(dir);
      const s = ds.splits.all![0]!;
      expect(s.id).toBe(tile);
      expect([s.image.width, s.image.height, s.image.channels]).toEqual([1000, 1000, 3]);
      expect(s.label!.data).toBeInstanceOf(Uint16Array);
    },
  );
});

describe.skipIf(!process.env.QFCN_SLOW || !existsSync(sharedPath('data', 'monuseg')))(
  'loadFolderDataset on the whole MoNuSeg folder (slow: runs with QFCN_SLOW=1 when ../shared/data/monuseg exists)',
  () => {
    it('split train with 13 labelled 1000x1000 tiles', async () => {
      const ds = await loadFolderDataset(sharedPath('data', 'monuseg'));
      expect(ds.name).toBe('monuseg');
      expect(Object.keys(ds.splits)).toEqual(['train']);
      expect(ds.splits.train!.length).toBe(13);
      for (const s of ds.splits.train!) {
        expect([s.image.width, s.image.height, s.image.channels]).toEqual([1000, 1000, 3]);
        expect(s.label!.data).toBeInstanceOf(Uint16Array);
      }
    });
  },
);
