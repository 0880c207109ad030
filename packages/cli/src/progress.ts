import cliProgress from 'cli-progress';
import type { ProgressEvent, ProgressListener } from '@qfcn/contract';

/**
 * A progress display for long work: live bars with ETA on a terminal, one line every few seconds
 * when output is piped (CI, logs), nothing with `quiet`.
 */
export interface ProgressDisplay {
  listener: ProgressListener;
  log(line: string): void;
  stop(): void;
}

export function createProgress(options: { quiet?: boolean; stream?: NodeJS.WriteStream } = {}): ProgressDisplay {
  const stream = options.stream ?? process.stderr;
  if (options.quiet) return { listener: () => {}, log: () => {}, stop: () => {} };
  const format = (e: ProgressEvent) =>
    Object.entries(e.values ?? {})
      .map(([k, v]) => `${k}=${Number.isInteger(v) ? v : v.toPrecision(4)}`)
      .join(' ');
  if (!stream.isTTY) {
    const last = new Map<string, number>();
    return {
      listener: (e) => {
        const now = Date.now();
        const done = e.current >= e.total;
        if (!done && now - (last.get(e.stage) ?? 0) < 5000) return;
        last.set(e.stage, now);
        stream.write(`[${e.stage}] ${e.current}/${e.total} ${format(e)}${e.message ? ` ${e.message}` : ''}\n`);
      },
      log: (line) => stream.write(`${line}\n`),
      stop: () => {},
    };
  }
  const multi = new cliProgress.MultiBar(
    {
      stream,
      clearOnComplete: false,
      hideCursor: true,
      format: ' {stage} |{bar}| {value}/{total} | ETA {eta_formatted} | {info}',
      etaBuffer: 20,
    },
    cliProgress.Presets.shades_classic,
  );
  const bars = new Map<string, cliProgress.SingleBar>();
  return {
    listener: (e) => {
      let bar = bars.get(e.stage);
      if (!bar) {
        bar = multi.create(e.total, 0, { stage: e.stage.padEnd(24).slice(0, 24), info: '' });
        bars.set(e.stage, bar);
      }
      bar.setTotal(e.total);
      bar.update(e.current, { info: `${format(e)}${e.message ? ` ${e.message}` : ''}` });
      if (e.current >= e.total) bar.stop();
    },
    log: (line) => multi.log(`${line}\n`),
    stop: () => multi.stop(),
  };
}
