import type { ProgressListener, Sample } from '@qfcn/contract';
import { InvalidArgumentError } from '@qfcn/contract';
import { meanColorStatistics } from '@qfcn/data';
import { FcnEnsemble } from './FcnEnsemble';
import { FcnModel } from './FcnModel';
import type { TileOptions } from './tileOptions';
import type { ToInstancesOptions } from './toInstances';
import { type TuneInstancesOptions, type TuningPair, tuneInstances } from './tuneInstances';

/** Options of {@link tuneEnsemble}. */
export interface TuneEnsembleOptions {
  /** Labelled images the choices are made on (at least one; never test images). */
  validation: readonly Sample[];
  /**
   * The images the ensemble trained on: the colour-matching target is their mean CIELAB statistics,
   * and with `tuneOn: 'all'` they join the post-processing fit. Default none (no colour matching).
   */
  samples?: readonly Sample[];
  /** The `toInstances` settings the search starts from and does not vary. Default `{}`. */
  instances?: ToInstancesOptions;
  /** Candidate values of the post-processing search ({@link tuneInstances}). Default its grid. */
  grid?: TuneInstancesOptions;
  /** Try colour matching to `samples` (kept when the validation AJI rises). Default true. */
  colorMatch?: boolean;
  /** Fit the post-processing on `'validation'` (default) or on validation and `samples` (`'all'`). */
  tuneOn?: 'validation' | 'all';
  /** One `tune` event once fitted: `values.validationAji`, `values.tta` and `values.colorMatch` (1 when kept). */
  onProgress?: ProgressListener;
}

/**
 * Fits an ensemble's inference choices and post-processing on labelled validation images — what
 * {@link trainEnsemble} does after training.
 *
 * When to use: on an ensemble trained by your own loop (`trainFcn` on a model you built or loaded),
 * or to re-fit a loaded ensemble to validation tiles of a new site.
 *
 * Details: the post-processing of `toInstances` is searched on the ensemble's mean predictions of
 * the validation images ({@link tuneInstances}, best mean AJI); then flip test-time augmentation
 * (`tta`, unless the members already set it) and then colour matching to the mean statistics of
 * `samples` (`colorTarget`, unless already set) are each kept only when they raise that AJI. Returns
 * a new ensemble over the same member networks (do not dispose both); `ensemble` is not changed.
 * No validation images, or one without a label, throws {@link InvalidArgumentError}.
 *
 * @example
 * const tuned = await tuneEnsemble(new FcnEnsemble([new FcnModel(model)]), { validation, samples: train });
 * await tuned.save('model');
 */
export async function tuneEnsemble(ensemble: FcnEnsemble, options: TuneEnsembleOptions): Promise<FcnEnsemble> {
  const { validation, samples = [] } = options;
  if (validation.length === 0) throw new InvalidArgumentError('validation', 'at least one labelled image is needed');
  for (const s of validation) {
    if (!s.label) throw new InvalidArgumentError('validation', `image ${s.id} has no label`);
  }
  const predictPairs = async (candidate: FcnEnsemble, images: readonly Sample[]) => {
    const pairs: TuningPair[] = [];
    for (const s of images)
      pairs.push({ output: await candidate.predict(s.image), groundTruth: s.label as NonNullable<Sample['label']> });
    return pairs;
  };
  const fit = (pairs: readonly TuningPair[]) =>
    tuneInstances(pairs, { ...options.grid, base: { ...options.instances } });
  let kept = ensemble;
  let keptPairs = await predictPairs(ensemble, validation);
  let fitted = fit(keptPairs);
  // each inference choice is kept when it raises the validation AJI: test-time flips, then colour matching
  const tryOption = async (extra: TileOptions) => {
    const candidate = new FcnEnsemble(
      kept.members.map((m) => new FcnModel(m.model, { ...m.tileOptions, ...extra })),
      ensemble.histories,
    );
    const pairs = await predictPairs(candidate, validation);
    const withIt = fit(pairs);
    if (withIt.aji > fitted.aji) {
      kept = candidate;
      keptPairs = pairs;
      fitted = withIt;
    }
  };
  if (ensemble.members[0]!.tileOptions.tta === undefined) await tryOption({ tta: true });
  if (
    options.colorMatch !== false &&
    samples.length > 0 &&
    ensemble.members[0]!.tileOptions.colorTarget === undefined
  ) {
    await tryOption({ colorTarget: meanColorStatistics(samples.map((s) => s.image)) });
  }
  const { tta, colorTarget } = kept.members[0]!.tileOptions;
  options.onProgress?.({
    stage: 'tune',
    current: 1,
    total: 1,
    values: { validationAji: fitted.aji, tta: tta ? 1 : 0, colorMatch: colorTarget ? 1 : 0 },
  });
  // the kept predictions of the validation images are reused; only the training samples are predicted
  if (options.tuneOn === 'all' && samples.length > 0)
    fitted = fit([...keptPairs, ...(await predictPairs(kept, samples))]);
  return new FcnEnsemble(kept.members, ensemble.histories, fitted.options);
}
