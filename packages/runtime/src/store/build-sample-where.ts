import type { SQLInputValue } from 'node:sqlite';
import { SampleFilterSchema } from '@distillery/core';
import type { SampleSelection } from './sample-store';
import { StoreError } from './store-error';
import { toFtsQuery } from './to-fts-query';

export interface SqlFragment {
  /** Conditions on the `samples` table aliased `s`, joined with AND; `1` when there are none. */
  sql: string;
  params: SQLInputValue[];
}

/**
 * Translates a selection into a WHERE clause over indexed columns: tags through the
 * `sample_tags` index, text through FTS5, everything else through generated columns.
 */
export function buildSampleWhere(selection: SampleSelection = {}): SqlFragment {
  const parsed = SampleFilterSchema.safeParse(selection.filter ?? {});
  if (!parsed.success) {
    throw new StoreError(
      `Invalid sample filter: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(filter)'}: ${i.message}`).join('; ')}.`,
      {
        code: 'invalid-query',
        advice: 'Use only hasReasoning, tags, excludeTags, minRating, source, model, text.',
      },
    );
  }
  const filter = parsed.data;
  const conditions: string[] = [];
  const params: SQLInputValue[] = [];
  if (selection.taskId !== undefined) {
    conditions.push('s.task_id = ?');
    params.push(selection.taskId);
  }
  if (filter.hasReasoning !== undefined) {
    conditions.push('s.has_reasoning = ?');
    params.push(filter.hasReasoning ? 1 : 0);
  }
  for (const tag of new Set(filter.tags ?? [])) {
    conditions.push('s.seq IN (SELECT sample_seq FROM sample_tags WHERE tag = ?)');
    params.push(tag);
  }
  const excluded = [...new Set(filter.excludeTags ?? [])];
  if (excluded.length > 0) {
    conditions.push(
      `s.seq NOT IN (SELECT sample_seq FROM sample_tags WHERE tag IN (${excluded.map(() => '?').join(', ')}))`,
    );
    params.push(...excluded);
  }
  if (filter.minRating !== undefined) {
    conditions.push('s.rating >= ?');
    params.push(filter.minRating);
  }
  if (filter.source !== undefined) {
    conditions.push('s.source_type = ?');
    params.push(filter.source);
  }
  if (filter.model !== undefined) {
    conditions.push('s.model = ?');
    params.push(filter.model);
  }
  const match = filter.text === undefined ? undefined : toFtsQuery(filter.text);
  if (match !== undefined) {
    conditions.push('s.seq IN (SELECT rowid FROM samples_fts WHERE samples_fts MATCH ?)');
    params.push(match);
  }
  return { sql: conditions.length === 0 ? '1' : conditions.join(' AND '), params };
}
