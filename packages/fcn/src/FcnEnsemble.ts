import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { CorruptFileError, DataError, InvalidArgumentError } from '@qfcn/contract';
import { FcnModel } from './FcnModel';
import {
  FcnEnsemble as InferenceFcnEnsemble,
  type EnsembleFiles,
  type EnsembleFromOptions,
  inferenceEntry,
  savedInference,
} from './inference/FcnEnsemble';
import { replaceDirAtomic, writeFileAtomic } from './internal/atomic';
import type { TileOptions } from './internal/predictTiled';
import { saveModel } from './saveModel';
import type { ToInstancesOptions } from './toInstances';
import type { EpochLog } from './trainFcn';

export type { EnsemblePrediction, EnsembleFiles, EnsembleFromOptions } from './inference/FcnEnsemble';

const ENSEMBLE_FILE = 'ensemble.json';
const memberDir = (i: number) => `member-${i}`;

/**
 * An ensemble of FCNs ([Yang17], [Xu18]) implementing the contract's `Ensemble`: the prediction is
 * the mean of the members' probabilities, and `memberOutputs` keeps each member's object
 * probabilities and descriptor for suggestive annotation (uncertainty = variance across members,
 * similarity = cosine of descriptors). Node: adds `save(dir)` / `load(dir)` to the browser-safe
 * inference side (`inference/FcnEnsemble`, with `from(url | files)`).
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
export class FcnEnsemble extends InferenceFcnEnsemble {
  declare readonly members: readonly FcnModel[];

  constructor(
    members: readonly FcnModel[],
    /** Training history of each member (empty for loaded members). */
    histories: readonly (readonly EpochLog[])[] = [],
    /**
     * Post-processing fitted to this model (e.g. by `trainEnsemble` on its validation split); saved
     * in `ensemble.json` so that `toInstances(await ensemble.predict(image), ensemble.instances)`
     * and `qfcn predict` use it.
     */
    instances: ToInstancesOptions = {},
  ) {
    super(members, histories, instances);
  }

  /** As the browser-safe `from` (URLs, `File`s, bytes), with Node `FcnModel` members. */
  static override async from(
    source: string | URL | EnsembleFiles,
    options: EnsembleFromOptions = {},
  ): Promise<FcnEnsemble> {
    const loaded = await InferenceFcnEnsemble.from(source, options);
    return new FcnEnsemble(
      loaded.members.map((m) => new FcnModel(m.model, m.tileOptions)),
      loaded.histories,
      loaded.instances,
    );
  }

  /**
   * Saves every member as a standard tfjs model under `dir`, atomically, together with `files`
   * (extra files of the model, e.g. bit-packed `member-<i>.qfcnq`), with `ensemble.json`
   * (histories, the fitted `instances` settings, and `inference.tta` / `inference.colorTarget` when
   * the members predict with test-time flips / colour matching; `load` restores them unless its tile
   * options say otherwise). An
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
      throw new InvalidArgumentError(
        'dir',
        `${dir} already holds other files (${foreign.slice(0, 5).join(', ')}); refusing to replace it`,
      );
    }
    await replaceDirAtomic(dir, async (tmp) => {
      for (const [name, data] of Object.entries(files)) writeFileAtomic(join(tmp, name), data);
      for (let i = 0; i < this.members.length; i++) await saveModel(this.members[i]!.model, join(tmp, memberDir(i)));
      writeFileAtomic(
        join(tmp, ENSEMBLE_FILE),
        JSON.stringify({
          format: 'qfcn-ensemble',
          version: 1,
          members: this.members.length,
          histories: this.histories,
          instances: this.instances,
          // test-time flips and colour matching are properties of the model when chosen on validation
          ...inferenceEntry(this.members[0]!.tileOptions),
        }),
      );
    });
  }

  /**
   * Loads an ensemble written by `save`. A member whose weight files are absent but whose bit-packed
   * `member-<i>.qfcnq` (from `qfcn train --bits` or `qfcn quantize`) lies beside its folder is built
   * from `member-<i>/model.json` and the packed file, so a folder shipped with packed weights only
   * loads. Missing files throw `DataError`, a bad `ensemble.json` `CorruptFileError`.
   */
  static async load(dir: string, tileOptions: TileOptions = {}): Promise<FcnEnsemble> {
    const file = join(dir, ENSEMBLE_FILE);
    if (!existsSync(file)) throw new DataError('no ensemble.json here', { path: file });
    let meta: {
      format?: string;
      members?: number;
      histories?: EpochLog[][];
      instances?: unknown;
      inference?: unknown;
    };
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
    const saved = savedInference(meta.inference, file);
    const members: FcnModel[] = [];
    for (let i = 0; i < (meta.members as number); i++) {
      const memberOptions = { ...saved, ...tileOptions };
      const member = join(dir, memberDir(i));
      const packed = `${member}.qfcnq`;
      const modelFile = join(member, 'model.json');
      const json =
        existsSync(packed) && existsSync(modelFile) ? (readJsonFile(modelFile) as tf.io.ModelJSON) : undefined;
      if (json && !weightFilesPresent(json, member)) {
        members.push(await FcnModel.from({ model: json, packed: readFileSync(packed) }, memberOptions));
      } else {
        members.push(await FcnModel.load(member, memberOptions));
      }
    }
    return new FcnEnsemble(members, meta.histories ?? [], instances as ToInstancesOptions);
  }
}

function readJsonFile(path: string): object {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as object;
  } catch (e) {
    throw new CorruptFileError('not valid JSON', { path, cause: e });
  }
}

/** Whether every weight file that a `model.json` names exists in its folder. */
function weightFilesPresent(json: tf.io.ModelJSON, folder: string): boolean {
  const paths = (json.weightsManifest ?? []).flatMap((g) => g.paths ?? []);
  return paths.length > 0 && paths.every((p) => existsSync(join(folder, p)));
}
