import { afterEach, describe, expect, it } from 'vitest';
import { loadSqlite, type SqliteModule } from './load-sqlite';

const seen: string[] = [];
const listener = (warning: Error) => seen.push(`${warning.name}: ${warning.message}`);

afterEach(() => {
  process.off('warning', listener);
  seen.length = 0;
});

describe('loadSqlite', () => {
  it('loads node:sqlite', () => {
    const { DatabaseSync } = loadSqlite();
    const db = new DatabaseSync(':memory:');
    expect(
      db.prepare("SELECT sqlite_version() AS v, sqlite_compileoption_used('ENABLE_FTS5') AS fts5").get(),
    ).toMatchObject({
      fts5: 1,
    });
    db.close();
  });

  it('drops only the SQLite ExperimentalWarning emitted while loading, as Node 22 does', async () => {
    process.on('warning', listener);
    const original = process.emitWarning;
    const fake = {} as SqliteModule;
    const loaded = loadSqlite(() => {
      process.emitWarning(
        'SQLite is an experimental feature and might change at any time',
        'ExperimentalWarning',
      );
      process.emitWarning('Something else is experimental', 'ExperimentalWarning');
      process.emitWarning('SQLite sounds odd', { type: 'DeprecationWarning' });
      return fake;
    });
    expect(loaded).toBe(fake);
    expect(process.emitWarning).toBe(original);
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual([
      'ExperimentalWarning: Something else is experimental',
      'DeprecationWarning: SQLite sounds odd',
    ]);
  });
});
