import { type SampleFilter, SampleFilterSchema } from '@distillery/core';
import type { SampleQuery, SampleSelection } from '@distillery/runtime';
import { HttpError } from '../http-error';

function intParam(query: URLSearchParams, name: string, min: number, max: number): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new HttpError(
      400,
      `Query parameter ${name} must be an integer from ${min} to ${max}, got "${raw}".`,
    );
  }
  return value;
}

/**
 * The store's selection from URL parameters: `task`, `hasReasoning` (true|false), `tag`
 * (repeatable, all must match), `excludeTag`, `minRating`, `source`, `model`, `text`.
 */
export function sampleSelectionFromQuery(query: URLSearchParams): SampleSelection {
  const filter: SampleFilter = {};
  const hasReasoning = query.get('hasReasoning');
  if (hasReasoning === 'true' || hasReasoning === 'false') filter.hasReasoning = hasReasoning === 'true';
  else if (hasReasoning) throw new HttpError(400, 'hasReasoning must be true or false.');
  const tags = query.getAll('tag').filter(Boolean);
  if (tags.length) filter.tags = tags;
  const excluded = query.getAll('excludeTag').filter(Boolean);
  if (excluded.length) filter.excludeTags = excluded;
  const minRating = intParam(query, 'minRating', 1, 5);
  if (minRating !== undefined) filter.minRating = minRating;
  const source = query.get('source');
  if (source) filter.source = source as SampleFilter['source'];
  const model = query.get('model');
  if (model) filter.model = model;
  const text = query.get('text')?.trim();
  if (text) filter.text = text;
  const parsed = SampleFilterSchema.safeParse(filter);
  if (!parsed.success) {
    throw new HttpError(400, `Invalid filter: ${parsed.error.issues.map((i) => i.message).join('; ')}.`);
  }
  const taskId = query.get('task') || undefined;
  return { ...(taskId ? { taskId } : {}), filter: parsed.data };
}

/** A page query: the selection plus `cursor` or `offset`, `limit` (1–500) and `direction`. */
export function sampleQueryFromQuery(query: URLSearchParams): SampleQuery {
  const limit = intParam(query, 'limit', 1, 500) ?? 100;
  const offset = intParam(query, 'offset', 0, Number.MAX_SAFE_INTEGER);
  const cursor = query.get('cursor') || undefined;
  const direction = query.get('direction');
  if (direction && direction !== 'asc' && direction !== 'desc') {
    throw new HttpError(400, 'direction must be asc or desc.');
  }
  return {
    ...sampleSelectionFromQuery(query),
    limit,
    ...(cursor ? { cursor } : offset !== undefined ? { offset } : {}),
    ...(direction ? { direction: direction as 'asc' | 'desc' } : {}),
  };
}
