import type { ModelInfo } from '@distillery/core';

const SNAPSHOT_SUFFIX = /-(\d{4}-\d{2}-\d{2}|\d{8}|\d{4})$/;

/**
 * Looks a model id up in a catalog: exact id (case-insensitive), then without a dated snapshot
 * suffix (`o3-2025-04-16` -> `o3`), then without an Ollama-style tag (`qwen3:8b` -> `qwen3`).
 */
export function findModel<M extends ModelInfo>(models: readonly M[], id: string): M | undefined {
  const lower = id.toLowerCase();
  const exact = models.find((m) => m.id.toLowerCase() === lower);
  if (exact) return exact;
  const undated = lower.replace(SNAPSHOT_SUFFIX, '');
  if (undated !== lower) {
    const found = models.find((m) => m.id.toLowerCase() === undated);
    if (found) return found;
  }
  const colon = lower.indexOf(':');
  if (colon > 0) {
    const base = lower.slice(0, colon);
    return models.find((m) => m.id.toLowerCase() === base);
  }
  return undefined;
}
