import type { MockEndpoints } from '../mock-endpoints';
import { defineMockRoute, type MockRouteDefinition } from '../mock-route-definition';
import { openAiChatCompletionsRoute } from './openai-chat-completions-route';

/**
 * `POST /v1/chat/completions` in front of the built-in chat route: a `model` naming a dedicated endpoint that
 * is not STARTED gets a 400; everything else (fine-tuned output names and endpoint names included, like any
 * other model id) goes on to the chat route.
 */
export function createDeployedModelChatRoute(endpoints: MockEndpoints): MockRouteDefinition {
  return defineMockRoute({
    method: 'POST',
    path: '/v1/chat/completions',
    options: openAiChatCompletionsRoute.options ?? {},
    handler(ctx) {
      const model = (ctx.body as { model?: unknown } | null)?.model;
      if (typeof model === 'string') {
        const endpoint = endpoints.byName(model);
        if (endpoint && endpoint.state !== 'STARTED')
          return ctx.error(
            400,
            `Endpoint ${endpoint.name} is not running (state ${endpoint.state}). Wait until its state is STARTED.`,
            { param: 'model', code: 'endpoint_not_running' },
          );
      }
      return openAiChatCompletionsRoute.handler(ctx);
    },
  });
}
