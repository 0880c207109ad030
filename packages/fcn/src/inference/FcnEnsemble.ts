import type { Disposable, Ensemble, Image, MemberOutputs, SegmentationOutput } from '@qfcn/contract';
import { CorruptFileError, InvalidArgumentError } from '@qfcn/contract';
import { assertColorStatistics, type ColorStatistics } from '@qfcn/data';
import { readSource, sourceName, type ByteSource } from '@qfcn/quantize';
import type { TileOptions } from '../internal/predictTiled';
import type { ModelFiles } from '../loadModelFrom';
import type { ToInstancesOptions } from '../toInstances';
import type { EpochLog } from '../trainFcn';
import { FcnModel } from './FcnModel';

const isByteSource = (x: unknown): x is ByteSource =>
  typeof x === 'string' ||
  x instanceof URL ||
  x instanceof ArrayBuffer ||
  ArrayBuffer.isView(x) ||
  (typeof Blob !== 'undefined' && x instanceof Blob);

/** Mean prediction and per-member outputs of one image, from one pass of each member. */
export interface EnsemblePrediction {
  readonly mean: SegmentationOutput;
  readonly members: MemberOutputs;
}

/** Options of {@link FcnEnsemble.from}. */
export interface EnsembleFromOptions {
  /** Tile options of every member (override `ensemble.json`'s `inference`). */
  readonly tileOptions?: TileOptions;
  /**
   * With a folder URL: load each member from `model.json` + `member-<i>.qfcnq` (bit-packed INQ
   * weights, the quantized download) instead of `weights.bin`. Default `false`.
   */
  readonly packed?: boolean;
  /** Called after each member is loaded: `(loaded, total)`. */
  readonly onMember?: (loaded: number, total: number) => void;
}

/** The files of a saved ensemble from anywhere: `ensemble.json` and each member's files. */
export interface EnsembleFiles {
  readonly ensemble: ByteSource | Record<string, unknown>;
  readonly members: readonly ModelFiles[];
}

/**
 * The inference side of an FCN ensemble ([Yang17], [Xu18]; browser-safe): the prediction is the mean
 * of the members' probabilities; `memberOutputs` keeps each member's object probabilities and
 * descriptor. This is `FcnEnsemble` in browser bundles; in Node it is extended with `save` and
 * `load(dir)`.
 *
 * @example
 * const ensemble = await FcnEnsemble.from('models/qnt/', { packed: true });
 * const instances = toInstances(await ensemble.predict(image), ensemble.instances);
 */
export class FcnEnsemble implements Ensemble, Disposable {
  constructor(
    readonly members: readonly FcnModel[],
    /** Training history of each member (empty for loaded members). */
    readonly histories: readonly (readonly EpochLog[])[] = [],
    /** Post-processing fitted to this model (saved in `ensemble.json`). */
    readonly instances: ToInstancesOptions = {},
  ) {
    if (members.length === 0) throw new InvalidArgumentError('members', 'an ensemble needs at least one member');
  }

  get size(): number {
    return this.members.length;
  }

  async predict(image: Image): Promise<SegmentationOutput> {
    return (await this.predictWithMembers(image)).mean;
  }

  async memberOutputs(image: Image): Promise<MemberOutputs> {
    const objectProbabilities: Float32Array[] = [];
    const descriptors: Float32Array[] = [];
    for (const m of this.members) {
      const p = await m.predictWithDescriptor(image);
      objectProbabilities.push(p.object.data);
      descriptors.push(p.descriptor);
    }
    return { objectProbabilities, descriptors, width: image.width, height: image.height };
  }

  /**
   * Mean probabilities and per-member outputs together (each member runs once). `onProgress(done,
   * total)` is awaited after each batch of tiles of each member, counting tile passes over all
   * members (a page can draw progress and yield to the browser there).
   */
  async predictWithMembers(
    image: Image,
    onProgress?: (done: number, total: number) => void | Promise<void>,
  ): Promise<EnsemblePrediction> {
    const n = image.width * image.height;
    const object = new Float32Array(n);
    const contour = new Float32Array(n);
    // the mean distance map only when every member has a distance head
    let distance: Float32Array | undefined = new Float32Array(n);
    // likewise the mean hv maps
    let hv: Float32Array | undefined = new Float32Array(2 * n);
    const objectProbabilities: Float32Array[] = [];
    const descriptors: Float32Array[] = [];
    const perMember = this.members.map((m) => m.countTiles(image.width, image.height));
    const total = perMember.reduce((a, b) => a + b, 0);
    let before = 0;
    for (const [i, m] of this.members.entries()) {
      const offset = before;
      const p = await m.predictWithDescriptor(
        image,
        onProgress && ((done: number) => onProgress(offset + done, total)),
      );
      before += perMember[i]!;
      for (let i = 0; i < n; i++) {
        object[i]! += p.object.data[i]!;
        contour[i]! += p.contour.data[i]!;
      }
      if (!p.distance) distance = undefined;
      else if (distance) for (let i = 0; i < n; i++) distance[i]! += p.distance.data[i]!;
      if (!p.hv) hv = undefined;
      else if (hv) for (let i = 0; i < 2 * n; i++) hv[i]! += p.hv.data[i]!;
      objectProbabilities.push(p.object.data);
      descriptors.push(p.descriptor);
    }
    const k = this.members.length;
    for (let i = 0; i < n; i++) {
      object[i]! /= k;
      contour[i]! /= k;
    }
    if (distance) for (let i = 0; i < n; i++) distance[i]! /= k;
    if (hv) for (let i = 0; i < 2 * n; i++) hv[i]! /= k;
    const { width, height } = image;
    return {
      mean: {
        object: { width, height, data: object },
        contour: { width, height, data: contour },
        ...(distance ? { distance: { width, height, data: distance } } : {}),
        ...(hv ? { hv: { width, height, data: hv } } : {}),
      },
      members: { objectProbabilities, descriptors, width, height },
    };
  }

  /**
   * Loads an ensemble saved by `FcnEnsemble.save` from a folder URL (`'models/qnt/'`: fetches
   * `ensemble.json`, then `member-<i>/model.json` and its weights, or `member-<i>.qfcnq` with
   * `packed: true`) or from its files (`{ ensemble, members: [{ model, weights | packed }] }`, e.g.
   * dropped `File`s). Browser-safe. A bad `ensemble.json` throws `CorruptFileError`.
   */
  static async from(source: string | URL | EnsembleFiles, options: EnsembleFromOptions = {}): Promise<FcnEnsemble> {
    let metaSource: ByteSource | Record<string, unknown>;
    let memberFiles: (i: number) => ModelFiles;
    let count: number | undefined;
    if (typeof source === 'string' || source instanceof URL) {
      const base = new URL(
        String(source).endsWith('/') ? String(source) : `${String(source)}/`,
        (globalThis as { location?: { href?: string } }).location?.href,
      );
      metaSource = new URL('ensemble.json', base);
      memberFiles = (i) => ({
        model: new URL(`member-${i}/model.json`, base),
        ...(options.packed ? { packed: new URL(`member-${i}.qfcnq`, base) } : {}),
      });
    } else {
      metaSource = source.ensemble;
      memberFiles = (i) => source.members[i]!;
      count = source.members.length;
    }
    const name = isByteSource(metaSource) ? sourceName(metaSource) : 'ensemble.json';
    let meta: {
      format?: string;
      members?: number;
      histories?: EpochLog[][];
      instances?: unknown;
      inference?: unknown;
    };
    if (!isByteSource(metaSource)) {
      meta = metaSource as typeof meta;
    } else {
      const bytes = await readSource(metaSource);
      try {
        meta = JSON.parse(new TextDecoder().decode(bytes));
      } catch (e) {
        throw new CorruptFileError('ensemble.json is not valid JSON', { path: name, cause: e });
      }
    }
    if (meta?.format !== 'qfcn-ensemble' || !Number.isInteger(meta.members) || (meta.members as number) < 1) {
      throw new CorruptFileError('not a qfcn ensemble description', { path: name });
    }
    if (count !== undefined && count !== meta.members) {
      throw new InvalidArgumentError(
        'source.members',
        `ensemble.json declares ${meta.members} members, ${count} were given`,
      );
    }
    const instances = meta.instances ?? {};
    if (typeof instances !== 'object' || instances === null || Array.isArray(instances)) {
      throw new CorruptFileError('ensemble.json: instances must be an object of toInstances settings', { path: name });
    }
    const saved = savedInference(meta.inference, name);
    const members: FcnModel[] = [];
    const total = meta.members as number;
    try {
      for (let i = 0; i < total; i++) {
        members.push(await FcnModel.from(memberFiles(i), { ...saved, ...options.tileOptions }));
        options.onMember?.(i + 1, total);
      }
    } catch (e) {
      for (const m of members) m.dispose();
      throw e;
    }
    return new FcnEnsemble(members, [], instances as ToInstancesOptions);
  }

  dispose(): void {
    for (const m of this.members) m.dispose();
  }
}

/**
 * `ensemble.json`'s `inference` entry for members predicting with `tileOptions`: the inference
 * choices made on validation images (test-time flips, colour matching) that travel with the model.
 */
export function inferenceEntry(tileOptions: TileOptions): {
  inference?: { tta?: true; colorTarget?: ColorStatistics };
} {
  const entry = {
    ...(tileOptions.tta ? { tta: true as const } : {}),
    ...(tileOptions.colorTarget ? { colorTarget: tileOptions.colorTarget } : {}),
  };
  return Object.keys(entry).length > 0 ? { inference: entry } : {};
}

/** The tile options saved in an `ensemble.json`'s `inference` entry; a malformed one throws CorruptFileError naming `path`. */
export function savedInference(inference: unknown, path: string): Pick<TileOptions, 'tta' | 'colorTarget'> {
  if (inference === undefined) return {};
  if (typeof inference !== 'object' || inference === null || Array.isArray(inference)) {
    throw new CorruptFileError('ensemble.json: inference must be an object', { path });
  }
  const { tta, colorTarget } = inference as { tta?: unknown; colorTarget?: unknown };
  if (colorTarget !== undefined) {
    try {
      assertColorStatistics(colorTarget as ColorStatistics, 'inference.colorTarget');
    } catch (e) {
      throw new CorruptFileError(`ensemble.json: ${(e as Error).message}`, { path, cause: e });
    }
  }
  return {
    ...(tta === true ? { tta: true } : {}),
    ...(colorTarget !== undefined ? { colorTarget: colorTarget as ColorStatistics } : {}),
  };
}
