import { type CallFlow, type ChatMessage, definePlugin, type Prompt } from '@distillery/core';
import { formatInput, systemMessage } from './build-prompt';
import { callModel } from './call-model';
import { assistantMessage, flowOutput, structuredOutputRequest } from './flow-output';

/**
 * A flow of one model call: system, user -> assistant. `systemExtra` picks what is appended to
 * the system text (the reasoning-model flow appends the thinking instruction).
 */
export function oneCallFlow(options: {
  id: string;
  description: string;
  systemExtra: (prompt: Prompt) => string | undefined;
}): CallFlow {
  return definePlugin({
    specificationVersion: 'v1',
    kind: 'call-flow',
    id: options.id,
    description: options.description,
    async run(input) {
      const startedAt = Date.now();
      const messages: ChatMessage[] = [
        ...systemMessage(input.prompt, options.systemExtra(input.prompt)),
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
}
