import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { removeStaleTemporaries } from '@qfcn/internal/node';
import { initCliBackend } from '../backend';
import { labelMapToGeoJSON, overlay, writeGeoJSON, writeLabelMapPng, writePng } from '@qfcn/data';
import { toInstances } from '@qfcn/fcn';
import { parse, parseNumber, parsePositiveInt, requireString, UsageError } from '../args';
import type { Command } from '../command';
import { createProgress } from '../progress';
import { assertOutputPath, listImages, loadEnsemble, loadImage } from './common';

const help = `
qfcn predict — segment a folder of images of any size into instance label maps

Usage: qfcn predict --model DIR --images DIR --out DIR [--format png|geojson|both] [--tile N]
                    [--overlap N] [--tta on|off] [--color-match on|off] [--object-threshold X] [--marker-threshold X]
                    [--contour-threshold X] [--distance-threshold X] [--min-area N] [--split-depth X]
                    [--distance-depth X] [--hv-threshold X] [--no-overlay] [--backend auto|wasm|cpu|…] [--quiet]

  --model DIR     a model folder from 'qfcn train' (ensemble.json) or one FCN (model.json)
  --images DIR    images (PNG, BMP, TIFF; RGB); files named like labels (_anno, _label, …) are skipped
  --out DIR       writes <id>_instances.png (16-bit instance labels, 0 = background),
                  <id>_instances.geojson (one polygon per instance, pixel corners on the integer
                  grid; QuPath: drag the file onto the open image, or File > Import objects) and
                  <id>_overlay.png (instance contours over the image)
  --format F      png, geojson or both (default both)
  --tile N        inference tile side (default 256); tiles overlap by --overlap (default tile/4)
                  and are blended, so any image size works in bounded memory
  --tta on|off    average the predictions of the 4 flips of every tile (default: what training
                  chose on its validation images, else off)
  --color-match on|off
                  bring each image to the colour statistics (CIELAB means and spreads) of the
                  training images before inference (default: what training chose on its
                  validation images; on needs a model that saved them)
  Post-processing (default: what 'qfcn train' fitted on its validation images, saved with the
  model; else object 0.5, marker = object, contour 0.5, min area 16, split depth 0): a pixel is
  object above --object-threshold X; a seed where also above --marker-threshold X and its contour
  is below --contour-threshold X; seeds joined by a neck are cut where their peaks stand more than
  --split-depth X pixels above it (0: never); with a model trained with --heads 3 (the default),
  a seed also needs its distance above --distance-threshold X (0: not used), and seeds are cut
  between peaks of the distance map standing more than --distance-depth X above the saddle
  between them (0: never; instead of --split-depth, which it replaces); with a model trained with
  --hv-head, a seed also needs the hv maps' edge energy below --hv-threshold X (0: not used);
  seeds under --min-area N pixels are dropped

Example:
  qfcn predict --model nuclei-model --images slides/ --out predictions/
  qfcn evaluate --pred predictions/ --gt slides/
`;

export const predictCommand: Command = {
  name: 'predict',
  summary: 'instance label maps (16-bit PNG, GeoJSON for QuPath) and overlays for a folder of images of any size',
  help,
  async run(argv, io) {
    const { values, positionals } = parse(argv, {
      model: { type: 'string' },
      images: { type: 'string' },
      out: { type: 'string' },
      tile: { type: 'string' },
      overlap: { type: 'string' },
      'min-area': { type: 'string' },
      'split-depth': { type: 'string' },
      'object-threshold': { type: 'string' },
      'marker-threshold': { type: 'string' },
      'contour-threshold': { type: 'string' },
      'distance-threshold': { type: 'string' },
      'distance-depth': { type: 'string' },
      'hv-threshold': { type: 'string' },
      tta: { type: 'string' },
      'color-match': { type: 'string' },
      format: { type: 'string', default: 'both' },
      'no-overlay': { type: 'boolean', default: false },
      backend: { type: 'string', default: 'auto' },
      quiet: { type: 'boolean', default: false },
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const modelDir = requireString(values.model, 'model');
    const out = requireString(values.out, 'out');
    const format = values.format as string;
    if (format !== 'png' && format !== 'geojson' && format !== 'both')
      throw new UsageError(`--format must be png, geojson or both, got '${format}'`);
    if (values.tta !== undefined && values.tta !== 'on' && values.tta !== 'off')
      throw new UsageError(`--tta must be on or off, got '${values.tta}'`);
    const colorMatch = values['color-match'];
    if (colorMatch !== undefined && colorMatch !== 'on' && colorMatch !== 'off')
      throw new UsageError(`--color-match must be on or off, got '${colorMatch}'`);
    const tile = parsePositiveInt(values.tile, 'tile', 256);
    const overlap = values.overlap === undefined ? undefined : parseNumber(values.overlap, 'overlap', 0);
    if (overlap !== undefined && !(Number.isInteger(overlap) && overlap >= 0 && overlap < tile)) {
      throw new UsageError(`--overlap must be an integer in [0, ${tile}) (below --tile), got '${values.overlap}'`);
    }
    const flags = {
      ...(values['object-threshold'] === undefined
        ? {}
        : { objectThreshold: parseNumber(values['object-threshold'], 'object-threshold', 0.5) }),
      ...(values['marker-threshold'] === undefined
        ? {}
        : { markerThreshold: parseNumber(values['marker-threshold'], 'marker-threshold', 0.5) }),
      ...(values['contour-threshold'] === undefined
        ? {}
        : { contourThreshold: parseNumber(values['contour-threshold'], 'contour-threshold', 0.5) }),
      ...(values['min-area'] === undefined ? {} : { minArea: parseNumber(values['min-area'], 'min-area', 16) }),
      ...(values['split-depth'] === undefined
        ? {}
        : { splitDepth: parseNumber(values['split-depth'], 'split-depth', 0) }),
      ...(values['distance-threshold'] === undefined
        ? {}
        : { distanceThreshold: parseNumber(values['distance-threshold'], 'distance-threshold', 0) }),
      ...(values['distance-depth'] === undefined
        ? {}
        : { distanceDepth: parseNumber(values['distance-depth'], 'distance-depth', 0) }),
      ...(values['hv-threshold'] === undefined
        ? {}
        : { hvThreshold: parseNumber(values['hv-threshold'], 'hv-threshold', 0) }),
    };
    for (const [flag, v] of [
      ['object-threshold', flags.objectThreshold],
      ['marker-threshold', flags.markerThreshold],
      ['contour-threshold', flags.contourThreshold],
      ['distance-threshold', flags.distanceThreshold],
      ['hv-threshold', flags.hvThreshold],
    ] as const) {
      if (v !== undefined && !(v >= 0 && v <= 1)) throw new UsageError(`--${flag} must be in [0, 1], got ${v}`);
    }
    if (flags.minArea !== undefined && !(flags.minArea >= 0))
      throw new UsageError(`--min-area must be ≥ 0, got ${flags.minArea}`);
    if (flags.splitDepth !== undefined && !(flags.splitDepth >= 0))
      throw new UsageError(`--split-depth must be ≥ 0, got ${flags.splitDepth}`);
    if (flags.distanceDepth !== undefined && !(flags.distanceDepth >= 0 && flags.distanceDepth < 1))
      throw new UsageError(`--distance-depth must be in [0, 1), got ${flags.distanceDepth}`);
    if (flags.splitDepth && flags.distanceDepth)
      throw new UsageError('--split-depth and --distance-depth are two ways to cut seeds: give one of them');
    assertOutputPath(out, 'out', 'folder');
    const images = listImages(requireString(values.images, 'images'));
    await initCliBackend(values.backend, { check: 'inference', log: values.quiet ? false : (l) => io.err(`${l}\n`) });
    const ensemble = await loadEnsemble(modelDir, {
      tile,
      ...(overlap === undefined ? {} : { overlap }),
      ...(values.tta === undefined ? {} : { tta: values.tta === 'on' }),
      ...(colorMatch === 'off' ? { colorTarget: undefined } : {}),
    });
    if (colorMatch === 'on' && !ensemble.members[0]!.tileOptions.colorTarget) {
      ensemble.dispose();
      throw new UsageError(
        `--color-match on: ${modelDir} saved no colour statistics (its training kept the raw colours, or predates colour matching)`,
      );
    }
    // a flag that cuts seeds one way replaces the saved way of the other
    const replaced = {
      ...(flags.splitDepth ? { distanceDepth: 0 } : {}),
      ...(flags.distanceDepth ? { splitDepth: 0 } : {}),
    };
    const instanceOptions = { minArea: 16, ...ensemble.instances, ...replaced, ...flags };
    mkdirSync(out, { recursive: true });
    // a run killed mid-write left its temporary behind; the rerun rewrites that file anyway
    removeStaleTemporaries(out);
    const progress = createProgress({ quiet: Boolean(values.quiet) });
    try {
      let done = 0;
      for (const { id, path } of images) {
        const image = loadImage(path);
        const instances = toInstances(await ensemble.predict(image), instanceOptions);
        if (format !== 'geojson') writeLabelMapPng(join(out, `${id}_instances.png`), instances);
        if (format !== 'png') writeGeoJSON(join(out, `${id}_instances.geojson`), labelMapToGeoJSON(instances));
        if (!values['no-overlay'])
          writePng(join(out, `${id}_overlay.png`), overlay(image, instances, { thickness: 2 }));
        progress.listener({
          stage: 'predict',
          current: ++done,
          total: images.length,
          values: { instances: instances.count },
        });
      }
    } finally {
      progress.stop();
      ensemble.dispose();
    }
    io.out(`wrote ${images.length} instance maps to ${out}\n`);
    return 0;
  },
};
