import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import { type Sample, type SampleInput, SampleSchema } from '@distillery/core';
import type { ZodType } from 'zod';
import { buildSampleWhere, type SqlFragment } from './build-sample-where';
import { createWriteLock } from './create-write-lock';
import { loadSqlite } from './load-sqlite';
import { migrate, schemaVersion } from './migrations';
import { decodeSampleCursor, encodeSampleCursor } from './sample-cursor';
import type {
  InsertManyOptions,
  InsertManyResult,
  InsertOptions,
  InsertResult,
  RatingFacet,
  SampleFacets,
  SamplePage,
  SamplePatch,
  SampleQuery,
  SampleSelection,
  SampleStore,
  SampleWriter,
  SourceFacet,
  StoredRecord,
} from './sample-store';
import { StoreError } from './store-error';

/** The project's data directory, relative to the project root. */
export const DEFAULT_DATA_DIR = '.distill';
/** The database file inside the data directory. */
export const STORE_FILE_NAME = 'distill.db';

export interface OpenSampleStoreOptions {
  /** The data directory (created if missing); the database is `<dir>/distill.db`. */
  dir?: string;
  /** A database file instead of `dir`, or `:memory:` for a throwaway store. */
  file?: string;
  /** How long a write waits for another process holding the write lock. Default 5000 ms. */
  busyTimeoutMs?: number;
  /** Clock for record timestamps. */
  now?: () => Date;
}

const DEFAULT_LIMIT = 50;
const SQLITE_CONSTRAINT_UNIQUE = 2067;

interface SampleRow {
  seq: number;
  id: string;
  created_at: string;
  json: string;
}

interface RecordRow {
  kind: string;
  id: string;
  json: string;
  created_at: string;
  updated_at: string;
}

/**
 * Opens (creating and migrating as needed) the embedded store: one SQLite file in WAL mode with
 * `synchronous = FULL`, so a sample is on disk once its insert resolves and a `kill -9` at any
 * moment loses nothing committed and leaves nothing half-written. Writes go through one
 * connection behind an in-process FIFO lock; reads use a second connection and see only
 * committed data.
 */
export async function openSampleStore(options: OpenSampleStoreOptions): Promise<SqliteSampleStore> {
  return SqliteSampleStore.open(options);
}

function describeZodIssues(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}

function validateSample(input: SampleInput): Sample {
  const parsed = SampleSchema.safeParse(input);
  if (!parsed.success) {
    const id =
      typeof (input as { id?: unknown })?.id === 'string' ? ` "${(input as { id: string }).id}"` : '';
    throw new StoreError(
      `Sample${id} does not match the Sample schema: ${describeZodIssues(parsed.error.issues)}.`,
      {
        code: 'invalid-sample',
        advice: 'Fix the sample before storing it; nothing was written.',
      },
    );
  }
  const sample = parsed.data;
  return { ...sample, tags: [...new Set(sample.tags)] };
}

/**
 * Refreshes the planner statistics of our own tables (bounded by analysis_limit). Not
 * `PRAGMA optimize`: that also analyses the FTS5 shadow tables, and statistics taken while they
 * are small make every later insert slower as the index grows.
 */
function analyzeTables(db: DatabaseSync): void {
  const row = db.prepare('SELECT count(*) AS n FROM (SELECT 1 FROM samples LIMIT 1000)').get() as {
    n: number;
  };
  if (row.n < 1000) return;
  db.exec('ANALYZE samples; ANALYZE sample_tags; ANALYZE records');
}

function isUniqueViolation(error: unknown, column: string): boolean {
  const e = error as { errcode?: unknown; message?: unknown };
  return (
    e?.errcode === SQLITE_CONSTRAINT_UNIQUE && typeof e.message === 'string' && e.message.includes(column)
  );
}

/** The SQLite implementation of SampleStore; `explain` and `file` are extras for tests and tools. */
export class SqliteSampleStore implements SampleStore {
  readonly file: string;
  private readonly writer: DatabaseSync;
  private readonly reader: DatabaseSync;
  private readonly lock = createWriteLock();
  private readonly statements = new Map<DatabaseSync, Map<string, StatementSync>>();
  private readonly now: () => Date;
  private closed = false;

  private constructor(file: string, writer: DatabaseSync, reader: DatabaseSync, now: () => Date) {
    this.file = file;
    this.writer = writer;
    this.reader = reader;
    this.now = now;
  }

  static open(options: OpenSampleStoreOptions): SqliteSampleStore {
    if ((options.dir === undefined) === (options.file === undefined)) {
      throw new StoreError('openSampleStore needs exactly one of `dir` and `file`.', { code: 'open-failed' });
    }
    const file = options.file ?? path.join(options.dir!, STORE_FILE_NAME);
    const memory = file === ':memory:';
    const { DatabaseSync } = loadSqlite();
    const busy = Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000));
    let writer: DatabaseSync;
    try {
      if (options.dir !== undefined) mkdirSync(options.dir, { recursive: true });
      else if (!memory) mkdirSync(path.dirname(file), { recursive: true });
      writer = new DatabaseSync(file);
    } catch (error) {
      throw new StoreError(`Cannot open the store at ${file}: ${(error as Error).message}`, {
        code: 'open-failed',
        location: file,
        advice: 'Check that the data directory exists and is writable.',
        cause: error,
      });
    }
    try {
      writer.exec(`PRAGMA busy_timeout = ${busy}`);
      if (!memory) writer.exec('PRAGMA journal_mode = WAL');
      // FULL: in WAL mode, every commit is fsynced, so committed samples survive power loss too
      // (NORMAL would already survive kill -9, but may lose the last commits on power loss).
      writer.exec('PRAGMA synchronous = FULL');
      writer.exec('PRAGMA analysis_limit = 1000');
      migrate(writer, { location: file });
    } catch (error) {
      writer.close();
      if (StoreError.isInstance(error)) throw error;
      throw new StoreError(`Cannot open the store at ${file}: ${(error as Error).message}`, {
        code: 'open-failed',
        location: file,
        advice: 'The file may not be a Distillery store, or may be damaged; restore it from a backup.',
        cause: error,
      });
    }
    let reader = writer;
    if (!memory) {
      reader = new DatabaseSync(file);
      reader.exec(`PRAGMA busy_timeout = ${busy}`);
      reader.exec('PRAGMA query_only = 1');
    }
    return new SqliteSampleStore(file, writer, reader, options.now ?? (() => new Date()));
  }

  /** The schema version of the open database (`PRAGMA user_version`). */
  get schemaVersion(): number {
    return schemaVersion(this.writer);
  }

  private statement(db: DatabaseSync, sql: string): StatementSync {
    this.assertOpen();
    let cache = this.statements.get(db);
    if (!cache) {
      cache = new Map();
      this.statements.set(db, cache);
    }
    let statement = cache.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      cache.set(sql, statement);
    }
    return statement;
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreError('The store is closed.', { code: 'closed' });
  }

  // ---- writes (synchronous cores; callers hold the lock) ----

  private insertSync(input: SampleInput, dedupeKey: string | undefined): InsertResult {
    const sample = validateSample(input);
    try {
      const result = this.statement(
        this.writer,
        'INSERT INTO samples (json, dedupe_key) VALUES (?, ?) ON CONFLICT (dedupe_key) DO NOTHING',
      ).run(JSON.stringify(sample), dedupeKey ?? null);
      return { inserted: Number(result.changes) > 0, id: sample.id };
    } catch (error) {
      if (isUniqueViolation(error, 'samples.id')) {
        throw new StoreError(`A sample with id "${sample.id}" is already stored.`, {
          code: 'duplicate-id',
          advice: 'Give every sample a fresh id (crypto.randomUUID()), or update the existing one.',
          cause: error,
        });
      }
      throw error;
    }
  }

  private insertManySync(samples: readonly SampleInput[], options: InsertManyOptions): InsertManyResult {
    const ids: string[] = [];
    let skipped = 0;
    samples.forEach((input, index) => {
      let sample: Sample;
      try {
        sample = validateSample(input);
      } catch (error) {
        if (StoreError.isInstance(error)) error.message = `Sample #${index + 1}: ${error.message}`;
        throw error;
      }
      const result = this.insertSync(sample, options.dedupeKey?.(sample));
      if (result.inserted) ids.push(result.id);
      else skipped++;
    });
    return { inserted: ids.length, skippedDuplicates: skipped, ids };
  }

  private hasKeySync(db: DatabaseSync, key: string): boolean {
    return this.statement(db, 'SELECT 1 AS found FROM samples WHERE dedupe_key = ?').get(key) !== undefined;
  }

  /** Runs `fn` inside BEGIN IMMEDIATE ... COMMIT on the write connection; rolls back if it throws. */
  private async inTransaction<T>(fn: () => T | Promise<T>): Promise<T> {
    this.assertOpen();
    this.writer.exec('BEGIN IMMEDIATE');
    try {
      const result = await fn();
      this.writer.exec('COMMIT');
      return result;
    } catch (error) {
      if (this.writer.isTransaction) this.writer.exec('ROLLBACK');
      throw error;
    }
  }

  insert(sample: SampleInput, options: InsertOptions = {}): Promise<InsertResult> {
    return this.lock.run(() => {
      this.assertOpen();
      return this.insertSync(sample, options.dedupeKey);
    });
  }

  insertMany(samples: readonly SampleInput[], options: InsertManyOptions = {}): Promise<InsertManyResult> {
    return this.lock.run(() => this.inTransaction(() => this.insertManySync(samples, options)));
  }

  hasKey(dedupeKey: string): Promise<boolean> {
    return Promise.resolve().then(() => this.hasKeySync(this.reader, dedupeKey));
  }

  transaction<T>(fn: (writer: SampleWriter) => Promise<T>): Promise<T> {
    return this.lock.run(async () => {
      let active = true;
      const guard = <R>(run: () => R): Promise<R> =>
        Promise.resolve().then(() => {
          if (!active) {
            throw new StoreError('This transaction has already ended.', {
              code: 'closed',
              advice: 'Use the writer only inside the transaction callback, and await every call.',
            });
          }
          return run();
        });
      const writer: SampleWriter = {
        insert: (sample, options = {}) => guard(() => this.insertSync(sample, options.dedupeKey)),
        insertMany: (samples, options = {}) => guard(() => this.insertManySync(samples, options)),
        hasKey: (key) => guard(() => this.hasKeySync(this.writer, key)),
      };
      try {
        return await this.inTransaction(() => fn(writer));
      } finally {
        active = false;
      }
    });
  }

  update(id: string, patch: SamplePatch): Promise<Sample | undefined> {
    return this.lock.run(() =>
      this.inTransaction(() => {
        const row = this.statement(this.writer, 'SELECT seq, json FROM samples WHERE id = ?').get(id) as
          | { seq: number; json: string }
          | undefined;
        if (!row) return undefined;
        const current = JSON.parse(row.json) as Sample;
        const next = validateSample({
          ...current,
          ...(patch.tags === undefined ? {} : { tags: patch.tags }),
          ...(patch.rating === undefined ? {} : { rating: patch.rating }),
        });
        this.statement(this.writer, 'UPDATE samples SET json = ? WHERE seq = ?').run(
          JSON.stringify(next),
          row.seq,
        );
        return next;
      }),
    );
  }

  delete(id: string): Promise<boolean> {
    return this.lock.run(() => {
      const result = this.statement(this.writer, 'DELETE FROM samples WHERE id = ?').run(id);
      return Number(result.changes) > 0;
    });
  }

  // ---- reads ----

  async get(id: string): Promise<Sample | undefined> {
    const row = this.statement(this.reader, 'SELECT json FROM samples WHERE id = ?').get(id) as
      | { json: string }
      | undefined;
    return row ? (JSON.parse(row.json) as Sample) : undefined;
  }

  async getMany(ids: readonly string[]): Promise<Sample[]> {
    this.assertOpen();
    const found = new Map<string, Sample>();
    const chunk = 500;
    for (let i = 0; i < ids.length; i += chunk) {
      const part = ids.slice(i, i + chunk);
      const rows = this.reader
        .prepare(`SELECT id, json FROM samples WHERE id IN (${part.map(() => '?').join(', ')})`)
        .all(...part) as { id: string; json: string }[];
      for (const row of rows) found.set(row.id, JSON.parse(row.json) as Sample);
    }
    return ids.flatMap((id) => {
      const sample = found.get(id);
      return sample ? [sample] : [];
    });
  }

  async count(selection: SampleSelection = {}): Promise<number> {
    const { sql, params } = this.countSql(selection);
    const row = this.statement(this.reader, sql).get(...params) as { n: number };
    return row.n;
  }

  async query(query: SampleQuery = {}): Promise<SamplePage> {
    const { sql, params, limit, orderBy, direction } = this.pageSql(query);
    const rows = this.statement(this.reader, sql).all(...params) as unknown as SampleRow[];
    const hasMore = rows.length > limit;
    const page = hasMore ? rows.slice(0, limit) : rows;
    const last = page[page.length - 1];
    return {
      samples: page.map((row) => JSON.parse(row.json) as Sample),
      nextCursor:
        hasMore && last
          ? encodeSampleCursor({
              orderBy,
              direction,
              key: orderBy === 'id' ? last.id : last.created_at,
              seq: last.seq,
            })
          : null,
    };
  }

  async ids(query: Omit<SampleQuery, 'limit' | 'cursor' | 'offset'> = {}): Promise<string[]> {
    const where = buildSampleWhere(query);
    const { orderSql } = this.ordering(query);
    const rows = this.statement(
      this.reader,
      `SELECT s.id FROM samples s WHERE ${where.sql} ORDER BY ${orderSql}`,
    ).all(...where.params) as { id: string }[];
    return rows.map((row) => row.id);
  }

  async facets(selection: SampleSelection = {}): Promise<SampleFacets> {
    const where = buildSampleWhere(selection);
    const unfiltered = where.sql === '1';
    const snapshot = this.reader !== this.writer && !this.reader.isTransaction;
    if (snapshot) this.reader.exec('BEGIN');
    try {
      const all = (sql: string) =>
        this.statement(this.reader, sql).all(...where.params) as { key: string | number | null; n: number }[];
      const totals = this.statement(
        this.reader,
        `SELECT count(*) AS n, coalesce(sum(s.has_reasoning), 0) AS r FROM samples s WHERE ${where.sql}`,
      ).get(...where.params) as { n: number; r: number };
      const tags = all(
        unfiltered
          ? 'SELECT tag AS key, count(*) AS n FROM sample_tags GROUP BY tag'
          : `SELECT t.tag AS key, count(*) AS n FROM sample_tags t JOIN samples s ON s.seq = t.sample_seq WHERE ${where.sql} GROUP BY t.tag`,
      );
      const ratings = all(
        `SELECT s.rating AS key, count(*) AS n FROM samples s WHERE ${where.sql} GROUP BY s.rating`,
      );
      const sources = all(
        `SELECT s.source_type AS key, count(*) AS n FROM samples s WHERE ${where.sql} GROUP BY s.source_type`,
      );
      const models = all(
        `SELECT s.model AS key, count(*) AS n FROM samples s WHERE ${where.sql} AND s.model IS NOT NULL GROUP BY s.model`,
      );
      const ratingCounts: Record<RatingFacet, number> = {
        '1': 0,
        '2': 0,
        '3': 0,
        '4': 0,
        '5': 0,
        unrated: 0,
      };
      for (const row of ratings)
        ratingCounts[row.key === null ? 'unrated' : (String(row.key) as RatingFacet)] = row.n;
      const sourceCounts: Record<SourceFacet, number> = { synthetic: 0, human: 0, import: 0 };
      for (const row of sources) sourceCounts[row.key as SourceFacet] = row.n;
      return {
        total: totals.n,
        withReasoning: totals.r,
        withoutReasoning: totals.n - totals.r,
        tags: Object.fromEntries(tags.map((row) => [String(row.key), row.n])),
        ratings: ratingCounts,
        sources: sourceCounts,
        models: Object.fromEntries(models.map((row) => [String(row.key), row.n])),
      };
    } finally {
      if (snapshot) this.reader.exec('COMMIT');
    }
  }

  /** The query plan (EXPLAIN QUERY PLAN details) of the SQL `query` or `count` would run. */
  explain(query: SampleQuery = {}, kind: 'page' | 'count' = 'page'): string[] {
    this.assertOpen();
    const { sql, params } = kind === 'page' ? this.pageSql(query) : this.countSql(query);
    const rows = this.reader.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
    return rows.map((row) => row.detail);
  }

  private countSql(selection: SampleSelection): SqlFragment {
    const where = buildSampleWhere(selection);
    return { sql: `SELECT count(*) AS n FROM samples s WHERE ${where.sql}`, params: where.params };
  }

  private ordering(query: SampleQuery) {
    const orderBy = query.orderBy ?? 'createdAt';
    const direction = query.direction ?? 'desc';
    if (orderBy !== 'createdAt' && orderBy !== 'id') {
      throw new StoreError(`Cannot order samples by "${String(orderBy)}".`, {
        code: 'invalid-query',
        advice: 'Order by createdAt or id.',
      });
    }
    if (direction !== 'asc' && direction !== 'desc') {
      throw new StoreError(`Unknown sort direction "${String(direction)}".`, {
        code: 'invalid-query',
        advice: 'Use asc or desc.',
      });
    }
    const dir = direction === 'asc' ? 'ASC' : 'DESC';
    const orderSql = orderBy === 'id' ? `s.id ${dir}` : `s.created_at ${dir}, s.seq ${dir}`;
    return { orderBy, direction, orderSql } as const;
  }

  private pageSql(query: SampleQuery) {
    const where = buildSampleWhere(query);
    const { orderBy, direction, orderSql } = this.ordering(query);
    const limit = query.limit ?? DEFAULT_LIMIT;
    const offset = query.offset ?? 0;
    if (!Number.isInteger(limit) || limit < 1 || !Number.isInteger(offset) || offset < 0) {
      throw new StoreError(`Invalid page: limit ${limit}, offset ${offset}.`, {
        code: 'invalid-query',
        advice: 'Use a positive integer limit and a non-negative integer offset.',
      });
    }
    const conditions = [where.sql];
    const params: SQLInputValue[] = [...where.params];
    if (query.cursor !== undefined) {
      const cursor = decodeSampleCursor(query.cursor, orderBy, direction);
      const op = direction === 'asc' ? '>' : '<';
      if (orderBy === 'id') {
        conditions.push(`s.id ${op} ?`);
        params.push(cursor.key);
      } else {
        conditions.push(`(s.created_at, s.seq) ${op} (?, ?)`);
        params.push(cursor.key, cursor.seq);
      }
    }
    params.push(limit + 1, offset);
    return {
      sql: `SELECT s.seq, s.id, s.created_at, s.json FROM samples s WHERE ${conditions.join(' AND ')} ORDER BY ${orderSql} LIMIT ? OFFSET ?`,
      params,
      limit,
      orderBy,
      direction,
    };
  }

  // ---- records ----

  putRecord(kind: string, id: string, value: unknown): Promise<void> {
    return this.lock.run(() => {
      const json = JSON.stringify(value);
      if (json === undefined) {
        throw new StoreError(`Record ${kind}/${id} is not JSON-serialisable.`, { code: 'invalid-record' });
      }
      const at = this.now().toISOString();
      this.statement(
        this.writer,
        `INSERT INTO records (kind, id, json, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (kind, id) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at`,
      ).run(kind, id, json, at, at);
    });
  }

  async getRecord<T = unknown>(
    kind: string,
    id: string,
    schema?: ZodType<T>,
  ): Promise<StoredRecord<T> | undefined> {
    const row = this.statement(
      this.reader,
      'SELECT kind, id, json, created_at, updated_at FROM records WHERE kind = ? AND id = ?',
    ).get(kind, id) as RecordRow | undefined;
    return row ? this.toRecord(row, schema) : undefined;
  }

  async listRecords<T = unknown>(kind: string, schema?: ZodType<T>): Promise<StoredRecord<T>[]> {
    const rows = this.statement(
      this.reader,
      'SELECT kind, id, json, created_at, updated_at FROM records WHERE kind = ? ORDER BY created_at, id',
    ).all(kind) as unknown as RecordRow[];
    return rows.map((row) => this.toRecord(row, schema));
  }

  deleteRecord(kind: string, id: string): Promise<boolean> {
    return this.lock.run(
      () =>
        Number(
          this.statement(this.writer, 'DELETE FROM records WHERE kind = ? AND id = ?').run(kind, id).changes,
        ) > 0,
    );
  }

  private toRecord<T>(row: RecordRow, schema: ZodType<T> | undefined): StoredRecord<T> {
    const raw: unknown = JSON.parse(row.json);
    let value = raw as T;
    if (schema) {
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        throw new StoreError(
          `Stored ${row.kind} "${row.id}" does not match its schema: ${describeZodIssues(parsed.error.issues)}.`,
          {
            code: 'invalid-record',
            advice: 'It was written by another version; migrate or delete the record.',
          },
        );
      }
      value = parsed.data;
    }
    return { kind: row.kind, id: row.id, value, createdAt: row.created_at, updatedAt: row.updated_at };
  }

  close(): Promise<void> {
    return this.lock.run(() => {
      if (this.closed) return;
      try {
        analyzeTables(this.writer);
      } finally {
        this.closed = true;
        this.statements.clear();
        if (this.reader !== this.writer) this.reader.close();
        this.writer.close();
      }
    });
  }
}
