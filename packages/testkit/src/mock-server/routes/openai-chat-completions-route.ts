import { isUnknownModel } from '../api-key';
import type { ChatRequestInfo } from '../chat-request-info';
import { estimateTokens } from '../estimate-tokens';
import { openAiFinishReason } from '../finish-reason';
import { lastUserText, messageText } from '../message-text';
import type { MockReply } from '../mock-reply';
import type { MockFlavor, MockResponse, MockRouteContext } from '../mock-route';
import { defineMockRoute } from '../mock-route-definition';
import { isOpenAiModelId } from '../openai-model-id';
import { splitText } from '../split-text';
import { validateOpenAiChatRequest, validateOpenAiModelRules } from './validate-openai-chat-request';

type ReasoningField = NonNullable<MockReply['reasoningField']>;

let completionCounter = 0;
/** OpenAI's spec types it as a string (the backend configuration the answer came from). */
const SYSTEM_FINGERPRINT = 'fp_mock0000';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether an OpenAI-compatible request asked for visible reasoning (Together/OpenRouter `reasoning`). */
function wantsReasoning(body: Record<string, unknown>): boolean {
  const r = body.reasoning;
  if (!isRecord(r)) return false;
  return (
    r.enabled === true || (r.enabled === undefined && (r.effort !== undefined || r.max_tokens !== undefined))
  );
}

/** Default reasoning field: Together's `reasoning` object (or flavor) selects `reasoning`. */
function reasoningFieldFor(
  reply: MockReply,
  body: Record<string, unknown>,
  flavor: MockFlavor,
): ReasoningField {
  if (reply.reasoningField) return reply.reasoningField;
  if (flavor === 'together') return 'reasoning';
  if (flavor === 'openai') return 'reasoning_content';
  return isRecord(body.reasoning) ? 'reasoning' : 'reasoning_content';
}

function reasoningFields(field: ReasoningField, text: string): Record<string, string> {
  switch (field) {
    case 'reasoning_content':
      return { reasoning_content: text };
    case 'reasoning':
      return { reasoning: text };
    case 'both':
      return { reasoning_content: text, reasoning: text };
    case 'none':
      return {};
  }
}

export interface OpenAiUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: { cached_tokens: number };
  completion_tokens_details: { reasoning_tokens: number };
}

function usageFor(reply: MockReply, messages: unknown[], content: string, reasoning: string): OpenAiUsage {
  const prompt =
    reply.usage?.prompt_tokens ??
    Math.max(
      1,
      messages.reduce<number>(
        (sum, m) => sum + estimateTokens(messageText(isRecord(m) ? m.content : '')) + 4,
        0,
      ),
    );
  const reasoningTokens = reply.usage?.reasoning_tokens ?? estimateTokens(reasoning);
  const completion =
    reply.usage?.completion_tokens ??
    reasoningTokens + estimateTokens(content + (reply.toolCall?.arguments ?? ''));
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: reasoningTokens },
  };
}

/** How many alternatives per token the request asked for, or null when it asked for no logprobs. */
function askedLogprobs(body: Record<string, unknown>, together: boolean): number | null {
  if (together) return typeof body.logprobs === 'number' && body.logprobs > 0 ? body.logprobs : null;
  if (body.logprobs !== true) return null;
  return typeof body.top_logprobs === 'number' ? body.top_logprobs : 0;
}

const utf8 = (text: string): number[] => [...new TextEncoder().encode(text)];

/**
 * The `logprobs` of a choice: OpenAI's `{content: [{token, logprob, bytes, top_logprobs}], refusal}`,
 * or Together's parallel `tokens` and `token_logprobs` (Together's spec types `top_logprobs` as one
 * map for the whole answer, so the alternatives are not sent there).
 */
function logprobsBody(reply: MockReply, content: string, top: number, together: boolean): unknown {
  const tokens: NonNullable<MockReply['logprobs']> =
    reply.logprobs ??
    content
      .split(/(?=\s)/)
      .filter((t) => t !== '')
      .map((token) => ({ token, logprob: 0 }));
  if (together) return { tokens: tokens.map((t) => t.token), token_logprobs: tokens.map((t) => t.logprob) };
  return {
    content: tokens.map((t) => ({
      token: t.token,
      logprob: t.logprob,
      bytes: utf8(t.token),
      top_logprobs: (t.top ?? [{ token: t.token, logprob: t.logprob }])
        .slice(0, top)
        .map((a) => ({ token: a.token, logprob: a.logprob, bytes: utf8(a.token) })),
    })),
    refusal: null,
  };
}

async function handle(ctx: MockRouteContext): Promise<MockResponse | undefined> {
  const body = ctx.body;
  if (!isRecord(body))
    return ctx.invalid(
      "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)",
    );
  const invalid =
    validateOpenAiChatRequest(body) ??
    (ctx.vendor === 'openai' && isOpenAiModelId(body.model) ? validateOpenAiModelRules(body) : null);
  if (invalid) return ctx.invalid(invalid.message, { param: invalid.param, code: invalid.code });
  const model = body.model as string;
  const messages = body.messages as unknown[];
  if (isUnknownModel(model))
    return ctx.error(404, `The model \`${model}\` does not exist or you do not have access to it.`, {
      code: 'model_not_found',
    });

  const stream = body.stream === true;
  const info: ChatRequestInfo = {
    api: 'openai-chat',
    model,
    stream,
    messages,
    lastUserText: lastUserText(messages),
    wantsReasoning: wantsReasoning(body),
    body,
    headers: ctx.headers,
    path: ctx.path,
  };
  const reply = await ctx.nextReply(info);
  if (reply.status !== undefined && reply.status >= 400) {
    const error = ctx.error(reply.status, `Mock error ${reply.status}`, { headers: reply.headers ?? {} });
    return reply.errorBody === undefined ? error : { ...error, body: reply.errorBody };
  }

  const id = `chatcmpl-mock${String(++completionCounter).padStart(6, '0')}`;
  const created = Math.floor(Date.now() / 1000);
  const responseModel = reply.model ?? model;
  const content = reply.content ?? '';
  const reasoning = reply.reasoning ?? '';
  const field = reasoningFieldFor(reply, body, ctx.flavor);
  // OpenAI sends `logprobs: null` when none were asked for; Together's spec has no null there.
  const together = ctx.vendor === 'together' || ctx.flavor === 'together';
  const logprobs = together ? {} : { logprobs: null };
  const toolCall = reply.toolCall
    ? {
        // Together's tool calls (`ToolChoice`) carry their index, in a message and in a chunk.
        ...(together ? { index: 0 } : {}),
        id: `call_mock${String(completionCounter).padStart(6, '0')}`,
        type: 'function',
        function: reply.toolCall,
      }
    : undefined;
  const finishReason = openAiFinishReason(reply.finishReason ?? (toolCall ? 'tool_calls' : 'stop'));
  const usage = usageFor(reply, messages, content, reasoning);

  if (!stream) {
    const asked = askedLogprobs(body, together);
    const message: Record<string, unknown> = {
      role: 'assistant',
      content: toolCall && content === '' ? null : content,
      refusal: null,
    };
    if (reasoning !== '') Object.assign(message, reasoningFields(field, reasoning));
    if (reply.reasoningDetails) message.reasoning_details = reply.reasoningDetails;
    if (toolCall) message.tool_calls = [toolCall];
    if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
    return {
      status: reply.status ?? 200,
      headers: reply.headers ?? {},
      body: {
        id,
        object: 'chat.completion',
        created,
        model: responseModel,
        choices: [
          {
            index: 0,
            message,
            ...(asked === null ? logprobs : { logprobs: logprobsBody(reply, content, asked, together) }),
            finish_reason: finishReason,
          },
        ],
        usage,
        system_fingerprint: SYSTEM_FINGERPRINT,
        // Together's ChatCompletionResponse requires `prompt` (the echoed prompt parts; none here).
        ...(together ? { prompt: [] } : {}),
      },
    };
  }

  const streamOptions = isRecord(body.stream_options) ? body.stream_options : {};
  const includeUsage = streamOptions.include_usage === true;
  const sse = ctx.sse({
    ...(reply.delayMs ? { delayMs: reply.delayMs } : {}),
    ...(reply.byteChunkSize ? { byteChunkSize: reply.byteChunkSize } : {}),
    headers: reply.headers ?? {},
  });
  const chunk = (
    delta: Record<string, unknown>,
    finish: string | null = null,
    extra: Record<string, unknown> = {},
  ) => ({
    id,
    object: 'chat.completion.chunk',
    created,
    model: responseModel,
    system_fingerprint: SYSTEM_FINGERPRINT,
    // Together names the role in every delta (its `ChatCompletionChunk` requires it); OpenAI only in the first.
    choices: [
      {
        index: 0,
        delta: together ? { role: 'assistant', ...delta } : delta,
        ...logprobs,
        finish_reason: finish,
      },
    ],
    ...(includeUsage ? { usage: null } : {}),
    ...extra,
  });
  const size = reply.chunkSize ?? 8;
  const mode = reply.splitMode ?? 'code-point';

  await sse.event(chunk({ role: 'assistant', content: toolCall && content === '' ? null : '' }));
  if (reasoning !== '' && field !== 'none') {
    for (const piece of splitText(reasoning, size, mode))
      await sse.event(chunk(reasoningFields(field, piece)));
  }
  for (const detail of reply.reasoningDetails ?? []) await sse.event(chunk({ reasoning_details: [detail] }));
  for (const piece of splitText(content, size, mode)) await sse.event(chunk({ content: piece }));
  if (toolCall && together) {
    // Together's chunk schema requires a streamed tool call's id, type, name and arguments: it comes whole.
    await sse.event(chunk({ tool_calls: [toolCall] }));
  } else if (toolCall) {
    await sse.event(
      chunk({
        tool_calls: [
          {
            index: 0,
            id: toolCall.id,
            type: 'function',
            function: { name: toolCall.function.name, arguments: '' },
          },
        ],
      }),
    );
    for (const piece of splitText(toolCall.function.arguments, size, mode))
      await sse.event(chunk({ tool_calls: [{ index: 0, function: { arguments: piece } }] }));
  }
  // Together sends usage on the final chunk unasked; OpenAI only with stream_options.include_usage.
  await sse.event(chunk({}, finishReason, together && !includeUsage ? { usage } : {}));
  if (includeUsage) await sse.event({ ...chunk({}), choices: [], usage });
  await sse.event('[DONE]', undefined, { terminal: true });
  await sse.end();
  return undefined;
}

/** `POST /v1/chat/completions`: OpenAI-compatible chat (OpenAI, Together, DeepSeek, vLLM, OpenRouter). */
export const openAiChatCompletionsRoute = defineMockRoute({
  method: 'POST',
  path: '/v1/chat/completions',
  handler: handle,
  options: { auth: 'bearer', errorFormat: 'openai' },
});
