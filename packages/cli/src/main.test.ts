import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Command } from './command';
import { commands, main } from './main';
import { capture } from './testing';

describe('main', () => {
  it('--version and -v print the version of packages/cli/package.json (inlined at build time, not hand-kept)', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    for (const flag of ['--version', '-v']) {
      const io = capture();
      expect(await main([flag], io)).toBe(0);
      expect(io.stdout).toBe(`${version}\n`);
    }
  });

  it('no arguments: usage on stderr, exit 2; --help: usage on stdout, exit 0', async () => {
    let io = capture();
    expect(await main([], io)).toBe(2);
    expect(io.stdout).toBe('');
    expect(io.stderr).toMatch(/Usage: qfcn <command>/);
    io = capture();
    expect(await main(['--help'], io)).toBe(0);
    expect(io.stdout).toMatch(/Usage: qfcn <command>/);
  });

  it('an unexpected error is one line and exit 1; --debug adds the stack', async () => {
    const boom: Command = {
      name: 'boom',
      summary: 'test',
      help: 'qfcn boom',
      run: async () => {
        throw Object.assign(new Error("EACCES: permission denied, open '/x/y'"), { code: 'EACCES' });
      },
    };
    (commands as Command[]).push(boom);
    try {
      let io = capture();
      expect(await main(['boom'], io)).toBe(1);
      expect(io.stderr).toBe(
        "qfcn boom: EACCES: permission denied, open '/x/y'\n(run again with --debug for the stack trace)\n",
      );
      io = capture();
      expect(await main(['boom', '--debug'], io)).toBe(1);
      expect(io.stderr).toMatch(/^qfcn boom: EACCES[^\n]*\n\nError: EACCES[^\n]*\n\s+at /);
    } finally {
      (commands as Command[]).pop();
    }
  });
});
