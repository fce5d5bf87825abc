import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { SampleSchema } from '@distillery/core';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSqlite } from './load-sqlite';
import { openSampleStore } from './open-sample-store';

const here = path.dirname(fileURLToPath(import.meta.url));
const jitiCli = path.join(
  path.dirname(createRequire(import.meta.url).resolve('jiti/package.json')),
  'lib/jiti-cli.mjs',
);
const writer = path.join(here, '__fixtures__/crash-writer.ts');
const dir = mkdtempSync(path.join(tmpdir(), 'distill-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface RoundLog {
  begun: string[][];
  committed: Set<string>;
  stderr: string;
}

/** Starts the writer, lets it commit for a random while, then SIGKILLs it mid-stream. */
function runAndKill(round: number, killAfterMs: number): Promise<RoundLog> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [jitiCli, writer, dir, String(round)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const log: RoundLog = { begun: [], committed: new Set(), stderr: '' };
    let timer: NodeJS.Timeout | undefined;
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      log.stderr += chunk;
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      const [kind, ids] = line.split(' ');
      if (kind === 'begin') log.begun.push(ids!.split(','));
      if (kind === 'commit') {
        for (const id of ids!.split(',')) log.committed.add(id);
        timer ??= setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') reject(new Error(`writer exited with ${code ?? signal}: ${log.stderr}`));
      else resolve(log);
    });
  });
}

describe('crash safety', () => {
  it('loses no committed sample and leaves no half-written one across repeated kill -9', async () => {
    const allBegun: string[][] = [];
    const allCommitted = new Set<string>();
    const delays = [5, 40, 90, 150, 230, 320].map((d) => d + Math.floor(Math.random() * 60));
    for (const [round, delay] of delays.entries()) {
      const log = await runAndKill(round, delay);
      expect(log.stderr, 'the writer printed nothing on stderr (no ExperimentalWarning)').toBe('');
      expect(log.committed.size).toBeGreaterThan(0);
      allBegun.push(...log.begun);
      for (const id of log.committed) allCommitted.add(id);

      // Open as the app would (recovering the WAL), then inspect the raw tables.
      const store = await openSampleStore({ dir });
      const { DatabaseSync } = loadSqlite();
      const db = new DatabaseSync(store.file);
      try {
        expect(db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
        const rows = db.prepare('SELECT id, json, dedupe_key FROM samples').all() as {
          id: string;
          json: string;
          dedupe_key: string | null;
        }[];
        const present = new Set<string>();
        let tagRows = 0;
        for (const row of rows) {
          const sample = SampleSchema.parse(JSON.parse(row.json));
          expect(sample.id).toBe(row.id);
          expect(row.dedupe_key).toMatch(/^content:/);
          present.add(row.id);
          tagRows += new Set(sample.tags).size;
        }
        const context = `round ${round}, killed ${delay} ms after the first commit`;
        for (const id of allCommitted)
          expect(present.has(id), `${context}: committed ${id} is present`).toBe(true);
        for (const batch of allBegun) {
          const stored = batch.filter((id) => present.has(id)).length;
          expect([0, batch.length], `${context}: batch ${batch[0]}.. is all or nothing`).toContain(stored);
        }
        expect(present.size).toBe(rows.length);
        expect(allBegun.flat().length).toBeGreaterThanOrEqual(present.size);
        expect(await store.count()).toBe(rows.length);
        expect(db.prepare('SELECT count(*) AS n FROM sample_tags').get()).toEqual({ n: tagRows });
        expect(db.prepare('SELECT count(*) AS n FROM samples_fts').get()).toEqual({ n: rows.length });
        expect(await store.count({ filter: { text: `round${'abcdefghij'[round]}x` } })).toBe(
          [...present].filter((id) => id.startsWith(`r${round}-`)).length,
        );
      } finally {
        db.close();
        await store.close();
      }
    }
  }, 120_000);
});
