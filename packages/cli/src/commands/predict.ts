import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { initCliBackend } from '../backend';
import { writeLabelMapPng, writePng, overlay } from '@qfcn/data';
import { toInstances } from '@qfcn/fcn';
import { parse, parseNumber, requireString, UsageError } from '../args';
import type { Command } from '../command';
import { createProgress } from '../progress';
import { listImages, loadEnsemble, loadImage } from './common';

const help = `
qfcn predict — segment a folder of images of any size into instance label maps

Usage: qfcn predict --model DIR --images DIR --out DIR [--tile N] [--overlap N] [--min-area N]
                    [--no-overlay] [--backend auto|wasm|cpu|…] [--quiet]

  --model DIR     a model folder from 'qfcn train' (ensemble.json) or one FCN (model.json)
  --images DIR    images (PNG, BMP, TIFF; RGB); files named like labels (_anno, _label, …) are skipped
  --out DIR       writes <id>_instances.png (16-bit instance labels, 0 = background) and
                  <id>_overlay.png (instance contours over the image)
  --tile N        inference tile side (default 256); tiles overlap and are blended, so any image
                  size works in bounded memory
  --min-area N    drop instances smaller than N pixels (default 16)

Example:
  qfcn predict --model nuclei-model --images slides/ --out predictions/
  qfcn evaluate --pred predictions/ --gt slides/
`;

export const predictCommand: Command = {
  name: 'predict',
  summary: 'instance label maps (16-bit PNG) and overlays for a folder of images of any size',
  help,
  async run(argv, io) {
    const { values, positionals } = parse(argv, {
      model: { type: 'string' },
      images: { type: 'string' },
      out: { type: 'string' },
      tile: { type: 'string' },
      overlap: { type: 'string' },
      'min-area': { type: 'string' },
      'no-overlay': { type: 'boolean', default: false },
      backend: { type: 'string', default: 'auto' },
      quiet: { type: 'boolean', default: false },
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const modelDir = requireString(values.model, 'model');
    const out = requireString(values.out, 'out');
    const images = listImages(requireString(values.images, 'images'));
    await initCliBackend(values.backend, { check: 'inference', log: values.quiet ? false : (l) => io.err(`${l}\n`) });
    const tile = parseNumber(values.tile, 'tile', 256);
    const ensemble = await loadEnsemble(modelDir, tile);
    const minArea = parseNumber(values['min-area'], 'min-area', 16);
    mkdirSync(out, { recursive: true });
    const progress = createProgress({ quiet: Boolean(values.quiet) });
    try {
      let done = 0;
      for (const { id, path } of images) {
        const image = loadImage(path);
        const instances = toInstances(await ensemble.predict(image), { minArea });
        writeLabelMapPng(join(out, `${id}_instances.png`), instances);
        if (!values['no-overlay']) writePng(join(out, `${id}_overlay.png`), overlay(image, instances, { thickness: 2 }));
        progress.listener({ stage: 'predict', current: ++done, total: images.length, values: { instances: instances.count } });
      }
    } finally {
      progress.stop();
      ensemble.dispose();
    }
    io.out(`wrote ${images.length} instance maps to ${out}\n`);
    return 0;
  },
};
