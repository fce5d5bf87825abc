import { type ChildProcess, spawn } from 'node:child_process';
import type { MockServer, RecordedRequest } from '@distillery/testkit';
import { BIN } from './run-cli';

/**
 * Spawns the CLI and kills it with SIGKILL as soon as `when` holds for a request the mock
 * received; resolves with its exit code (null when killed).
 */
export function runAndKill(
  server: MockServer,
  args: string[],
  options: { cwd: string; env: Record<string, string> },
  when: (r: RecordedRequest) => boolean,
): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', ...options.env },
      stdio: ['ignore', 'ignore', 'ignore'],
    });
    let seen = 0;
    const watch = setInterval(() => {
      for (; seen < server.requests.length; seen++) {
        if (when(server.requests[seen]!)) {
          clearInterval(watch);
          child.kill('SIGKILL');
          return;
        }
      }
    }, 2);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(watch);
      resolve(code);
    });
  });
}

/** Resolves once `condition` holds (checked every few milliseconds). */
export async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}
