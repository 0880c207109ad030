import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeStaleTemporaries } from './removeStaleTemporaries';
import { temporarySibling } from './temporarySibling';

describe('removeStaleTemporaries', () => {
  it("removes a dead process's file and folder temporaries; keeps live ones and ordinary files", () => {
    const dir = mkdtempSync(join(tmpdir(), 'qfcn-stale-'));
    // a process that has exited: its pid is free (reuse within these milliseconds is not expected)
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    const deadFile = `.a_instances.png.tmp-${dead}-lq3k2a-0`;
    const deadDir = `.model.tmp-${dead}-lq3k2a-1`;
    writeFileSync(join(dir, deadFile), 'part');
    mkdirSync(join(dir, deadDir));
    writeFileSync(join(dir, deadDir, 'model.json'), '{}');
    const live = temporarySibling(join(dir, 'b.png')).slice(dir.length + 1);
    writeFileSync(join(dir, live), 'mine');
    for (const name of ['a_instances.png', '.hidden', `.x.tmp-${dead}`, `notes.tmp-${dead}-a-0`])
      writeFileSync(join(dir, name), '');
    expect(removeStaleTemporaries(dir).sort()).toEqual([deadFile, deadDir].sort());
    expect(readdirSync(dir).sort()).toEqual(
      ['.hidden', `.x.tmp-${dead}`, live, 'a_instances.png', `notes.tmp-${dead}-a-0`].sort(),
    );
  });

  it('a missing folder removes nothing', () => {
    expect(removeStaleTemporaries(join(tmpdir(), 'qfcn-stale-absent', 'x'))).toEqual([]);
  });
});
