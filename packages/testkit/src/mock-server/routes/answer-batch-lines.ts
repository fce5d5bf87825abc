import type { MockBatchAnswer } from '../mock-batches';
import type { MockResponse, MockRouteContext } from '../mock-route';
import { openAiChatCompletionsRoute } from './openai-chat-completions-route';

/** Answers every line through the chat completions route (so `onChat`, scripts and validation apply). */
export async function answerChatLines(
  ctx: MockRouteContext,
  lines: readonly { customId: string; body: Record<string, unknown> }[],
): Promise<Map<string, MockBatchAnswer>> {
  const answers = new Map<string, MockBatchAnswer>();
  for (const line of lines) {
    const response = (await openAiChatCompletionsRoute.handler({
      ...ctx,
      method: 'POST',
      path: '/v1/chat/completions',
      body: line.body,
      fault: undefined,
    })) as MockResponse;
    answers.set(line.customId, { status: response.status ?? 200, body: response.body });
  }
  return answers;
}
