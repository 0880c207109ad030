import {
  InvalidArgumentError,
  type Disposable,
  type Ensemble,
  type EnsembleTrainer,
  type Image,
  type MemberOutputs,
  type Sample,
  type SegmentationOutput,
} from '@qfcn/contract';

export interface FakeTrainerOptions {
  /** Ensemble members. Default 2. */
  readonly members?: number;
  /** Descriptor length (cluster c → unit vector on axis c mod dim). Default 8. */
  readonly descriptorSize?: number;
  /** Throw a simulated crash when asked to train this round (to test resuming). */
  readonly failOnRound?: number;
}

/** An ensemble made by `createFakeTrainer`. */
export interface FakeEnsemble extends Ensemble, Disposable {
  /** Ids it was trained on, in the order given. */
  readonly trainedOn: readonly string[];
  readonly seed: number;
  readonly round: number;
  /** Annotated images per cluster in its training set. */
  readonly coverage: ReadonlyMap<number, number>;
  /** True once `dispose()` ran. */
  readonly disposed: boolean;
}

export interface FakeTrainer extends EnsembleTrainer {
  train(
    annotated: readonly Sample[],
    options: { seed: number; round: number; signal?: AbortSignal },
  ): Promise<FakeEnsemble>;
  /** Every `train` call: round, seed and the annotated ids. */
  readonly calls: { round: number; seed: number; ids: string[] }[];
  /** Every ensemble returned, in order. */
  readonly ensembles: FakeEnsemble[];
}

/**
 * A deterministic trainer whose ensembles behave like a real one in the way active learning cares about:
 * members disagree on hard images, and less so on images like those already annotated.
 *
 * **When to use**: to test code that drives `runSuggestiveAnnotation` (or any `EnsembleTrainer` user)
 * with hand-checkable numbers, on images from `createFakePool`.
 *
 * **Details**: for an image with cluster c and difficulty d (bytes 0 and 1), with n_c training images
 * of cluster c, member m of M predicts the probability `0.5 + a·t_m` at every pixel, where
 * `a = 0.5 · (d / 255) / (1 + n_c)` and t_m runs evenly from −1 to 1 (t = 0 for M = 1). The
 * uncertainty is therefore `a² · var(t)` (= a² for 2 members). Every member's descriptor is the unit
 * vector on axis `c mod descriptorSize`: cosine 1 within a cluster, 0 across. The seed is recorded, not
 * used. Ensembles are `Disposable`; a disposed one throws when used.
 *
 * @example
 * const trainer = createFakeTrainer({ members: 2 });
 * const ensemble = await trainer.train(samples, { seed: 1, round: 0 });
 * (await ensemble.memberOutputs(pool.image('img000') as Image)).objectProbabilities; // 2 maps
 */
export function createFakeTrainer(options: FakeTrainerOptions = {}): FakeTrainer {
  const { members = 2, descriptorSize = 8, failOnRound } = options;
  if (!Number.isInteger(members) || members < 1)
    throw new InvalidArgumentError('members', `${members} must be a positive integer`);
  if (!Number.isInteger(descriptorSize) || descriptorSize < 1) {
    throw new InvalidArgumentError('descriptorSize', `${descriptorSize} must be a positive integer`);
  }
  const calls: FakeTrainer['calls'] = [];
  const ensembles: FakeEnsemble[] = [];
  const t = Array.from({ length: members }, (_, m) => (members === 1 ? 0 : -1 + (2 * m) / (members - 1)));
  return {
    calls,
    ensembles,
    async train(annotated: readonly Sample[], { seed, round }) {
      if (round === failOnRound) throw new Error(`fake trainer: simulated crash in round ${round}`);
      calls.push({ round, seed, ids: annotated.map((s) => s.id) });
      const coverage = new Map<number, number>();
      for (const s of annotated) coverage.set(s.image.data[0]!, (coverage.get(s.image.data[0]!) ?? 0) + 1);
      let disposed = false;
      const check = () => {
        if (disposed) throw new Error('fake ensemble used after dispose()');
      };
      const memberOutputs = async (image: Image): Promise<MemberOutputs> => {
        check();
        const cluster = image.data[0]!;
        const a = (0.5 * (image.data[1]! / 255)) / (1 + (coverage.get(cluster) ?? 0));
        const pixels = image.width * image.height;
        const descriptor = new Float32Array(descriptorSize);
        descriptor[cluster % descriptorSize] = 1;
        return {
          width: image.width,
          height: image.height,
          objectProbabilities: t.map((tm) => new Float32Array(pixels).fill(0.5 + a * tm)),
          descriptors: t.map(() => descriptor.slice()),
        };
      };
      const ensemble: FakeEnsemble = {
        size: members,
        trainedOn: annotated.map((s) => s.id),
        seed,
        round,
        coverage,
        get disposed() {
          return disposed;
        },
        memberOutputs,
        async predict(image: Image): Promise<SegmentationOutput> {
          const outputs = await memberOutputs(image);
          const mean = new Float32Array(image.width * image.height);
          for (const p of outputs.objectProbabilities)
            for (let i = 0; i < mean.length; i++) mean[i]! += p[i]! / members;
          return {
            object: { width: image.width, height: image.height, data: mean },
            contour: { width: image.width, height: image.height, data: new Float32Array(mean.length) },
          };
        },
        dispose() {
          disposed = true;
        },
      };
      ensembles.push(ensemble);
      return ensemble;
    },
  };
}
