import { existsSync, readFileSync, statSync } from 'node:fs';
import { initCliBackend } from '../backend';
import { scorePool, suggest } from '@qfcn/suggestive';
import { parse, parsePositiveInt, renamedFlag, requireString, UsageError } from '../args';
import type { Command } from '../command';
import { formatTable } from '../format';
import { createProgress } from '../progress';
import { listImages, loadEnsemble, loadImage } from './common';

const help = `
qfcn suggest — which images should an expert annotate next? (suggestive annotation, Yang et al. 2017)

Usage: qfcn suggest --model DIR --images DIR [--annotated IDS|FILE] [--picks 8] [--candidates 16] [--json]
                    [--tile N] [--backend auto|wasm|cpu|…] [--quiet]

  --model DIR       an ensemble from 'qfcn train --members N' (N ≥ 2: uncertainty is the members'
                    disagreement; a QSA ensemble is one trained with --bits)
  --images DIR      the pool: annotated and unannotated images
  --annotated X     ids already annotated: comma-separated, or a file with one id per line
  --candidates N    the N most uncertain unannotated images (default 16; the paper's K, --K works too)
  --picks N         images to suggest among them, maximizing representativeness of the pool
                    (default 8; the paper's k, --k works too)

Prints the suggested images in pick order with their uncertainty (mean per-pixel variance of the
members' object probabilities), uncertainty rank, and representativeness gain (how much of the
pool they newly cover, by cosine similarity of the FCN descriptors).

Example:
  qfcn suggest --model pool-ensemble --images slides/ --annotated annotated.txt --picks 4
`;

function readIds(value: string | undefined): Set<string> {
  if (!value) return new Set();
  if (existsSync(value) && statSync(value).isDirectory())
    throw new UsageError(`--annotated ${value} is a folder; give ids or a file of ids`);
  const text = existsSync(value) ? readFileSync(value, 'utf8') : value.replace(/,/g, '\n');
  return new Set(
    text
      .split(/\r?\n/)
      .map((s) => s.trim())
      .filter(Boolean),
  );
}

export const suggestCommand: Command = {
  name: 'suggest',
  summary: 'rank the next images to annotate (uncertainty + representativeness) with a trained ensemble',
  help,
  async run(argv, io) {
    const { values, positionals } = parse(argv, {
      model: { type: 'string' },
      images: { type: 'string' },
      annotated: { type: 'string' },
      candidates: { type: 'string' },
      picks: { type: 'string' },
      K: { type: 'string' },
      k: { type: 'string' },
      json: { type: 'boolean', default: false },
      tile: { type: 'string' },
      backend: { type: 'string', default: 'auto' },
      quiet: { type: 'boolean', default: false },
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const images = listImages(requireString(values.images, 'images'));
    const annotated = readIds(values.annotated);
    const unknown = [...annotated].filter((id) => !images.some((im) => im.id === id));
    if (unknown.length > 0)
      throw new UsageError(`--annotated names ids not in the image folder: ${unknown.slice(0, 5).join(', ')}`);
    const k = parsePositiveInt(renamedFlag(values, 'picks', 'k'), 'picks', 8);
    const K = parsePositiveInt(renamedFlag(values, 'candidates', 'K'), 'candidates', Math.max(16, k));
    const tile = values.tile === undefined ? undefined : parsePositiveInt(values.tile, 'tile', 256);
    if (k > K) throw new UsageError(`--picks (${k}) must not exceed --candidates (${K})`);
    await initCliBackend(values.backend, { check: 'inference', log: values.quiet ? false : (l) => io.err(`${l}\n`) });
    const ensemble = await loadEnsemble(requireString(values.model, 'model'), tile === undefined ? {} : { tile });
    if (ensemble.size < 2 && !values.quiet)
      io.err('note: a single FCN has no disagreement; every uncertainty will be 0 (train with --members ≥ 2)\n');
    const paths = new Map(images.map((im) => [im.id, im.path]));
    const pool = images.filter((im) => !annotated.has(im.id)).map((im) => im.id);
    if (pool.length === 0) throw new UsageError('every image is already annotated');
    const progress = createProgress({ quiet: Boolean(values.quiet) });
    let scores: Awaited<ReturnType<typeof scorePool>>;
    try {
      scores = await scorePool(
        ensemble,
        { ids: () => pool, image: (id) => loadImage(paths.get(id)!) },
        { onProgress: progress.listener },
      );
    } finally {
      progress.stop();
      ensemble.dispose();
    }
    const s = suggest({
      uncertainty: scores.uncertainty,
      descriptors: scores.descriptors,
      candidates: Math.min(K, pool.length),
      picks: Math.min(k, pool.length),
    });
    const rankOf = new Map(s.candidates.map((c, r) => [c, r + 1]));
    const rows = s.selected.map((idx, i) => ({
      rank: i + 1,
      id: scores.ids[idx]!,
      uncertainty: scores.uncertainty[idx]!,
      uncertaintyRank: rankOf.get(idx)!,
      gain: s.gains[i]!,
    }));
    if (values.json) {
      io.out(
        `${JSON.stringify({ suggested: rows, representativeness: s.representativeness, candidates: s.candidates.map((c) => scores.ids[c]) }, null, 2)}\n`,
      );
      return 0;
    }
    io.out(
      `${formatTable(
        ['#', 'image', 'uncertainty', 'uncertainty rank', 'coverage gain'],
        rows.map((r) => [
          String(r.rank),
          r.id,
          r.uncertainty.toExponential(3),
          `${r.uncertaintyRank}/${s.candidates.length}`,
          r.gain.toFixed(3),
        ]),
      )}\n` +
        `Chosen among the ${s.candidates.length} most uncertain of ${pool.length} unannotated images to cover the pool best ` +
        `(representativeness F = ${s.representativeness.toFixed(3)} of a possible ${pool.length}).\n`,
    );
    return 0;
  },
};
