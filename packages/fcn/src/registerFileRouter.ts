import * as tf from '@tensorflow/tfjs';
import { fileURLToPath } from 'node:url';
import { fileSaveHandler, readModelArtifacts } from './internal/fileIO';

let registered = false;

const toPath = (url: string | string[]): string | null => {
  const u = Array.isArray(url) ? url[0] : url;
  if (typeof u !== 'string' || !u.startsWith('file://')) return null;
  // accept both file:///abs/path (a URL) and tfjs-node's file://relative/path
  return u.startsWith('file:///') ? fileURLToPath(u) : u.slice('file://'.length);
};

/**
 * Makes `model.save('file://dir')` and `tf.loadLayersModel('file://dir/model.json')` work in Node
 * with plain `@tensorflow/tfjs` (no tfjs-node), through {@link saveModel}'s atomic writer and
 * {@link loadModel}'s reader.
 *
 * When to use: code written against the standard tfjs API (or the tfjs docs) that saves with
 * `file://` URLs. Call once; later calls do nothing. Returns whether this call registered.
 *
 * Details: registers a save router and a load router for URLs starting with `file://`
 * (`file:///abs/dir` and tfjs-node's `file://relative/dir` both work). If another `file://`
 * router (tfjs-node) is already registered, tfjs refuses to pick between two — so this is skipped
 * when tfjs-node's backend `tensorflow` is registered.
 *
 * @example
 * registerFileRouter();
 * await model.save('file://./out/tiny');
 * const again = await tf.loadLayersModel('file://./out/tiny/model.json');
 */
export function registerFileRouter(): boolean {
  if (registered || tf.findBackendFactory('tensorflow') != null) return false;
  // Routers answer null for URLs they do not handle (tfjs' own type omits that case).
  const none = null as unknown as tf.io.IOHandler;
  tf.io.registerSaveRouter((url) => {
    const path = toPath(url);
    return path === null ? none : fileSaveHandler(path);
  });
  tf.io.registerLoadRouter((url) => {
    const path = toPath(url);
    return path === null ? none : { load: async () => readModelArtifacts(path) };
  });
  registered = true;
  return true;
}
