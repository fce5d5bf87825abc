import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeSample } from './__fixtures__/make-sample';
import { loadSqlite } from './load-sqlite';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, migrate, schemaVersion } from './migrations';
import { openSampleStore } from './open-sample-store';
import { StoreError } from './store-error';

let dir: string;
let file: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'distill-migrate-'));
  file = path.join(dir, 'distill.db');
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

function rawDb() {
  const { DatabaseSync } = loadSqlite();
  return new DatabaseSync(file);
}

describe('migrate', () => {
  it('lists migrations in increasing version order', () => {
    const versions = MIGRATIONS.map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    expect(LATEST_SCHEMA_VERSION).toBe(versions[versions.length - 1]);
  });

  it('leaves alone what another process migrated while this one waited for the lock', () => {
    const first = rawDb();
    const second = rawDb();
    // The second process reads version 0; before its first BEGIN IMMEDIATE, the first process
    // migrates the whole store (the iterator runs between the two, as a slower process would).
    const racing = Object.assign([...MIGRATIONS], {
      *[Symbol.iterator]() {
        migrate(first);
        yield* MIGRATIONS;
      },
    });
    expect(() => migrate(second, { migrations: racing })).not.toThrow();
    expect(schemaVersion(second)).toBe(LATEST_SCHEMA_VERSION);
    first.close();
    second.close();
  });

  it('upgrades a version-1 database on open and backfills the search index', async () => {
    const db = rawDb();
    expect(migrate(db, { target: 1 })).toEqual([1]);
    const old = makeSample({ input: 'A quokka walks into a bar', tags: ['legacy'] });
    db.prepare('INSERT INTO samples (json) VALUES (?)').run(JSON.stringify(old));
    expect(schemaVersion(db)).toBe(1);
    db.close();

    const store = await openSampleStore({ file });
    try {
      expect(store.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
      expect(await store.count({ filter: { text: 'quokka' } })).toBe(1);
      expect(await store.count({ filter: { tags: ['legacy'] } })).toBe(1);
      await store.insert(makeSample({ input: 'another quokka' }));
      expect(await store.count({ filter: { text: 'quokka' } })).toBe(2);
    } finally {
      await store.close();
    }
  });

  it('refuses a database from a newer version without touching it', async () => {
    const db = rawDb();
    migrate(db);
    db.exec('PRAGMA user_version = 99');
    db.close();
    const error = await openSampleStore({ file }).catch((e: unknown) => e);
    expect(StoreError.isInstance(error) && error.code).toBe('newer-schema');
    expect((error as Error).message).toMatch(/schema version 99; this Distillery understands up to 2/);
    const check = rawDb();
    expect(schemaVersion(check)).toBe(99);
    check.close();
  });

  it('rolls back a failing migration and keeps the last good version', () => {
    const db = rawDb();
    const failing = [
      MIGRATIONS[0]!,
      {
        version: 2,
        description: 'half done',
        up(d: typeof db) {
          d.exec('CREATE TABLE half (x)');
          throw new Error('boom');
        },
      },
    ];
    expect(() => migrate(db, { migrations: failing })).toThrow('boom');
    expect(schemaVersion(db)).toBe(1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
    expect(migrate(db)).toEqual([2]);
    db.close();
  });
});
