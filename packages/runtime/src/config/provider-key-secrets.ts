import type { DistilleryConfig } from '@distillery/core';

/**
 * The API keys a config's providers use, to be kept out of any output: the value of every
 * variable a provider reads its key from (`apiKeyEnv`, whatever its name) and any key given
 * directly (`apiKey: process.env.X`).
 */
export function providerKeySecrets(
  config: DistilleryConfig,
  env: Readonly<Record<string, string | undefined>>,
): string[] {
  const secrets: string[] = [];
  for (const settings of Object.values(config.providers ?? {})) {
    if (settings.apiKey) secrets.push(settings.apiKey);
    const fromEnv = settings.apiKeyEnv ? env[settings.apiKeyEnv] : undefined;
    if (fromEnv) secrets.push(fromEnv);
  }
  return secrets.filter((secret) => secret.trim().length >= 4);
}
