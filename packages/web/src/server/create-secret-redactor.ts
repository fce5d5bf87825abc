/** Values of environment variables that look like secrets, longest first. */
function secretValues(env: Readonly<Record<string, string | undefined>>): string[] {
  return Object.entries(env)
    .filter(([name, value]) => /(API_KEY|TOKEN|SECRET|PASSWORD)$/i.test(name) && value && value.length >= 6)
    .map(([, value]) => value as string)
    .sort((a, b) => b.length - a.length);
}

/**
 * Replaces every secret from the environment (and any extra values, such as keys written in the
 * config) found in a response body. Defence in depth: routes never put keys in responses anyway.
 */
export function createSecretRedactor(
  env: Readonly<Record<string, string | undefined>>,
  extra: readonly string[] = [],
): (text: string) => string {
  const secrets = [...new Set([...secretValues(env), ...extra.filter((s) => s.length >= 6)])].sort(
    (a, b) => b.length - a.length,
  );
  if (secrets.length === 0) return (text) => text;
  return (text) => {
    let out = text;
    for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join('[redacted]');
    return out;
  };
}
