import { createRequire } from 'node:module';

export type SqliteModule = typeof import('node:sqlite');

/**
 * Loads `node:sqlite` without its one-time `ExperimentalWarning` (printed by Node 22 and early 23
 * releases), so CLI output stays clean. Only that warning is dropped; any other warning emitted
 * while the module loads goes through unchanged.
 */
export function loadSqlite(
  load: () => SqliteModule = () => createRequire(import.meta.url)('node:sqlite') as SqliteModule,
): SqliteModule {
  const original = process.emitWarning;
  process.emitWarning = function filtered(this: unknown, warning: string | Error, ...rest: unknown[]): void {
    const message = typeof warning === 'string' ? warning : warning.message;
    const first = rest[0];
    const type =
      typeof first === 'string'
        ? first
        : typeof first === 'object' && first !== null && 'type' in first
          ? String((first as { type: unknown }).type)
          : typeof warning === 'string'
            ? undefined
            : warning.name;
    if (type === 'ExperimentalWarning' && /sqlite/i.test(message)) return;
    (original as (...args: unknown[]) => void).call(process, warning, ...rest);
  } as typeof process.emitWarning;
  try {
    return load();
  } finally {
    process.emitWarning = original;
  }
}
