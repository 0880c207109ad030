import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Disposable, Ensemble, Image, MemberOutputs, SegmentationOutput } from '@qfcn/contract';
import { CorruptFileError, DataError, InvalidArgumentError } from '@qfcn/contract';
import { FcnModel } from './FcnModel';
import { replaceDirAtomic, writeFileAtomic } from './internal/atomic';
import type { TileOptions } from './internal/predictTiled';
import { saveModel } from './saveModel';
import type { ToInstancesOptions } from './toInstances';
import type { EpochLog } from './trainFcn';

const ENSEMBLE_FILE = 'ensemble.json';
const memberDir = (i: number) => `member-${i}`;

/** Mean prediction and per-member outputs of one image, from one pass of each member. */
export interface EnsemblePrediction {
  readonly mean: SegmentationOutput;
  readonly members: MemberOutputs;
}

/**
 * An ensemble of FCNs ([Yang17], [Xu18]) implementing the contract's `Ensemble`: the prediction is
 * the mean of the members' probabilities, and `memberOutputs` keeps each member's object
 * probabilities and descriptor for suggestive annotation (uncertainty = variance across members,
 * similarity = cosine of descriptors).
 *
 * When to use: made by {@link trainEnsemble}; or wrap your own `FcnModel`s; or load one saved with
 * `save`.
 *
 * Details: members run one after another on the same tiles (their `tileOptions`). `save(dir)` writes
 * `ensemble.json` and one standard tfjs model per member (`member-<i>/model.json` + weights),
 * atomically as a whole. `dispose()` releases every member.
 *
 * @example
 * const ensemble = await trainEnsemble(samples, { members: 5, model: { preset: 'tiny' } });
 * const { objectProbabilities, descriptors } = await ensemble.memberOutputs(image);
 */
export class FcnEnsemble implements Ensemble, Disposable {
  constructor(
    readonly members: readonly FcnModel[],
    /** Training history of each member (empty for loaded members). */
    readonly histories: readonly (readonly EpochLog[])[] = [],
    /**
     * Post-processing fitted to this model (e.g. by `trainEnsemble` on its validation split); saved
     * in `ensemble.json` so that `toInstances(await ensemble.predict(image), ensemble.instances)`
     * and `qfcn predict` use it.
     */
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

  /** Mean probabilities and per-member outputs together (each member runs once). */
  async predictWithMembers(image: Image): Promise<EnsemblePrediction> {
    const n = image.width * image.height;
    const object = new Float32Array(n);
    const contour = new Float32Array(n);
    const objectProbabilities: Float32Array[] = [];
    const descriptors: Float32Array[] = [];
    for (const m of this.members) {
      const p = await m.predictWithDescriptor(image);
      for (let i = 0; i < n; i++) {
        object[i] += p.object.data[i];
        contour[i] += p.contour.data[i];
      }
      objectProbabilities.push(p.object.data);
      descriptors.push(p.descriptor);
    }
    const k = this.members.length;
    for (let i = 0; i < n; i++) {
      object[i] /= k;
      contour[i] /= k;
    }
    const { width, height } = image;
    return {
      mean: { object: { width, height, data: object }, contour: { width, height, data: contour } },
      members: { objectProbabilities, descriptors, width, height },
    };
  }

  /**
   * Saves every member as a standard tfjs model under `dir`, atomically, together with `files`
   * (extra files of the model, e.g. bit-packed `member-<i>.qfcnq`), with `ensemble.json`
   * (histories, the fitted `instances` settings, and `inference.tta` when the members predict with
   * test-time augmentation; `load` restores both unless its tile options say otherwise). An
   * existing `dir` is replaced as a whole only if it holds nothing but what a save writes.
   */
  async save(dir: string, options: { files?: Readonly<Record<string, Uint8Array | string>> } = {}): Promise<void> {
    const files = options.files ?? {};
    for (const name of Object.keys(files)) {
      if (!/^[\w.-]+$/.test(name) || name === ENSEMBLE_FILE || /^member-\d+$/.test(name) || name.startsWith('.')) {
        throw new InvalidArgumentError('files', `'${name}' is not a plain file name of its own in a model folder`);
      }
    }
    // what an earlier save may have written: its members and extra files (e.g. member-<i>.qfcnq)
    const ours = (name: string) => name === ENSEMBLE_FILE || /^member-\d+(\.qfcnq)?$/.test(name) || name in files;
    const foreign = existsSync(dir) ? readdirSync(dir).filter((name) => !ours(name)) : [];
    if (foreign.length > 0) {
      throw new InvalidArgumentError('dir', `${dir} already holds other files (${foreign.slice(0, 5).join(', ')}); refusing to replace it`);
    }
    await replaceDirAtomic(dir, async (tmp) => {
      for (const [name, data] of Object.entries(files)) writeFileAtomic(join(tmp, name), data);
      for (let i = 0; i < this.members.length; i++) await saveModel(this.members[i].model, join(tmp, memberDir(i)));
      writeFileAtomic(
        join(tmp, ENSEMBLE_FILE),
        JSON.stringify({
          format: 'qfcn-ensemble',
          version: 1,
          members: this.members.length,
          histories: this.histories,
          instances: this.instances,
          // test-time augmentation is a property of the model when it was chosen on validation
          ...(this.members[0].tileOptions.tta ? { inference: { tta: true } } : {}),
        }),
      );
    });
  }

  /** Loads an ensemble written by `save`. Missing files throw `DataError`, a bad `ensemble.json` `CorruptFileError`. */
  static async load(dir: string, tileOptions: TileOptions = {}): Promise<FcnEnsemble> {
    const file = join(dir, ENSEMBLE_FILE);
    if (!existsSync(file)) throw new DataError('no ensemble.json here', { path: file });
    let meta: { format?: string; members?: number; histories?: EpochLog[][]; instances?: unknown; inference?: { tta?: unknown } };
    try {
      meta = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new CorruptFileError('ensemble.json is not valid JSON', { path: file, cause: e });
    }
    if (meta.format !== 'qfcn-ensemble' || !Number.isInteger(meta.members) || (meta.members as number) < 1) {
      throw new CorruptFileError('not a qfcn ensemble description', { path: file });
    }
    const instances = meta.instances ?? {};
    if (typeof instances !== 'object' || instances === null || Array.isArray(instances)) {
      throw new CorruptFileError('ensemble.json: instances must be an object of toInstances settings', { path: file });
    }
    const tta = meta.inference?.tta === true;
    const members: FcnModel[] = [];
    for (let i = 0; i < (meta.members as number); i++) {
      members.push(await FcnModel.load(join(dir, memberDir(i)), { ...(tta ? { tta } : {}), ...tileOptions }));
    }
    return new FcnEnsemble(members, meta.histories ?? [], instances as ToInstancesOptions);
  }

  dispose(): void {
    for (const m of this.members) m.dispose();
  }
}
