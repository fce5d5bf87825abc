import {
  type ChatRequest,
  type ChatResult,
  type FlowEvent,
  type ModelProvider,
  parseReasoning,
  type ReasoningEvent,
  type ReasoningOrigin,
  type ReasoningParseOptions,
  type ReasoningParser,
  type ReasoningParserPlugin,
} from '@distillery/core';

export interface CallModelInput {
  provider: ModelProvider;
  request: ChatRequest;
  parser?: ReasoningParserPlugin;
  parserOptions?: ReasoningParseOptions;
  stream?: boolean;
  onEvent?: (event: FlowEvent) => void;
  signal?: AbortSignal;
}

export interface ModelAnswer {
  result: ChatResult;
  /** The answer with any inline reasoning removed. */
  content: string;
  reasoning: string | null;
  origin: ReasoningOrigin | null;
  truncated: boolean;
}

/**
 * Calls the provider once and separates reasoning from the answer. Reasoning from a provider
 * field wins; inline tags are then only stripped from the content, never counted twice.
 */
export async function callModel(input: CallModelInput): Promise<ModelAnswer> {
  return input.stream ? streamModel(input) : chatModel(input);
}

function withoutInlineReasoning(options: ReasoningParseOptions | undefined): ReasoningParseOptions {
  // The provider already gave the reasoning in a field: only a leading marker can still be inline.
  return { ...options, thinking: false, promptTail: undefined };
}

function answer(
  result: ChatResult,
  content: string,
  fieldReasoning: string,
  parsed: { reasoning: string; hasReasoning: boolean; truncated: boolean } | null,
): ModelAnswer {
  const cutOff = result.finishReason === 'length';
  if (fieldReasoning.length > 0) {
    return {
      result,
      content,
      reasoning: fieldReasoning,
      origin: 'model-field',
      truncated: cutOff && content.trim().length === 0,
    };
  }
  if (parsed?.hasReasoning) {
    return {
      result,
      content,
      reasoning: parsed.reasoning,
      origin: 'parsed-tags',
      truncated: parsed.truncated,
    };
  }
  return { result, content, reasoning: null, origin: null, truncated: false };
}

async function chatModel(input: CallModelInput): Promise<ModelAnswer> {
  const result = await input.provider.chat(input.request, { signal: input.signal });
  const fieldReasoning = result.reasoning ?? '';
  if (!input.parser) return answer(result, result.content, fieldReasoning, null);
  const options =
    fieldReasoning.length > 0 ? withoutInlineReasoning(input.parserOptions) : input.parserOptions;
  // The finish reason tells a block the template opened and the model never closed apart: `stop`
  // means the model skipped thinking (the text is the answer), `length` means truncated reasoning.
  const parsed = parseReasoning(input.parser, result.content, {
    ...options,
    finishReason: result.finishReason,
  });
  return answer(result, parsed.content, fieldReasoning, parsed);
}

async function streamModel(input: CallModelInput): Promise<ModelAnswer> {
  const emit = input.onEvent ?? (() => {});
  let fieldReasoning = '';
  let parsedReasoning = '';
  let content = '';
  let parser: ReasoningParser | null = null;
  let parsedBlocks = 0;
  let parsedTruncated = false;
  let blockStart = 0;

  const apply = (events: ReasoningEvent[]): void => {
    for (const event of events) {
      if (event.type === 'content-delta') {
        content += event.text;
        emit({ type: 'content-delta', text: event.text });
      } else if (event.type === 'reasoning-start') {
        parsedBlocks++;
        blockStart = parsedReasoning.length;
      } else if (event.type === 'reasoning-end') {
        if (event.truncated) parsedTruncated = true;
        if (event.skippedThinking) {
          // The model skipped thinking: what streamed as reasoning was the answer.
          const text = parsedReasoning.slice(blockStart);
          parsedReasoning = parsedReasoning.slice(0, blockStart);
          parsedBlocks--;
          if (text.length > 0) {
            content += text;
            emit({ type: 'content-delta', text });
          }
        }
      } else if (fieldReasoning.length === 0) {
        parsedReasoning += event.text;
        emit({ type: 'reasoning-delta', text: event.text });
      }
    }
  };

  for await (const event of input.provider.stream(input.request, { signal: input.signal })) {
    switch (event.type) {
      case 'reasoning-delta':
        fieldReasoning += event.text;
        emit({ type: 'reasoning-delta', text: event.text });
        break;
      case 'content-delta':
        if (!input.parser) {
          content += event.text;
          emit({ type: 'content-delta', text: event.text });
          break;
        }
        parser ??= input.parser.create(
          fieldReasoning.length > 0 ? withoutInlineReasoning(input.parserOptions) : input.parserOptions,
        );
        apply(parser.push(event.text));
        break;
      case 'retry':
        fieldReasoning = '';
        parsedReasoning = '';
        content = '';
        parser = null;
        parsedBlocks = 0;
        parsedTruncated = false;
        blockStart = 0;
        emit({ type: 'retry', reason: event.reason });
        break;
      case 'finish': {
        if (parser) apply(parser.finish(event.result.finishReason));
        const parsed = input.parser
          ? { reasoning: parsedReasoning, hasReasoning: parsedBlocks > 0, truncated: parsedTruncated }
          : null;
        return answer(event.result, content, fieldReasoning, parsed);
      }
    }
  }
  throw new Error(`Provider "${input.provider.id}" ended its stream without a finish event.`);
}
