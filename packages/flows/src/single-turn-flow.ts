import { type CallFlow, type ChatMessage, definePlugin } from '@distillery/core';
import { formatInput, systemMessage } from './build-prompt';
import { callModel } from './call-model';
import { assistantMessage, flowOutput, structuredOutputRequest } from './flow-output';

/** system, user -> assistant (the final answer, structured if the task has a schema). */
export const singleTurnFlow: CallFlow = definePlugin({
  specificationVersion: 'v1',
  kind: 'call-flow',
  id: 'single',
  description: 'One call: system, user -> assistant.',
  async run(input) {
    const startedAt = Date.now();
    const messages: ChatMessage[] = [
      ...systemMessage(input.prompt),
      { role: 'user', content: formatInput(input.input) },
    ];
    input.onEvent?.({ type: 'call-start', call: 1, purpose: 'answer' });
    const structuredOutput = structuredOutputRequest(input);
    const answer = await callModel({
      provider: input.provider,
      request: {
        model: input.model,
        messages,
        ...(input.parameters ? { parameters: input.parameters } : {}),
        ...(structuredOutput ? { structuredOutput } : {}),
      },
      parser: input.parser,
      parserOptions: input.parserOptions,
      stream: input.stream,
      onEvent: input.onEvent,
      signal: input.signal,
    });
    return flowOutput(
      input,
      [...messages, assistantMessage(answer)],
      [answer],
      { reasoning: answer.reasoning, reasoningOrigin: answer.origin, reasoningTruncated: answer.truncated },
      startedAt,
    );
  },
});
