import type { DatabaseSync } from 'node:sqlite';
import { loadSqlite } from '../store/load-sqlite';

/**
 * Claims on a generation's inputs, shared by every process generating into the same store, so
 * two `distill generate` runs of one generation never pay for one input twice and never go past
 * its count together. A claim is a `generation-claim` record in the store's SQLite file naming
 * the claiming process; it survives `kill -9`, and a claim whose process is gone is taken over.
 * Claims are made through a connection of their own, in one `BEGIN IMMEDIATE` transaction each.
 */
export interface GenerationClaims {
  /**
   * Claims `key` for this process before paying for it. False when a sample with that key is
   * stored, a live process holds it, or stored samples plus live claims already make the count.
   */
  claim(key: string): boolean;
  /** Ends this process's claim on `key` (its sample is stored, or its call failed). */
  release(key: string): void;
  close(): void;
}

export interface GenerationClaimsOptions {
  /** The store's SQLite file. */
  file: string;
  /** The generation's id and the tag its samples carry. */
  jobId: string;
  tag: string;
  /** The generation's target count, or null for every input. */
  count: number | null;
  /** This process (default `process.pid`). */
  pid?: number;
  /** Whether a process is alive (default: signal 0). */
  isAlive?: (pid: number) => boolean;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The record kind of a claim; its id is the input's dedupe key, its value `{ jobId, pid }`. */
export const GENERATION_CLAIM_KIND = 'generation-claim';

export function openGenerationClaims(options: GenerationClaimsOptions): GenerationClaims {
  const { DatabaseSync: Database } = loadSqlite();
  const db: DatabaseSync = new Database(options.file);
  db.exec('PRAGMA busy_timeout = 10000');
  const pid = options.pid ?? process.pid;
  const alive = options.isAlive ?? processAlive;
  const stored = db.prepare('SELECT 1 AS found FROM samples WHERE dedupe_key = ?');
  const kind = GENERATION_CLAIM_KIND;
  const holder = db.prepare(
    "SELECT json_extract(json, '$.pid') AS pid FROM records WHERE kind = ? AND id = ?",
  );
  const claimsOfJob = db.prepare(
    "SELECT id AS key, json_extract(json, '$.pid') AS pid FROM records WHERE kind = ? AND json_extract(json, '$.jobId') = ?",
  );
  const ofJob = db.prepare('SELECT COUNT(*) AS n FROM sample_tags WHERE tag = ?');
  const put = db.prepare(
    'INSERT OR REPLACE INTO records (kind, id, json, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
  );
  const drop = db.prepare(
    "DELETE FROM records WHERE kind = ? AND id = ? AND json_extract(json, '$.pid') = ?",
  );

  return {
    claim(key) {
      db.exec('BEGIN IMMEDIATE');
      try {
        let ok = stored.get(key) === undefined;
        const held = holder.get(kind, key) as { pid: number } | undefined;
        if (ok && held && held.pid !== pid && alive(held.pid)) ok = false;
        if (ok && options.count !== null) {
          const done = (ofJob.get(options.tag) as { n: number }).n;
          const live = (claimsOfJob.all(kind, options.jobId) as { key: string; pid: number }[]).filter(
            (c) => c.key !== key && stored.get(c.key) === undefined && (c.pid === pid || alive(c.pid)),
          ).length;
          ok = done + live < options.count;
        }
        const at = new Date().toISOString();
        if (ok) put.run(kind, key, JSON.stringify({ jobId: options.jobId, pid }), at, at);
        db.exec('COMMIT');
        return ok;
      } catch (error) {
        db.exec('ROLLBACK');
        throw error;
      }
    },
    release(key) {
      drop.run(kind, key, pid);
    },
    close() {
      db.close();
    },
  };
}

/**
 * Claims for a generation in `store`, when the store is an SQLite file (its `file`); undefined
 * for stores without one (in memory, or a server database), which run without claims.
 */
export function claimsForStore(
  store: object,
  generation: Omit<GenerationClaimsOptions, 'file'> | undefined,
): GenerationClaims | undefined {
  const file = 'file' in store && typeof store.file === 'string' ? store.file : undefined;
  if (!generation || !file || file === ':memory:') return undefined;
  return openGenerationClaims({ ...generation, file });
}
