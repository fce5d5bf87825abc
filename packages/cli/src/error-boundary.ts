import { DistilleryError, UserError } from '@distillery/core/contracts';
import type { CliIO } from './cli-io';
import { redactSecrets } from './redact-secrets';
import { styleFor } from './style';

export const EXIT_INTERNAL = 70;
export const EXIT_INTERRUPTED = 130;

function isAbort(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    ((error as { name?: string }).name === 'AbortError' ||
      (UserError.isInstance(error) && (error as { kind?: string }).kind === 'aborted'))
  );
}

/**
 * The CLI's one error boundary: a user error becomes one clear line (plus where and what to do)
 * and its exit code; anything else is an internal error, with the stack only under DISTILL_DEBUG.
 */
export function reportError(error: unknown, io: CliIO): number {
  const style = styleFor(io.stderr, io.env);
  const write = (line: string) => io.stderr.write(`${redactSecrets(line, io.env, io)}\n`);
  // A command that stopped on Ctrl-C and says what it left behind (and how to go on).
  if (UserError.isInstance(error) && error.exitCode === EXIT_INTERRUPTED) {
    write(style.yellow(error.message));
    if (error.advice) write(`  ${style.cyan('hint:')} ${error.advice}`);
    return EXIT_INTERRUPTED;
  }
  if (isAbort(error) || io.signal?.aborted) {
    write(style.yellow('Interrupted.'));
    return EXIT_INTERRUPTED;
  }
  if (UserError.isInstance(error)) {
    write(`${style.red('error:')} ${error.message}`);
    if (error.location) write(`  ${style.dim('at')} ${error.location}`);
    if (error.advice) write(`  ${style.cyan('hint:')} ${error.advice}`);
    if (io.env.DISTILL_DEBUG && error.stack) write(style.dim(error.stack));
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  write(`${style.red('internal error:')} ${message}`);
  if (io.env.DISTILL_DEBUG && error instanceof Error && error.stack) write(style.dim(error.stack));
  else write(`  ${style.dim('Run again with DISTILL_DEBUG=1 for details, and report it if it persists.')}`);
  return DistilleryError.isInstance(error) ? 1 : EXIT_INTERNAL;
}
