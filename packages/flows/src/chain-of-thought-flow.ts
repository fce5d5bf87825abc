import {
  type CallFlow,
  type ChatMessage,
  COT_FINAL_ANSWER_PROMPT,
  DEFAULT_THINKING_INSTRUCTION,
  definePlugin,
} from '@distillery/core';
import { formatInput, systemMessage } from './build-prompt';
import { callModel } from './call-model';
import { assistantMessage, flowOutput, structuredOutputRequest } from './flow-output';

/**
 * For models that do not reason natively. system; user (input); user (thinking instruction)
 * -> assistant (reasoning); user "Considering the above, return a final result." -> assistant
 * (final answer). Only the final call carries the structured-output setting, so the thinking
 * never becomes a JSON field.
 */
export const chainOfThoughtFlow: CallFlow = definePlugin({
  specificationVersion: 'v1',
  kind: 'call-flow',
  id: 'cot',
  description: 'Two calls: the model thinks in one message, then gives the final answer in the next.',
  async run(input) {
    const startedAt = Date.now();
    const common = {
      provider: input.provider,
      parser: input.parser,
      parserOptions: input.parserOptions,
      stream: input.stream,
      onEvent: input.onEvent,
      signal: input.signal,
    };
    const parameters = input.parameters ? { parameters: input.parameters } : {};
    const thinkingMessages: ChatMessage[] = [
      ...systemMessage(input.prompt),
      { role: 'user', content: formatInput(input.input) },
      { role: 'user', content: input.prompt.thinkingInstruction ?? DEFAULT_THINKING_INSTRUCTION },
    ];
    input.onEvent?.({ type: 'call-start', call: 1, purpose: 'reasoning' });
    const thinking = await callModel({
      ...common,
      request: { model: input.model, messages: thinkingMessages, ...parameters },
      // The whole first answer is reasoning: show it as such while it streams.
      onEvent: input.onEvent
        ? (event) =>
            input.onEvent?.(
              event.type === 'content-delta' ? { type: 'reasoning-delta', text: event.text } : event,
            )
        : undefined,
    });
    // A reasoning model may also think natively in the first call; its visible text is the reasoning turn.
    const reasoningText = thinking.content.trim().length > 0 ? thinking.content : (thinking.reasoning ?? '');
    const reasoningTurn: ChatMessage = { role: 'assistant', content: reasoningText };
    const finalMessages: ChatMessage[] = [
      ...thinkingMessages,
      reasoningTurn,
      { role: 'user', content: COT_FINAL_ANSWER_PROMPT },
    ];
    input.onEvent?.({ type: 'call-start', call: 2, purpose: 'final' });
    const structuredOutput = structuredOutputRequest(input);
    const final = await callModel({
      ...common,
      request: {
        model: input.model,
        messages: finalMessages,
        ...parameters,
        ...(structuredOutput ? { structuredOutput } : {}),
      },
    });
    return flowOutput(
      input,
      [...finalMessages, assistantMessage(final)],
      [thinking, final],
      {
        reasoning: reasoningText,
        reasoningOrigin: 'cot-turn',
        reasoningTruncated: thinking.result.finishReason === 'length',
      },
      startedAt,
    );
  },
});
