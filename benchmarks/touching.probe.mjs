// Probe: does the network see the line between touching nuclei? (issue 13)
//
// On a fold model's VALIDATION tiles (never the held-out ones), with the probability maps that
// tune-grid.probe.mjs cached, compares the contour and distance outputs on three kinds of
// ground-truth pixels: the 1-px inner edge where a nucleus touches ANOTHER nucleus, the 1-px inner edge
// where it meets background, and nucleus interiors. Run after tune-grid.probe.mjs:
//   QFCN_TOUCH_ROW=qnt5 QFCN_TOUCH_SEED=1 node benchmarks/touching.probe.mjs   (QFCN_TOUCH_FOLDS=0,1,2,3)
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readLabelMap } from '@qfcn/data/node';
import { splitValidation } from '@qfcn/fcn';
import { cachedMaps, cvRun, edgeKinds, monusegTileIds } from './monusegFolds.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const data = resolve(here, '..', '..', 'shared', 'data', 'monuseg', 'train');
const row = process.env.QFCN_TOUCH_ROW ?? 'float';
const seed = Number(process.env.QFCN_TOUCH_SEED ?? '1');
const folds = (process.env.QFCN_TOUCH_FOLDS ?? '0,1,2,3').split(',').map(Number);
if (!existsSync(data)) {
  console.log(`touching: skipped (no MoNuSeg tiles at ${data})`);
  process.exit(0);
}
const ids = monusegTileIds(data);
for (const fold of folds) {
  const { validation } = cvRun(ids, '', row, seed, fold, splitValidation);
  const cache = join(here, 'results', 'tune-grid', 'maps', `${row}-seed${seed}-fold${fold}`);
  for (const id of validation) {
    if (!existsSync(join(cache, `${id}.bin`))) {
      console.log(`fold ${fold} ${id}: no cached maps (run tune-grid.probe.mjs first); skipped`);
      continue;
    }
    const gt = readLabelMap(join(data, `${id}_label.png`));
    const maps = await cachedMaps(cache, id, gt, () => {
      throw new Error('unreachable');
    });
    const kinds = edgeKinds(gt);
    const stats = (list, plane) => {
      if (!plane) return '–';
      let s = 0;
      let above = 0;
      for (const i of list) {
        s += plane.data[i];
        if (plane.data[i] > 0.4) above++;
      }
      return `${(s / list.length).toFixed(3)} (${((100 * above) / list.length).toFixed(0)}% > 0.4)`;
    };
    for (const [kind, list] of Object.entries(kinds)) {
      console.log(
        `fold ${fold} ${id} ${kind}: ${list.length} px, contour ${stats(list, maps.contour)}, object ${stats(list, maps.object)}, distance ${stats(list, maps.distance)}`,
      );
    }
  }
}
