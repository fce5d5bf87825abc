/** Values of environment variables that look like secrets, longest first. */
function secretValues(env: Readonly<Record<string, string | undefined>>): string[] {
  return Object.entries(env)
    .filter(([name, value]) => /(API_KEY|TOKEN|SECRET|PASSWORD)$/i.test(name) && value && value.length >= 6)
    .map(([, value]) => value as string)
    .sort((a, b) => b.length - a.length);
}

/** Replaces any secret from the environment that appears in `text` (defence in depth for error output). */
export function redactSecrets(text: string, env: Readonly<Record<string, string | undefined>>): string {
  let out = text;
  for (const secret of secretValues(env)) out = out.split(secret).join('[redacted]');
  return out;
}
