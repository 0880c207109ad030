// Probe: has the hv head learned HoVer-Net's maps, and do they mark the lines between touching nuclei? (issue 13)
//
// On a fold model's VALIDATION tiles (never the held-out ones): the model of a monuseg-cv row trained
// with `qfcn train --hv-head` (row `hv`) predicts each validation tile with its saved inference options;
// its hv maps are compared with `hvTarget` of the true instances (mean squared error and correlation
// on nucleus pixels, per channel), and its edge energy `max(0, −∂h/∂x, −∂v/∂y)` — what
// `toInstances({ hvThreshold })` seeds below — is summarised on three kinds of true pixels: the 1-px
// inner edge where a nucleus touches another nucleus, where it meets background, and interiors.
//   QFCN_HV_ROW=hv QFCN_HV_SEED=1 QFCN_HV_FOLDS=0,1,2,3 node benchmarks/hv.probe.mjs
// (after the row's folds ran; results/hv-probe.json gets { lines }).
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initBackend } from '@qfcn/backend/node';
import { hvTarget } from '@qfcn/data';
import { readImage, readLabelMap } from '@qfcn/data/node';
import { FcnEnsemble, hvEnergy, splitValidation } from '@qfcn/fcn';
import { cvRun, edgeKinds, envList, monusegTileIds, writeJson } from './monusegFolds.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const data = resolve(here, '..', '..', 'shared', 'data', 'monuseg', 'train');
const store = join(here, 'results', 'monuseg-cv');
const row = process.env.QFCN_HV_ROW ?? 'hv';
const seed = Number(process.env.QFCN_HV_SEED ?? '1');
const folds = envList(process.env.QFCN_HV_FOLDS, '0,1,2,3').map(Number);
if (!existsSync(data)) {
  console.log(`hv probe: skipped (no MoNuSeg tiles at ${data})`);
  process.exit(0);
}
await initBackend(process.env.QFCN_HV_BACKEND ?? 'auto', { importModule: (s) => import(s) });
const ids = monusegTileIds(data);
const lines = [];
for (const fold of folds) {
  const { modelDir, validation } = cvRun(ids, store, row, seed, fold, splitValidation);
  if (!existsSync(join(modelDir, 'ensemble.json'))) {
    console.log(`fold ${fold}: no model at ${modelDir} (run the ${row} row first); skipped`);
    continue;
  }
  const ensemble = await FcnEnsemble.load(modelDir);
  for (const id of validation) {
    const gt = readLabelMap(join(data, `${id}_label.png`));
    const out = await ensemble.predict(readImage(join(data, `${id}.png`)));
    if (!out.hv) throw new Error(`${modelDir}: the model has no hv head`);
    const target = hvTarget(gt);
    const { width, height } = gt;
    const hv = out.hv.data;
    // per channel: squared error and correlation on nucleus pixels
    const fit = [0, 1].map((c) => {
      let n = 0;
      let se = 0;
      let sp = 0;
      let st = 0;
      let spp = 0;
      let stt = 0;
      let spt = 0;
      for (let i = 0; i < width * height; i++) {
        if (gt.data[i] === 0) continue;
        const p = hv[2 * i + c];
        const t = target[2 * i + c];
        n++;
        se += (p - t) ** 2;
        sp += p;
        st += t;
        spp += p * p;
        stt += t * t;
        spt += p * t;
      }
      const cov = spt / n - (sp / n) * (st / n);
      const r = cov / Math.sqrt((spp / n - (sp / n) ** 2) * (stt / n - (st / n) ** 2));
      return `${c === 0 ? 'h' : 'v'} MSE ${(se / n).toFixed(3)} r ${r.toFixed(3)}`;
    });
    // edge energy as toInstances computes it
    const energy = hvEnergy(hv, width, height);
    const kinds = Object.fromEntries(
      Object.entries(edgeKinds(gt)).map(([kind, pixels]) => [kind, pixels.map((i) => energy[i])]),
    );
    const summary = Object.entries(kinds).map(([kind, list]) => {
      const mean = list.reduce((s, v) => s + v, 0) / list.length;
      const below = (t) => ((100 * list.filter((v) => v < t).length) / list.length).toFixed(0);
      return `${kind} ${list.length} px: energy ${mean.toFixed(3)} (${below(0.1)}% < 0.1, ${below(0.3)}% < 0.3)`;
    });
    const line = `fold ${fold} ${id}: ${fit.join(', ')}; ${summary.join('; ')}`;
    console.log(line);
    lines.push(line);
  }
  ensemble.dispose();
}
writeJson(join(here, 'results', 'hv-probe.json'), { row, seed, folds, lines });
