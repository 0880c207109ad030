let counter = 0;

/**
 * A name for a temporary file or folder next to `path`, unique to this process, this moment and this
 * call, so that processes sharing a folder (queue workers on several machines) never collide:
 * `<dir>/.<name>.<tag>-<pid>-<time>-<n>`.
 *
 * @example
 * temporarySibling('/m/model.json'); // '/m/.model.json.tmp-4242-lq3k2a-0'
 */
export function temporarySibling(path: string, tag = 'tmp'): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  const dir = cut >= 0 ? path.slice(0, cut + 1) : '';
  const name = path.slice(cut + 1);
  const pid = typeof process !== 'undefined' ? process.pid : 0;
  return `${dir}.${name}.${tag}-${pid}-${Date.now().toString(36)}-${(counter++).toString(36)}`;
}

const TEMPORARY_NAME = /^\..+\.[a-z]+-(\d+)-[0-9a-z]+-[0-9a-z]+$/;

/**
 * The process id in a file name that {@link temporarySibling} made (`.<name>.<tag>-<pid>-<time>-<n>`),
 * or undefined for any other name.
 *
 * @example
 * temporaryOwner('.model.json.tmp-4242-lq3k2a-0'); // 4242
 */
export function temporaryOwner(fileName: string): number | undefined {
  const match = TEMPORARY_NAME.exec(fileName);
  return match ? Number(match[1]) : undefined;
}
