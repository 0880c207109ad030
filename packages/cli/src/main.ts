import { QfcnError } from '@qfcn/contract';
import { UsageError } from './args';
import { processIo, type Command, type Io } from './command';
import { evaluateCommand } from './commands/evaluate';
import { reproduceCommand } from './commands/reproduce';
import { trainCommand } from './commands/train';
import { predictCommand } from './commands/predict';
import { suggestCommand } from './commands/suggest';
import { quantizeCommand } from './commands/quantize';

export const commands: readonly Command[] = [
  reproduceCommand,
  trainCommand,
  predictCommand,
  evaluateCommand,
  suggestCommand,
  quantizeCommand,
];

const version = '0.1.0';

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
 * 2 bad usage or bad input.
 */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return name === undefined ? 2 : 0;
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
    if (QfcnError.isInstance(error)) {
      io.err(`qfcn ${name}: ${error.message}\n`);
      return error.code === 'INVALID_ARGUMENT' || error.code === 'DATA_ERROR' || error.code === 'CORRUPT_FILE' ? 2 : 1;
    }
    throw error;
  }
}
