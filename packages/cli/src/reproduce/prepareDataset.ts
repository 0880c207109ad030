import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Sample } from '@qfcn/contract';
import { DataError } from '@qfcn/contract';
import { createRng, loadFolderDataset, loadGlas, verifyGlas, writeSyntheticGlas } from '@qfcn/data';
import type { DatasetKind, ResolvedOptions } from './options';

/** The data of one experiment: a training pool and named test parts, all labelled. */
export interface ExperimentData {
  readonly kind: DatasetKind;
  readonly name: string;
  readonly dir: string;
  readonly train: readonly Sample[];
  readonly test: Readonly<Record<string, readonly Sample[]>>;
  /** Lines worth telling the user (verification result, split sizes). */
  readonly notes: readonly string[];
}

function looksLikeGlas(dir: string): boolean {
  return existsSync(dir) && readdirSync(dir).some((f) => /^(train|testA|testB)_\d+_anno\.bmp$/.test(f));
}

/**
 * Loads (or, for the synthetic default, writes then loads) the experiment's data.
 *
 * - synthetic: `writeSyntheticGlas` into `<out>/data` in the GlaS layout, loaded with `loadGlas`, so
 *   the real loader path is exercised; test parts A and B.
 * - glas: the user's copy, verified against the official manifest (differences are reported, not
 *   fatal); test parts A and B.
 * - folder: `<id>.png` + `<id>_label.png`; a seeded `testFraction` of the images is held out as `test`.
 */
export async function prepareDataset(o: ResolvedOptions): Promise<ExperimentData> {
  const kind: DatasetKind = o.dataset ?? (o.data && looksLikeGlas(o.data) ? 'glas' : 'folder');
  if (kind === 'synthetic') {
    const dir = join(o.out, 'data');
    if (!existsSync(join(dir, 'Grade.csv'))) {
      await writeSyntheticGlas(dir, { ...o.synthetic, size: o.synthetic.size, seed: o.seed });
    }
    const ds = await loadGlas(dir, { name: 'synthetic' });
    return {
      kind,
      name: 'synthetic glands',
      dir,
      train: ds.splits.train ?? [],
      test: { testA: ds.splits.testA ?? [], testB: ds.splits.testB ?? [] },
      notes: [`synthetic H&E glands (seed ${o.seed}) written in the GlaS layout to ${dir}`],
    };
  }
  const dir = o.data!;
  if (!existsSync(dir)) throw new DataError('dataset folder does not exist', { path: dir });
  if (kind === 'glas') {
    const report = await verifyGlas(dir);
    const notes = [
      report.ok
        ? 'GlaS copy verified against the official sha256 manifest: all files match'
        : `GlaS copy differs from the official release: ${report.missing.length} missing, ${report.altered.length} altered, ${report.extra.length} extra files`,
    ];
    const ds = await loadGlas(dir);
    return {
      kind,
      name: 'GlaS (Warwick-QU)',
      dir,
      train: ds.splits.train ?? [],
      test: { testA: ds.splits.testA ?? [], testB: ds.splits.testB ?? [] },
      notes,
    };
  }
  const ds = await loadFolderDataset(dir);
  const all = Object.values(ds.splits).flat();
  if (all.length < 4)
    throw new DataError(`a folder dataset needs at least 4 labelled images (found ${all.length})`, { path: dir });
  const rng = createRng(o.seed);
  const order = all.map((s, i) => ({ s, key: rng.next(), i })).sort((a, b) => a.key - b.key || a.i - b.i);
  const nTest = Math.max(1, Math.round(all.length * o.testFraction));
  const test = order
    .slice(0, nTest)
    .map((x) => x.s)
    .sort((a, b) => a.id.localeCompare(b.id));
  const train = order
    .slice(nTest)
    .map((x) => x.s)
    .sort((a, b) => a.id.localeCompare(b.id));
  return {
    kind,
    name: `folder dataset ${dir}`,
    dir,
    train,
    test: { test },
    notes: [`${all.length} labelled images; held out as test (seed ${o.seed}): ${test.map((s) => s.id).join(', ')}`],
  };
}
