/**
 * The qfcn contract: every extension point between packages is named here, and only here.
 *
 * Packages implement these interfaces structurally; users plug their own models, ensembles,
 * pools, oracles and training hooks into the pipeline by satisfying them. Nothing in this file
 * runs: it is types only, so depending on it costs nothing at run time.
 *
 * `@qfcn/metrics` uses only the label-map types here and the error family; `@qfcn/quantize` only
 * the error family (its `Quantizer` type is structurally compatible with the one here).
 */

// ---------------------------------------------------------------------------------------------
// Images and label maps
// ---------------------------------------------------------------------------------------------

/** Integer typed arrays accepted as label storage (0 = background, 1..N = objects). */
export type IntegerArray =
  | Uint8Array
  | Uint8ClampedArray
  | Uint16Array
  | Uint32Array
  | Int8Array
  | Int16Array
  | Int32Array;

/** An instance label map, row-major: `data[y * width + x]`. 0 is background. */
export interface LabelMap {
  readonly width: number;
  readonly height: number;
  readonly data: IntegerArray;
}

/** An 8-bit interleaved image, row-major, `channels` values per pixel (1 = grey, 3 = RGB, 4 = RGBA). */
export interface Image {
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 3 | 4;
  readonly data: Uint8Array | Uint8ClampedArray;
}

/** A per-pixel map of probabilities in [0, 1], row-major. */
export interface ProbabilityMap {
  readonly width: number;
  readonly height: number;
  readonly data: Float32Array;
}

/**
 * HoVer-Net's horizontal and vertical maps: per pixel its offset `[h, v]` in −1..1 from its object's
 * centroid (0 on background), row-major and pixel-interleaved, `2 × width × height` long.
 */
export interface HvMap {
  readonly width: number;
  readonly height: number;
  readonly data: Float32Array;
}

// ---------------------------------------------------------------------------------------------
// Data
// ---------------------------------------------------------------------------------------------

/** One image of a dataset with its (optional) instance annotation. */
export interface Sample {
  /** Stable identifier, e.g. `train_12` for GlaS or the file stem for a folder dataset. */
  readonly id: string;
  readonly image: Image;
  /** Instance label map; absent for unlabeled pool images. */
  readonly label?: LabelMap;
  /** Free-form metadata (grade, patient, source path, ...). */
  readonly meta?: Readonly<Record<string, string | number>>;
}

/** A named dataset with named splits (`train`, `testA`, `testB`, `test`, ...). */
export interface Dataset {
  readonly name: string;
  readonly splits: Readonly<Record<string, readonly Sample[]>>;
}

// ---------------------------------------------------------------------------------------------
// Models
// ---------------------------------------------------------------------------------------------

/**
 * What a segmentation network outputs for one image: object and contour probabilities, and — from a
 * network with a distance head — each object pixel's normalized distance to its object's edge
 * (0 on background, 1 at the object's centre); from a network with an hv head, its hv maps.
 */
export interface SegmentationOutput {
  readonly object: ProbabilityMap;
  readonly contour: ProbabilityMap;
  readonly distance?: ProbabilityMap;
  readonly hv?: HvMap;
}

/** Anything that segments an image into object/contour probabilities. */
export interface SegmentationModel {
  predict(image: Image): Promise<SegmentationOutput>;
}

/** A model that also yields an image descriptor (the spatial mean of its last encoder stage). */
export interface DescriptorModel extends SegmentationModel {
  describe(image: Image): Promise<Float32Array>;
}

/** Per-member outputs of an ensemble for one image: what suggestive annotation needs. */
export interface MemberOutputs {
  /** Object probabilities of each member, each `width * height` long. */
  readonly objectProbabilities: readonly Float32Array[];
  /** Descriptor of each member (one vector per member). */
  readonly descriptors: readonly Float32Array[];
  readonly width: number;
  readonly height: number;
}

/** An ensemble of segmentation models: mean prediction plus per-member outputs. */
export interface Ensemble extends SegmentationModel {
  readonly size: number;
  memberOutputs(image: Image): Promise<MemberOutputs>;
}

// ---------------------------------------------------------------------------------------------
// Active learning
// ---------------------------------------------------------------------------------------------

/** The unannotated images suggestive annotation chooses from. */
export interface Pool {
  /** All ids of the pool, annotated or not, in a stable order. */
  ids(): readonly string[];
  /** The image behind an id (without its label). */
  image(id: string): Promise<Image> | Image;
}

/** Reveals the annotation of an image: an expert in practice, the ground truth in experiments. */
export interface AnnotationOracle {
  annotate(id: string): Promise<LabelMap> | LabelMap;
}

/** Trains an ensemble on an annotated set. Quantized suggestive annotation (QSA) is a trainer that runs INQ. */
export interface EnsembleTrainer {
  train(
    annotated: readonly Sample[],
    options: { seed: number; round: number; signal?: AbortSignal },
  ): Promise<Ensemble>;
}

// ---------------------------------------------------------------------------------------------
// Training hooks (how @qfcn/quantize plugs INQ into @qfcn/fcn's trainer)
// ---------------------------------------------------------------------------------------------

/**
 * A trainable weight as the trainer exposes it to hooks. Structurally a subset of a tfjs
 * `Variable`, so hooks can `assign` to it without this module depending on tfjs.
 */
export interface TrainableWeight {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: string;
}

/** State shared with hooks. */
export interface TrainingContext<W extends TrainableWeight = TrainableWeight> {
  /** The model's trainable weights, by name. */
  readonly weights: ReadonlyMap<string, W>;
  readonly epoch: number;
  readonly step: number;
}

/**
 * Extension point of the trainer. Every method is optional.
 *
 * `afterUpdate` runs after each optimizer step and is where a quantizer re-imposes frozen values,
 * i.e. masks the *final* update (momentum, Adam state and weight decay included).
 */
export interface TrainingHook<W extends TrainableWeight = TrainableWeight> {
  readonly name: string;
  onTrainBegin?(ctx: TrainingContext<W>): void | Promise<void>;
  onEpochBegin?(ctx: TrainingContext<W>): void | Promise<void>;
  afterUpdate?(ctx: TrainingContext<W>): void;
  onEpochEnd?(ctx: TrainingContext<W>, logs: Readonly<Record<string, number>>): void | Promise<void>;
  onTrainEnd?(ctx: TrainingContext<W>): void | Promise<void>;
  /** Serializable state for checkpoints; restored by `restoreState` on resume. */
  saveState?(): unknown;
  restoreState?(state: unknown): void;
}

// ---------------------------------------------------------------------------------------------
// Progress
// ---------------------------------------------------------------------------------------------

/** A progress report from long work (training, inference, an experiment). */
export interface ProgressEvent {
  /** What is running, e.g. `train`, `predict`, `round 2 / member 3`. */
  readonly stage: string;
  readonly current: number;
  readonly total: number;
  /** Numbers worth showing (loss, throughput, ...). */
  readonly values?: Readonly<Record<string, number>>;
  readonly message?: string;
}

export type ProgressListener = (event: ProgressEvent) => void;

// ---------------------------------------------------------------------------------------------
// Backends
// ---------------------------------------------------------------------------------------------

/** A tfjs backend to use: a known name, `auto`, or any registered backend name. */
export type BackendChoice = 'auto' | 'tensorflow' | 'wasm' | 'cpu' | (string & {});

/** What `initBackend` chose and why. */
export interface BackendInfo {
  readonly name: string;
  readonly reason: string;
  /** Kernels qfcn registered on it to make training possible or fast. */
  readonly addedKernels: readonly string[];
  readonly threads: number;
}

// ---------------------------------------------------------------------------------------------
// Resources (appended for @qfcn/suggestive)
// ---------------------------------------------------------------------------------------------

/**
 * Something that holds resources (tensors, workers, files) until released. An `Ensemble` returned by
 * an `EnsembleTrainer` may also be `Disposable`: the active-learning loop of @qfcn/suggestive then
 * disposes each round's ensemble once the round is logged.
 */
export interface Disposable {
  dispose(): void | Promise<void>;
}
