import type { MockBatchAnswer } from '../mock-batches';
import type { MockResponse, MockRouteContext } from '../mock-route';
import { openAiChatCompletionsRoute } from './openai-chat-completions-route';

/** What is wrong with a batch line's request body by the vendor's spec (worded as the API words it). */
export interface BatchBodyProblem {
  message: string;
  param: string | null;
}

/**
 * Checks one input line's body against the vendor's Chat Completions request schema, exactly as a
 * direct `POST /v1/chat/completions` is checked; null when the API would take it.
 */
export type BatchBodyCheck = (
  vendor: 'openai' | 'together',
  body: Record<string, unknown>,
) => BatchBodyProblem | null;

/**
 * Answers every line through the chat completions route (so `onChat`, scripts and the chat rules
 * apply). A body the vendor's spec refuses is answered as the API answers it inside a batch: that
 * request alone fails with a 400 in the error file. It is also recorded as a violation (through
 * `ctx.invalid`), so the test that sent it fails unless it expects it.
 */
export async function answerChatLines(
  ctx: MockRouteContext,
  lines: readonly { customId: string; line: number; body: Record<string, unknown> }[],
  vendor: 'openai' | 'together',
  check: BatchBodyCheck | undefined,
): Promise<Map<string, MockBatchAnswer>> {
  const answers = new Map<string, MockBatchAnswer>();
  for (const line of lines) {
    const problem = check?.(vendor, line.body);
    if (problem) {
      const refused = ctx.invalid(
        `Batch input line ${line.line} (custom_id ${line.customId}): ${problem.message}`,
        {
          param: problem.param,
        },
      );
      // The line's own answer carries the API's wording, without the mock's line prefix.
      const error = ctx.error(400, problem.message, { param: problem.param });
      answers.set(line.customId, { status: refused.status ?? 400, body: error.body });
      continue;
    }
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
