import type { MockRouteContext } from '../mock-route';
import { defineMockRoute } from '../mock-route-definition';

const CREATED = 1_700_000_000;

/**
 * `GET /v1/models`: OpenAI's `{object:'list', data}` by default; Anthropic's paged list when the request
 * carries `anthropic-version`; Together's bare array (`ModelInfoList`) for Together's SDK or under the
 * `together` flavor. Anthropic's page names no ids when it is empty (`first_id`/`last_id` are
 * `string | null` in its API and SDK types).
 */
export const modelsRoute = defineMockRoute({
  method: 'GET',
  path: '/v1/models',
  options: { auth: 'anthropic', errorFormat: 'auto' },
  handler(ctx: MockRouteContext) {
    const models = ctx.models;
    if ('anthropic-version' in ctx.headers) {
      return {
        body: {
          data: models.map((id) => ({
            type: 'model',
            id,
            display_name: id,
            created_at: new Date(CREATED * 1000).toISOString(),
          })),
          has_more: false,
          first_id: models[0] ?? null,
          last_id: models.at(-1) ?? null,
        },
      };
    }
    if (ctx.flavor === 'together' || ctx.vendor === 'together') {
      return {
        body: models.map((id) => ({
          id,
          object: 'model',
          created: CREATED,
          type: 'chat',
          display_name: id,
          organization: id.split('/')[0] ?? id,
        })),
      };
    }
    return {
      body: {
        object: 'list',
        data: models.map((id) => ({ id, object: 'model', created: CREATED, owned_by: 'mock' })),
      },
    };
  },
});
