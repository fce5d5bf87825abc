import { defineMockRoute } from '../mock-route-definition';

export const anthropicMessagesRoute = defineMockRoute({
  method: 'POST',
  path: '/v1/messages',
  handler: (ctx) => ctx.error(501, 'not yet'),
  options: { auth: 'anthropic', errorFormat: 'anthropic' },
});
