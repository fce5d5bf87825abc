import type { ModelInfo } from '@distillery/core';

/** A provider's catalog with the config's entries first; an own entry replaces a preset one of the same id. */
export function mergeCatalog<M extends ModelInfo>(own: readonly M[] | undefined, preset: readonly M[]): M[] {
  const extra = own ?? [];
  const overridden = new Set(extra.map((m) => m.id.toLowerCase()));
  return [...extra, ...preset.filter((m) => !overridden.has(m.id.toLowerCase()))];
}
