import { InputError } from '@distillery/core/contracts';

/** A numeric flag value: positive (or at least `min`), an integer when asked; undefined stays undefined. */
export function parseNumberFlag(
  flag: string,
  value: string | undefined,
  options: { integer?: boolean; min?: number; max?: number } = {},
): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  const min = options.min ?? Number.MIN_VALUE;
  const ok =
    value.trim() !== '' &&
    Number.isFinite(parsed) &&
    parsed >= min &&
    (options.max === undefined || parsed <= options.max) &&
    (!options.integer || Number.isInteger(parsed));
  if (!ok) {
    const kind = options.integer ? 'a whole number' : 'a number';
    const range =
      options.max !== undefined
        ? ` from ${options.min ?? 1} to ${options.max}`
        : options.min === 0
          ? ' ≥ 0'
          : ' > 0';
    const example = options.max !== undefined ? Math.min(options.max, Math.max(options.min ?? 1, 1)) : 1;
    throw new InputError(`${flag} must be ${kind}${range}, got "${value}".`, {
      advice: `Pass a value in that range, e.g. ${flag} ${example}.`,
    });
  }
  return parsed;
}
