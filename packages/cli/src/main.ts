import { QfcnError } from '@qfcn/contract';
import { UsageError } from './args';
import { processIo, type Command, type Io } from './command';
import { evaluateCommand } from './commands/evaluate';
import { reproduceCommand } from './commands/reproduce';
import { trainCommand } from './commands/train';
import { predictCommand } from './commands/predict';
import { suggestCommand } from './commands/suggest';
import { quantizeCommand } from './commands/quantize';
import { queueCommand } from './commands/queue';
import { workerCommand } from './commands/worker';
// the package's own version, inlined from its package.json at build time
import { version } from '../package.json';

export const commands: readonly Command[] = [
  reproduceCommand,
  trainCommand,
  predictCommand,
  evaluateCommand,
  suggestCommand,
  quantizeCommand,
  workerCommand,
  queueCommand,
];

function usage(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'qfcn — quantized FCNs for biomedical image segmentation (Xu et al., CVPR 2018)',
    '',
    'Usage: qfcn <command> [options]     (qfcn <command> --help for details and an example)',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
  ].join('\n');
}

/**
 * Runs the `qfcn` command line and resolves to the exit code: 0 success, 1 failure while working,
 * 2 bad usage or bad input. Errors print as `qfcn <command>: <what is wrong>`, never with a stack
 * trace unless `--debug` is given (anywhere after the command).
 */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [name, ...args] = argv;
  const debug = args.includes('--debug');
  const rest = args.filter((a) => a !== '--debug');
  if (name === undefined) {
    io.err(usage());
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return 0;
  }
  if (name === '--version' || name === '-v') {
    io.out(`${version}\n`);
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`qfcn: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`${command.help.trim()}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`qfcn ${name}: ${error.message}\n\n${command.help.trim()}\n`);
      return 2;
    }
    const stack = debug && error instanceof Error && error.stack ? `\n${error.stack}` : '';
    if (QfcnError.isInstance(error)) {
      io.err(`qfcn ${name}: ${error.message}\n${stack}`);
      return error.code === 'INVALID_ARGUMENT' || error.code === 'DATA_ERROR' || error.code === 'CORRUPT_FILE' ? 2 : 1;
    }
    // anything else (a file system refusal, a bug): one line, the stack only on request
    const message = error instanceof Error ? error.message : String(error);
    io.err(`qfcn ${name}: ${message}\n${stack || '(run again with --debug for the stack trace)\n'}`);
    return 1;
  }
}
