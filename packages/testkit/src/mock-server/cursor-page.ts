import type { MockResponse, MockRouteContext } from './mock-route';

/**
 * OpenAI's cursor pagination over `items` (already in the order the API lists them): `?after=<id>` starts after
 * that item, `?limit=` caps the page (1–100). Answers `{object:'list', data, has_more}` (plus `first_id` and
 * `last_id` with `withIds`: null on an empty page, which OpenAI's spec allows where a list has them, e.g.
 * `ListFineTuningJobCheckpointsResponse`), or a 400 for a bad limit. An unknown `after` gives an empty page.
 */
export function cursorPage<T extends { id: string }>(
  ctx: MockRouteContext,
  items: readonly T[],
  options: { defaultLimit: number; withIds?: boolean; render?: (item: T) => unknown },
): MockResponse {
  const limit = ctx.query.limit === undefined ? options.defaultLimit : Number(ctx.query.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    return ctx.invalid(`Invalid limit: ${ctx.query.limit}. limit must be an integer between 1 and 100.`, {
      param: 'limit',
    });
  let rest = items;
  const after = ctx.query.after;
  if (after !== undefined) {
    const index = items.findIndex((item) => item.id === after);
    rest = index < 0 ? [] : items.slice(index + 1);
  }
  const page = rest.slice(0, limit);
  const render = options.render ?? ((item: T) => item);
  return {
    body: {
      object: 'list',
      data: page.map(render),
      ...(options.withIds ? { first_id: page[0]?.id ?? null, last_id: page.at(-1)?.id ?? null } : {}),
      has_more: rest.length > page.length,
    },
  };
}
