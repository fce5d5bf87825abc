import type { ChatRequest } from '@distillery/core';

/** A rough prompt size before sending: one token per 4 characters, plus 4 per message. */
export function estimateRequestTokens(request: ChatRequest): number {
  let total = 0;
  for (const message of request.messages) total += Math.ceil(message.content.length / 4) + 4;
  return total;
}
