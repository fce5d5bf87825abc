import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openBrowser } from './open-browser';

const dir = mkdtempSync(path.join(os.tmpdir(), 'distill-open-browser-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('openBrowser', () => {
  it('reports false instead of throwing when the opener cannot start', async () => {
    const missing = path.join(dir, 'no-such-opener');
    expect(await openBrowser('http://127.0.0.1:1/', 'linux', { BROWSER: missing })).toBe(false);
  });

  it('starts the opener BROWSER names with the URL, and reports true', async () => {
    const opener = path.join(dir, 'opener.sh');
    const seen = path.join(dir, 'seen.txt');
    const done = path.join(dir, 'done.fifo');
    // The opener writes its argument, then signals through a named pipe the test is reading.
    writeFileSync(opener, `#!/bin/sh\nprintf '%s' "$1" > '${seen}'\nprintf x > '${done}'\n`, { mode: 0o755 });
    execFileSync('mkfifo', [done]);
    const signalled = readFile(done, 'utf8');
    expect(await openBrowser('http://127.0.0.1:4319/samples', 'linux', { BROWSER: opener })).toBe(true);
    expect(await signalled).toBe('x');
    expect(readFileSync(seen, 'utf8')).toBe('http://127.0.0.1:4319/samples');
  });
});
