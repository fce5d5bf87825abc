import type {
  SampleFacetsResponse,
  SampleListResponse,
  SamplePatchRequest,
  SampleVerdictView,
} from '../../shared/api-types';
import { HttpError } from '../http-error';
import type { Route } from '../route';
import { sampleVerdicts } from '../sample-verdicts';
import { sampleQueryFromQuery, sampleSelectionFromQuery } from './sample-selection-from-query';
import { summarizeSample } from './summarize-sample';

/** Checks a PATCH body: `tags` (strings, replaced as a set) and/or `rating` (1–5 or null). */
export function parseSamplePatch(value: unknown): SamplePatchRequest {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new HttpError(400, 'Send an object with tags and/or rating.');
  }
  const body = value as Record<string, unknown>;
  const unknown = Object.keys(body).filter((k) => k !== 'tags' && k !== 'rating');
  if (unknown.length)
    throw new HttpError(400, `Unknown field(s): ${unknown.join(', ')}. Send tags and/or rating.`);
  const patch: SamplePatchRequest = {};
  if (body.tags !== undefined) {
    if (
      !Array.isArray(body.tags) ||
      body.tags.some((t) => typeof t !== 'string' || !t.trim() || t.length > 100)
    ) {
      throw new HttpError(400, 'tags must be a list of non-empty strings (100 characters at most).');
    }
    patch.tags = [...new Set((body.tags as string[]).map((t) => t.trim()))];
  }
  if (body.rating !== undefined) {
    const r = body.rating;
    if (r !== null && (typeof r !== 'number' || !Number.isInteger(r) || r < 1 || r > 5)) {
      throw new HttpError(400, 'rating must be an integer from 1 to 5, or null to clear it.');
    }
    patch.rating = r as number | null;
  }
  return patch;
}

/** Browse, filter, read, tag, rate and delete samples: the store's query, facets, get and update. */
export const sampleRoutes: readonly Route[] = [
  {
    method: 'GET',
    path: '/api/samples',
    async handler({ ctx, query }): Promise<SampleListResponse> {
      const page = await ctx.store.query(sampleQueryFromQuery(query));
      const verdicts = await sampleVerdicts(ctx, page.samples);
      return {
        samples: page.samples.map((sample) => summarizeSample(sample, verdicts.get(sample.id))),
        nextCursor: page.nextCursor,
      };
    },
  },
  {
    method: 'GET',
    path: '/api/samples/facets',
    async handler({ ctx, query }): Promise<SampleFacetsResponse> {
      return ctx.store.facets(sampleSelectionFromQuery(query));
    },
  },
  {
    method: 'GET',
    path: '/api/samples/:id',
    async handler({ ctx, params }) {
      const sample = await ctx.store.get(params.id!);
      if (!sample) throw new HttpError(404, `No sample with id "${params.id}".`);
      return sample;
    },
  },
  {
    method: 'GET',
    path: '/api/samples/:id/verdict',
    async handler({ ctx, params }): Promise<SampleVerdictView | null> {
      const sample = await ctx.store.get(params.id!);
      if (!sample) throw new HttpError(404, `No sample with id "${params.id}".`);
      return (await sampleVerdicts(ctx, [sample])).get(sample.id) ?? null;
    },
  },
  {
    method: 'PATCH',
    path: '/api/samples/:id',
    async handler({ ctx, params, body }) {
      const sample = await ctx.store.update(params.id!, parseSamplePatch(await body()));
      if (!sample) throw new HttpError(404, `No sample with id "${params.id}".`);
      return sample;
    },
  },
  {
    method: 'DELETE',
    path: '/api/samples/:id',
    async handler({ ctx, params }) {
      const deleted = await ctx.store.delete(params.id!);
      if (!deleted) throw new HttpError(404, `No sample with id "${params.id}".`);
      return { deleted: true };
    },
  },
];
