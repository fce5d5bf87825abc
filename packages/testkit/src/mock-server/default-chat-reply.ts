import type { ChatRequestInfo } from './chat-request-info';
import type { MockReply } from './mock-reply';

/**
 * The reply when nothing is scripted: `Mock answer to: <last user text>`, plus reasoning
 * `Thinking about: <last user text>` when the request asked for visible reasoning.
 */
export function defaultChatReply(info: ChatRequestInfo): MockReply {
  const reply: MockReply = { content: `Mock answer to: ${info.lastUserText}` };
  if (info.wantsReasoning) reply.reasoning = `Thinking about: ${info.lastUserText}`;
  return reply;
}
