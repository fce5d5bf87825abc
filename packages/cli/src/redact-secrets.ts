import type { CliIO } from './cli-io';

/** Secrets learnt while the command ran (the keys the config's providers read), per CLI run. */
const learnt = new WeakMap<CliIO, Set<string>>();

/** Adds secrets to redact from everything the error boundary prints for this run. */
export function rememberSecrets(io: CliIO, secrets: Iterable<string>): void {
  const set = learnt.get(io) ?? new Set<string>();
  for (const secret of secrets) set.add(secret);
  learnt.set(io, set);
}

/** Values of environment variables that look like secrets, plus those learnt for this run, longest first. */
function secretValues(env: Readonly<Record<string, string | undefined>>, io?: CliIO): string[] {
  const named = Object.entries(env)
    .filter(([name, value]) => /(API_KEY|TOKEN|SECRET|PASSWORD)$/i.test(name) && value && value.length >= 6)
    .map(([, value]) => value as string);
  return [...new Set([...named, ...(io ? (learnt.get(io) ?? []) : [])])].sort((a, b) => b.length - a.length);
}

/**
 * Replaces any secret that appears in `text`: the values of variables named like keys, and, given
 * the run's `io`, every key a configured provider reads (defence in depth for error output).
 */
export function redactSecrets(
  text: string,
  env: Readonly<Record<string, string | undefined>>,
  io?: CliIO,
): string {
  let out = text;
  for (const secret of secretValues(env, io)) out = out.split(secret).join('[redacted]');
  return out;
}
