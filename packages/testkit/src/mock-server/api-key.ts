/** The API key of a request: `x-api-key`, else the token of `Authorization: Bearer`, else null. */
export function apiKeyOf(headers: Record<string, string>, allowXApiKey: boolean): string | null {
  if (allowXApiKey) {
    const x = headers['x-api-key']?.trim();
    if (x) return x;
  }
  const match = /^Bearer\s+(.+)$/i.exec(headers.authorization?.trim() ?? '');
  const token = match?.[1]?.trim();
  return token ? token : null;
}

/** Keys the mock rejects as invalid: `bad-key` and any key starting with `invalid`. */
export function isInvalidApiKey(key: string): boolean {
  return key === 'bad-key' || key.startsWith('invalid');
}

/** Models the mock reports as missing: `unknown-model`, `unknown-…` and any name starting with `missing`. */
export function isUnknownModel(model: string): boolean {
  return model === 'unknown-model' || model.startsWith('unknown-') || model.startsWith('missing');
}
