import { expect } from 'vitest';
import type { CliRun } from './run-cli';

/**
 * Asserts a run failed the way a user error must: the exit code, one `error:` line matching
 * `message`, then indented detail lines (location, hint; at most `lines` in all, default 3), no stack trace and nothing on stdout
 * (unless `stdout` is allowed). Returns stderr's lines for further checks.
 */
export function expectUserError(
  run: CliRun,
  code: number,
  message: RegExp | string,
  options: { stdout?: boolean; lines?: number } = {},
): string[] {
  const lines = run.stderr.trimEnd().split('\n');
  expect(run.code, run.stderr).toBe(code);
  expect(lines[0], run.stderr).toEqual(
    typeof message === 'string' ? `error: ${message}` : expect.stringMatching(message),
  );
  expect(lines[0]).toMatch(/^error: /);
  expect(lines.length, run.stderr).toBeLessThanOrEqual(options.lines ?? 3);
  for (const line of lines.slice(1)) expect(line, run.stderr).toMatch(/^ {2}/);
  // A stack frame (`    at fn (file:1:2)`, `    at file:///x.js:1:2`, `    at async …`), not the `  at FILE:LINE` location.
  expect(run.stderr).not.toMatch(/^\s+at (?:async |new )?(?:\S+ \(.*\)|file:\/\/\S+|node:\S+)$/m);
  expect(run.stderr).not.toMatch(/\b(EISDIR|ENOENT|EACCES|EPIPE|ERR_[A-Z_]+)\b/);
  if (!options.stdout) expect(run.stdout).toBe('');
  return lines;
}
