import { isUnknownModel } from '../api-key';
import type { MockEndpoints } from '../mock-endpoints';
import type { MockFineTunes } from '../mock-fine-tunes';
import type { MockResponse, MockRouteContext } from '../mock-route';
import { defineMockRoute, type MockRouteDefinition } from '../mock-route-definition';
import { TogetherEndpoint } from '../together-endpoint';
import { hardwareFor, TOGETHER_HARDWARE } from '../together-hardware';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The base model a dedicated endpoint for `model` would serve, or null when it cannot be hosted: a completed
 * fine-tune's output name resolves to its base model; base models need fine-tuning limits and no
 * `-Reference` suffix (those can be trained but not deployed).
 */
function hostableBase(model: string, fineTunes: MockFineTunes): string | null {
  const base = fineTunes.completedTogetherOutput(model)?.params.model ?? model;
  if (isUnknownModel(base) || base.endsWith('-Reference') || !fineTunes.limits(base)) return null;
  return base;
}

function endpointOf(
  ctx: MockRouteContext,
  endpoints: MockEndpoints,
  poll = false,
): TogetherEndpoint | MockResponse {
  const id = ctx.params.id!;
  const endpoint = poll ? endpoints.simulation.poll(id) : endpoints.simulation.get(id);
  return endpoint ?? ctx.error(404, `Endpoint not found: ${id}`, { code: 'not_found' });
}

function checkAutoscaling(ctx: MockRouteContext, value: unknown): MockResponse | null {
  if (!isRecord(value))
    return ctx.invalid('autoscaling is required: {min_replicas, max_replicas}', { param: 'autoscaling' });
  const { min_replicas: min, max_replicas: max } = value;
  if (!Number.isInteger(min) || (min as number) < 0)
    return ctx.invalid('autoscaling.min_replicas must be an integer ≥ 0', {
      param: 'autoscaling.min_replicas',
    });
  if (!Number.isInteger(max) || (max as number) < 1 || (max as number) < (min as number))
    return ctx.invalid('autoscaling.max_replicas must be an integer ≥ 1 and ≥ min_replicas', {
      param: 'autoscaling.max_replicas',
    });
  return null;
}

/** Together dedicated endpoints (`/v1/endpoints*`) and `GET /v1/hardware`. */
export function createTogetherEndpointsRoutes(
  endpoints: MockEndpoints,
  fineTunes: MockFineTunes,
): MockRouteDefinition[] {
  return [
    defineMockRoute({
      method: 'GET',
      path: '/v1/hardware',
      handler(ctx) {
        const model = ctx.query.model;
        if (model === undefined) return { body: { object: 'list', data: TOGETHER_HARDWARE } };
        const base = hostableBase(model, fineTunes);
        if (base === null)
          return ctx.error(404, `Model ${model} not found or not available for dedicated endpoints`, {
            code: 'not_found',
          });
        const data = hardwareFor(base).map((h) => ({ ...h, availability: { status: 'available' } }));
        return { body: { object: 'list', data } };
      },
    }),
    defineMockRoute({
      method: 'POST',
      path: '/v1/endpoints',
      handler(ctx) {
        const body = ctx.body;
        if (!isRecord(body)) return ctx.invalid('The request body must be a JSON object');
        if (typeof body.model !== 'string' || !body.model)
          return ctx.invalid('model is required', { param: 'model' });
        if (typeof body.hardware !== 'string' || !body.hardware)
          return ctx.invalid('hardware is required', { param: 'hardware' });
        const bad = checkAutoscaling(ctx, body.autoscaling);
        if (bad) return bad;
        const base = hostableBase(body.model, fineTunes);
        if (base === null)
          return ctx.invalid(`Model ${body.model} cannot be deployed on a dedicated endpoint`, {
            param: 'model',
          });
        if (!hardwareFor(base).some((h) => h.id === body.hardware))
          return ctx.invalid(
            `Hardware ${body.hardware} is not available for model ${body.model}; see GET /v1/hardware?model=`,
            {
              param: 'hardware',
            },
          );
        if (body.state !== undefined && body.state !== 'STARTED' && body.state !== 'STOPPED')
          return ctx.invalid('state must be STARTED or STOPPED', { param: 'state' });
        if (body.display_name !== undefined && typeof body.display_name !== 'string')
          return ctx.invalid('display_name must be a string', { param: 'display_name' });
        const autoscaling = body.autoscaling as { min_replicas: number; max_replicas: number };
        const endpoint = new TogetherEndpoint({
          model: body.model,
          hardware: body.hardware,
          autoscaling: { min_replicas: autoscaling.min_replicas, max_replicas: autoscaling.max_replicas },
          ...(typeof body.display_name === 'string' ? { displayName: body.display_name } : {}),
          ...(body.state ? { state: body.state as 'STARTED' | 'STOPPED' } : {}),
          inactiveTimeout: typeof body.inactive_timeout === 'number' ? body.inactive_timeout : null,
          extra: {
            disable_speculative_decoding: body.disable_speculative_decoding === true,
            ...(typeof body.availability_zone === 'string'
              ? { availability_zone: body.availability_zone }
              : {}),
          },
        });
        endpoints.simulation.add(endpoint);
        return { body: endpoint.toJSON() };
      },
    }),
    defineMockRoute({
      method: 'GET',
      path: '/v1/endpoints',
      handler(ctx) {
        const type = ctx.query.type;
        if (type !== undefined && type !== 'dedicated' && type !== 'serverless')
          return ctx.invalid('type must be dedicated or serverless', { param: 'type' });
        const data = type === 'serverless' ? [] : endpoints.simulation.list().map((e) => e.listItem());
        return { body: { object: 'list', data } };
      },
    }),
    defineMockRoute({
      method: 'GET',
      path: '/v1/endpoints/:id',
      handler(ctx) {
        const endpoint = endpointOf(ctx, endpoints, true);
        return endpoint instanceof TogetherEndpoint ? { body: endpoint.toJSON() } : endpoint;
      },
    }),
    defineMockRoute({
      method: 'PATCH',
      path: '/v1/endpoints/:id',
      handler(ctx) {
        const endpoint = endpointOf(ctx, endpoints);
        if (!(endpoint instanceof TogetherEndpoint)) return endpoint;
        const body = ctx.body;
        if (!isRecord(body)) return ctx.invalid('The request body must be a JSON object');
        if (body.autoscaling !== undefined) {
          const bad = checkAutoscaling(ctx, body.autoscaling);
          if (bad) return bad;
        }
        if (body.state !== undefined && body.state !== 'STARTED' && body.state !== 'STOPPED')
          return ctx.invalid('state must be STARTED or STOPPED', { param: 'state' });
        if (body.display_name !== undefined && typeof body.display_name !== 'string')
          return ctx.invalid('display_name must be a string', { param: 'display_name' });
        if (isRecord(body.autoscaling))
          endpoint.autoscaling = {
            min_replicas: body.autoscaling.min_replicas as number,
            max_replicas: body.autoscaling.max_replicas as number,
          };
        if (typeof body.display_name === 'string') endpoint.displayName = body.display_name;
        if (body.inactive_timeout !== undefined)
          endpoint.inactiveTimeout = typeof body.inactive_timeout === 'number' ? body.inactive_timeout : null;
        if (body.state === 'STARTED' || body.state === 'STOPPED') endpoint.request(body.state);
        return { body: endpoint.toJSON() };
      },
    }),
    defineMockRoute({
      method: 'DELETE',
      path: '/v1/endpoints/:id',
      handler(ctx) {
        const endpoint = endpointOf(ctx, endpoints);
        if (!(endpoint instanceof TogetherEndpoint)) return endpoint;
        endpoints.simulation.delete(endpoint.id);
        return { status: 204 };
      },
    }),
  ];
}
