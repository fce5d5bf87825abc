import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN } from './__fixtures__/run-cli';

const dir = mkdtempSync(path.join(os.tmpdir(), 'distill-pipe-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Runs `distill ARGS | head -c 1`: reads the first chunk of stdout, then closes the pipe while the
 * command is still writing (its output is far larger than a pipe's buffer).
 */
function runClosedEarly(
  args: string[],
): Promise<{ code: number | null; signal: string | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: dir,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.stdout.once('data', () => child.stdout.destroy());
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
}

describe('a closed standard output', { timeout: 60_000 }, () => {
  it('ends `distill parse BIG | head` quietly with exit 0', async () => {
    // About 8 MB of answer text: the command is still writing when the reader goes away.
    writeFileSync(
      path.join(dir, 'big.txt'),
      `<think>hm</think>${'forty-two and counting. '.repeat(350_000)}`,
    );
    const run = await runClosedEarly(['parse', '--parser', 'deepseek-r1', 'big.txt']);
    expect(run).toEqual({ code: 0, signal: null, stderr: '' });
  });
});
