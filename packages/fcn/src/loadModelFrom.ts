import * as tf from '@tensorflow/tfjs';
import { CorruptFileError, DataError, InvalidArgumentError } from '@qfcn/contract';
import { readSource, sourceName, type ByteSource } from '@qfcn/quantize';
import { loadPackedWeights } from '@qfcn/quantize/tfjs';
import { assertFiniteWeights, buildModel } from './internal/buildModel';

/**
 * The files of one saved model, from wherever they are: `model` is `model.json` (a URL, bytes, a
 * `File`, or the parsed JSON), `weights` its weight files in manifest order (`weights.bin`), and
 * `packed` bit-packed INQ weights (`member-<i>.qfcnq`), which replace `weights` when given — a
 * quantized model needs only `model.json` and its `.qfcnq` file.
 */
export interface ModelFiles {
  readonly model: ByteSource | tf.io.ModelJSON;
  readonly weights?: ByteSource | readonly ByteSource[];
  readonly packed?: ByteSource;
}

const isModelJson = (x: unknown): x is tf.io.ModelJSON =>
  typeof x === 'object' &&
  x !== null &&
  !(x instanceof URL) &&
  !ArrayBuffer.isView(x) &&
  !(x instanceof ArrayBuffer) &&
  'modelTopology' in x;

async function readJson(source: ByteSource, name: string): Promise<unknown> {
  const bytes = await readSource(source);
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    throw new CorruptFileError(`${name} is not valid JSON`, { path: sourceName(source), cause: e });
  }
}

const resolveUrl = (relative: string, base: string | URL) =>
  new URL(relative, new URL(String(base), (globalThis as { location?: { href?: string } }).location?.href)).href;

/**
 * Loads an FCN saved in the standard tfjs format (or as `model.json` + bit-packed INQ weights) from
 * URLs, `ArrayBuffer`s or `File`s — browser-safe (no Node built-ins; URLs are fetched).
 *
 * When to use: in a web page, to load a model from a server (`loadModelFrom('models/member-0/model.json')`),
 * from files the user dropped (`{ model: jsonFile, weights: [binFile] }`), or a quantized member
 * from its packed file (`{ model: url, packed: qfcnqUrl }`: only `model.json` and the `.qfcnq` file
 * are downloaded). In Node, `loadModel(dir)` reads folders.
 *
 * Details: a string or URL is `model.json`'s location; its weight files are fetched relative to it
 * (skipped when `packed` is given). With `packed`, the network is rebuilt from the topology and the
 * packed weights are set by name (`loadPackedWeights`: CRC-checked, every shape checked). A bad
 * `model.json` or weights that are not finite throw `CorruptFileError`; missing weights `DataError`.
 *
 * @example
 * const model = await loadModelFrom({ model: 'fcn/member-0/model.json', packed: 'fcn/member-0.qfcnq' });
 * const { object, contour } = await predictImage(model, image);
 */
export async function loadModelFrom(source: string | URL | ModelFiles): Promise<tf.LayersModel> {
  const files: ModelFiles = typeof source === 'string' || source instanceof URL ? { model: source } : source;
  if (files == null || files.model == null)
    throw new InvalidArgumentError('source', 'expected a model.json URL or { model, weights?, packed? }');
  const name = isModelJson(files.model) ? 'model.json' : sourceName(files.model);
  const json = (isModelJson(files.model) ? files.model : await readJson(files.model, 'model.json')) as tf.io.ModelJSON;
  if (typeof json !== 'object' || json === null || json.modelTopology == null) {
    throw new CorruptFileError('model.json has no modelTopology', { path: name });
  }
  if (files.packed !== undefined) {
    let model: tf.LayersModel;
    try {
      model = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology }));
    } catch (e) {
      throw new CorruptFileError(`model.json could not be rebuilt: ${(e as Error).message}`, { path: name, cause: e });
    }
    try {
      loadPackedWeights(model, await readSource(files.packed), { path: sourceName(files.packed) });
    } catch (e) {
      model.dispose();
      throw e;
    }
    assertFiniteWeights(model, name);
    return model;
  }
  if (!Array.isArray(json.weightsManifest))
    throw new CorruptFileError('model.json has no weightsManifest', { path: name });
  const weightSpecs = json.weightsManifest.flatMap((g) => g.weights);
  let sources: readonly ByteSource[];
  if (files.weights !== undefined) {
    sources = Array.isArray(files.weights) ? (files.weights as readonly ByteSource[]) : [files.weights as ByteSource];
  } else if (typeof files.model === 'string' || files.model instanceof URL) {
    const base = files.model;
    sources = json.weightsManifest.flatMap((g) => g.paths.map((p) => resolveUrl(p, base)));
  } else {
    throw new DataError('the weight files of model.json were not given (weights: [...]) and cannot be located', {
      path: name,
    });
  }
  const parts = await Promise.all(sources.map((s) => readSource(s)));
  const total = parts.reduce((n, p) => n + p.byteLength, 0);
  const data = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    data.set(p, offset);
    offset += p.byteLength;
  }
  return buildModel(
    {
      modelTopology: json.modelTopology,
      weightSpecs,
      weightData: data.buffer,
      ...(json.format ? { format: json.format } : {}),
      ...(json.userDefinedMetadata ? { userDefinedMetadata: json.userDefinedMetadata } : {}),
    },
    name,
  );
}
