/** Where a command writes: injectable so tests can capture output. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** True when stderr is a terminal (live progress bars). */
  readonly tty: boolean;
}

export const processIo: Io = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  get tty() {
    return Boolean(process.stderr.isTTY);
  },
};

/** One `qfcn` sub-command. */
export interface Command {
  readonly name: string;
  /** One line for `qfcn --help`. */
  readonly summary: string;
  /** Full `--help` text, with an example. */
  readonly help: string;
  run(argv: string[], io: Io): Promise<number>;
}
