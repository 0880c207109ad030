import { InvalidArgumentError, type Ensemble, type Pool, type ProgressListener } from '@qfcn/contract';
import { imageUncertainty } from './imageUncertainty';

export interface ScorePoolOptions {
  /** Ids to score, in this order. Default: every id of the pool. */
  readonly ids?: readonly string[];
  /** Progress: one `{ stage: 'score', current, total }` event per image. */
  readonly onProgress?: ProgressListener;
  /** Stops between images with the signal's reason. */
  readonly signal?: AbortSignal;
}

export interface PoolScores {
  /** The scored ids, in order. */
  readonly ids: string[];
  /** `imageUncertainty` of each image's member object probabilities. */
  readonly uncertainty: Float64Array;
  /** Per image, the members' descriptors (input for `suggest`). */
  readonly descriptors: Float32Array[][];
}

/**
 * Scores pool images with an ensemble: uncertainty (variance of member probabilities, averaged over
 * pixels) and the members' descriptors.
 *
 * **When to use**: before `suggest`, e.g. to suggest the next images with an ensemble you trained
 * yourself; `runSuggestiveAnnotation` calls it every round.
 *
 * **Details**: images are fetched and scored one at a time (only descriptors and one number per image
 * are kept, never the probability maps). Throws `InvalidArgumentError` if an ensemble returns no
 * members, differing member counts between images, or descriptors missing for a member.
 *
 * @example
 * const { ids, uncertainty, descriptors } = await scorePool(ensemble, pool, { ids: unannotated });
 * const { selected } = suggest({ uncertainty, descriptors, candidates: 16, picks: 8 });
 * const next = selected.map((i) => ids[i]);
 */
export async function scorePool(ensemble: Ensemble, pool: Pool, options: ScorePoolOptions = {}): Promise<PoolScores> {
  const ids = (options.ids ?? pool.ids()).slice();
  const uncertainty = new Float64Array(ids.length);
  const descriptors: Float32Array[][] = [];
  let members = -1;
  for (let i = 0; i < ids.length; i++) {
    options.signal?.throwIfAborted();
    const image = await pool.image(ids[i]!);
    const outputs = await ensemble.memberOutputs(image);
    const probabilities = outputs?.objectProbabilities;
    if (!probabilities || probabilities.length === 0) {
      throw new InvalidArgumentError('ensemble', `memberOutputs of '${ids[i]}' has no member probabilities`);
    }
    if (members < 0) members = probabilities.length;
    if (probabilities.length !== members) {
      throw new InvalidArgumentError(
        'ensemble',
        `'${ids[i]}' has ${probabilities.length} members, '${ids[0]}' had ${members}`,
      );
    }
    if (!outputs.descriptors || outputs.descriptors.length !== members) {
      throw new InvalidArgumentError(
        'ensemble',
        `'${ids[i]}' has ${outputs.descriptors?.length ?? 0} member descriptors for ${members} members`,
      );
    }
    uncertainty[i] = imageUncertainty(probabilities as Float32Array[]);
    descriptors.push(outputs.descriptors.slice());
    options.onProgress?.({ stage: 'score', current: i + 1, total: ids.length });
  }
  return { ids, uncertainty, descriptors };
}
