import type { DatabaseSync } from 'node:sqlite';
import { StoreError } from './store-error';

export interface Migration {
  /** The `PRAGMA user_version` the database has after this migration. */
  version: number;
  description: string;
  up(db: DatabaseSync): void;
}

const TAGS_FROM_JSON = `INSERT OR IGNORE INTO sample_tags (tag, sample_seq)
  SELECT value, new.seq FROM json_each(new.json, '$.tags') WHERE type = 'text'`;

/**
 * The store's schema, oldest first. Never edit a released migration: append a new one.
 * Derived columns are generated from the stored JSON, so they can never disagree with it.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'samples with generated index columns, tags, dedupe keys, records',
    up(db) {
      db.exec(`
        CREATE TABLE samples (
          seq INTEGER PRIMARY KEY,
          json TEXT NOT NULL CHECK (json_valid(json)),
          dedupe_key TEXT,
          id TEXT GENERATED ALWAYS AS (json_extract(json, '$.id')) STORED NOT NULL,
          task_id TEXT GENERATED ALWAYS AS (json_extract(json, '$.taskId')) STORED NOT NULL,
          created_at TEXT GENERATED ALWAYS AS (json_extract(json, '$.createdAt')) STORED NOT NULL,
          source_type TEXT GENERATED ALWAYS AS (json_extract(json, '$.source.type')) STORED NOT NULL,
          model TEXT GENERATED ALWAYS AS (
            CASE WHEN json_extract(json, '$.source.type') = 'synthetic'
              THEN json_extract(json, '$.source.runConfig.model') END) STORED,
          has_reasoning INTEGER GENERATED ALWAYS AS (
            length(trim(coalesce(json_extract(json, '$.reasoning.text'), ''))) > 0) STORED NOT NULL,
          rating INTEGER GENERATED ALWAYS AS (json_extract(json, '$.rating')) STORED
        );
        CREATE UNIQUE INDEX samples_id ON samples (id);
        CREATE UNIQUE INDEX samples_dedupe_key ON samples (dedupe_key);
        CREATE INDEX samples_created ON samples (created_at);
        CREATE INDEX samples_task ON samples (task_id, created_at);
        CREATE INDEX samples_reasoning ON samples (has_reasoning, created_at);
        CREATE INDEX samples_source ON samples (source_type, created_at);
        CREATE INDEX samples_model ON samples (model, created_at);
        CREATE INDEX samples_rating ON samples (rating, created_at);

        CREATE TABLE sample_tags (
          tag TEXT NOT NULL,
          sample_seq INTEGER NOT NULL,
          PRIMARY KEY (tag, sample_seq)
        ) WITHOUT ROWID;
        CREATE INDEX sample_tags_sample ON sample_tags (sample_seq);
        CREATE TRIGGER samples_tags_insert AFTER INSERT ON samples BEGIN ${TAGS_FROM_JSON}; END;
        CREATE TRIGGER samples_tags_update AFTER UPDATE OF json ON samples BEGIN
          DELETE FROM sample_tags WHERE sample_seq = old.seq;
          ${TAGS_FROM_JSON};
        END;
        CREATE TRIGGER samples_tags_delete AFTER DELETE ON samples BEGIN
          DELETE FROM sample_tags WHERE sample_seq = old.seq;
        END;

        CREATE TABLE records (
          kind TEXT NOT NULL,
          id TEXT NOT NULL,
          json TEXT NOT NULL CHECK (json_valid(json)),
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL,
          PRIMARY KEY (kind, id)
        ) WITHOUT ROWID;
        CREATE INDEX records_created ON records (kind, created_at);
      `);
    },
  },
  {
    version: 2,
    description: 'full-text search over input, answer and reasoning (FTS5), backfilled',
    up(db) {
      const columns = `json_extract(new.json, '$.input'), json_extract(new.json, '$.output.content'),
        json_extract(new.json, '$.reasoning.text')`;
      db.exec(`
        CREATE VIRTUAL TABLE samples_fts USING fts5 (
          input, answer, reasoning,
          content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
        );
        INSERT INTO samples_fts (rowid, input, answer, reasoning)
          SELECT seq, json_extract(json, '$.input'), json_extract(json, '$.output.content'),
            json_extract(json, '$.reasoning.text') FROM samples;
        CREATE TRIGGER samples_fts_insert AFTER INSERT ON samples BEGIN
          INSERT INTO samples_fts (rowid, input, answer, reasoning) VALUES (new.seq, ${columns});
        END;
        CREATE TRIGGER samples_fts_update AFTER UPDATE OF json ON samples
          WHEN json_extract(old.json, '$.input') IS NOT json_extract(new.json, '$.input')
            OR json_extract(old.json, '$.output.content') IS NOT json_extract(new.json, '$.output.content')
            OR json_extract(old.json, '$.reasoning.text') IS NOT json_extract(new.json, '$.reasoning.text')
        BEGIN
          DELETE FROM samples_fts WHERE rowid = old.seq;
          INSERT INTO samples_fts (rowid, input, answer, reasoning) VALUES (new.seq, ${columns});
        END;
        CREATE TRIGGER samples_fts_delete AFTER DELETE ON samples BEGIN
          DELETE FROM samples_fts WHERE rowid = old.seq;
        END;
      `);
    },
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

export function schemaVersion(db: DatabaseSync): number {
  const row = db.prepare('PRAGMA user_version').get() as { user_version: number } | undefined;
  return row?.user_version ?? 0;
}

/**
 * Brings the database up to `target` (default: the latest version), one migration per
 * transaction, each setting `user_version` inside its transaction so a crash mid-way leaves the
 * database at the last completed version. Returns the versions applied.
 */
export function migrate(
  db: DatabaseSync,
  options: { target?: number; location?: string; migrations?: readonly Migration[] } = {},
): number[] {
  const migrations = options.migrations ?? MIGRATIONS;
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  const target = options.target ?? latest;
  const current = schemaVersion(db);
  if (current > latest) {
    throw new StoreError(
      `The store${options.location ? ` at ${options.location}` : ''} has schema version ${current}; this Distillery understands up to ${latest}.`,
      {
        code: 'newer-schema',
        location: options.location,
        advice: 'Upgrade Distillery (it was written by a newer version); the data has not been changed.',
      },
    );
  }
  const applied: number[] = [];
  for (const migration of migrations) {
    if (migration.version <= current || migration.version > target) continue;
    db.exec('BEGIN IMMEDIATE');
    try {
      // Another process opening the same new store may have migrated it while this one waited for
      // the write lock: the version read under the lock decides.
      if (schemaVersion(db) >= migration.version) {
        db.exec('COMMIT');
        continue;
      }
      migration.up(db);
      db.exec(`PRAGMA user_version = ${Math.trunc(migration.version)}`);
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
    applied.push(migration.version);
  }
  return applied;
}
