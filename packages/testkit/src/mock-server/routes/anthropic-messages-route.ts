import { isUnknownModel } from '../api-key';
import type { ChatRequestInfo } from '../chat-request-info';
import { estimateTokens } from '../estimate-tokens';
import { anthropicStopReason } from '../finish-reason';
import { lastUserText, messageText } from '../message-text';
import type { MockReply } from '../mock-reply';
import type { MockResponse, MockRouteContext } from '../mock-route';
import { defineMockRoute } from '../mock-route-definition';
import { splitText } from '../split-text';
import { validateAnthropicMessagesRequest } from './validate-anthropic-messages-request';

let messageCounter = 0;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

type Block =
  | { type: 'thinking'; thinking: string; signature: string }
  | { type: 'redacted_thinking'; data: string }
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id: string; name: string; input: unknown; json: string };

/** A deterministic, opaque-looking signature for a thinking block. */
function defaultSignature(thinking: string, id: string): string {
  return Buffer.from(`mock-signature:${id}:${thinking.length}`).toString('base64');
}

function parseInput(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return {};
  }
}

function blocksFor(reply: MockReply, id: string, omitThinking: boolean): Block[] {
  const blocks: Block[] = [];
  const reasoning = reply.reasoning ?? '';
  if (reasoning !== '' || reply.thinkingSignature !== undefined)
    blocks.push({
      type: 'thinking',
      thinking: omitThinking ? '' : reasoning,
      signature: reply.thinkingSignature ?? defaultSignature(reasoning, id),
    });
  if (reply.redactedThinking !== undefined)
    blocks.push({ type: 'redacted_thinking', data: reply.redactedThinking });
  const content = reply.content ?? '';
  if (content !== '' || !reply.toolCall) blocks.push({ type: 'text', text: content });
  if (reply.toolCall)
    blocks.push({
      type: 'tool_use',
      id: `toolu_mock${id.slice(-6)}`,
      name: reply.toolCall.name,
      input: parseInput(reply.toolCall.arguments),
      json: reply.toolCall.arguments,
    });
  return blocks;
}

function publicBlock(block: Block): Record<string, unknown> {
  if (block.type === 'tool_use')
    return { type: 'tool_use', id: block.id, name: block.name, input: block.input };
  return { ...block };
}

function inputTokens(body: Record<string, unknown>, messages: unknown[]): number {
  const system = messageText(body.system);
  return Math.max(
    1,
    estimateTokens(system) +
      messages.reduce<number>(
        (sum, m) => sum + estimateTokens(messageText(isRecord(m) ? m.content : '')) + 4,
        0,
      ),
  );
}

async function handle(ctx: MockRouteContext): Promise<MockResponse | undefined> {
  if (!ctx.headers['anthropic-version']) return ctx.invalid('anthropic-version: header is required');
  const body = ctx.body;
  if (!isRecord(body)) return ctx.invalid('There was an error parsing the body of your request as JSON');
  const invalid = validateAnthropicMessagesRequest(body);
  if (invalid) return ctx.invalid(invalid);
  const model = body.model as string;
  if (isUnknownModel(model)) return ctx.error(404, `model: ${model}`);
  const messages = body.messages as unknown[];
  const thinking = isRecord(body.thinking) ? body.thinking : undefined;
  const stream = body.stream === true;
  const info: ChatRequestInfo = {
    api: 'anthropic-messages',
    model,
    stream,
    messages,
    lastUserText: lastUserText(messages),
    wantsReasoning: thinking?.type === 'enabled' || thinking?.type === 'adaptive',
    body,
    headers: ctx.headers,
    path: ctx.path,
  };
  const reply = await ctx.nextReply(info);
  if (reply.status !== undefined && reply.status >= 400) {
    const error = ctx.error(reply.status, `Mock error ${reply.status}`, { headers: reply.headers ?? {} });
    return reply.errorBody === undefined ? error : { ...error, body: reply.errorBody };
  }

  const id = `msg_mock${String(++messageCounter).padStart(6, '0')}`;
  const blocks = blocksFor(reply, id, thinking?.display === 'omitted');
  const responseModel = reply.model ?? model;
  const stopReason = anthropicStopReason(reply.finishReason ?? (reply.toolCall ? 'tool_use' : 'end_turn'));
  const reasoning = reply.reasoning ?? '';
  const thinkingTokens = reply.usage?.reasoning_tokens ?? estimateTokens(reasoning);
  const outputTokens =
    reply.usage?.completion_tokens ??
    thinkingTokens +
      estimateTokens(
        (reply.content ?? '') + (reply.toolCall?.arguments ?? '') + (reply.redactedThinking ?? ''),
      );
  const usage: Record<string, unknown> = {
    input_tokens: reply.usage?.prompt_tokens ?? inputTokens(body, messages),
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
    output_tokens: outputTokens,
    service_tier: 'standard',
  };
  if (thinkingTokens > 0) usage.output_tokens_details = { thinking_tokens: thinkingTokens };

  if (!stream) {
    if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
    return {
      headers: reply.headers ?? {},
      body: {
        id,
        type: 'message',
        role: 'assistant',
        model: responseModel,
        content: blocks.map(publicBlock),
        stop_reason: stopReason,
        stop_sequence: null,
        usage,
      },
    };
  }

  const sse = ctx.sse({
    ...(reply.delayMs ? { delayMs: reply.delayMs } : {}),
    ...(reply.byteChunkSize ? { byteChunkSize: reply.byteChunkSize } : {}),
    headers: reply.headers ?? {},
  });
  const size = reply.chunkSize ?? 8;
  const mode = reply.splitMode ?? 'code-point';
  const send = (type: string, data: Record<string, unknown>) =>
    sse.event({ type, ...data }, type, { terminal: type === 'message_stop' });

  await send('message_start', {
    message: {
      id,
      type: 'message',
      role: 'assistant',
      model: responseModel,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { ...usage, output_tokens: 1, output_tokens_details: undefined },
    },
  });
  for (const [index, block] of blocks.entries()) {
    switch (block.type) {
      case 'thinking':
        await send('content_block_start', {
          index,
          content_block: { type: 'thinking', thinking: '', signature: '' },
        });
        break;
      case 'redacted_thinking':
        await send('content_block_start', {
          index,
          content_block: { type: 'redacted_thinking', data: block.data },
        });
        break;
      case 'text':
        await send('content_block_start', { index, content_block: { type: 'text', text: '' } });
        break;
      case 'tool_use':
        await send('content_block_start', {
          index,
          content_block: { type: 'tool_use', id: block.id, name: block.name, input: {} },
        });
        break;
    }
    if (index === 0) await send('ping', {});
    if (block.type === 'thinking') {
      for (const piece of splitText(block.thinking, size, mode))
        await send('content_block_delta', { index, delta: { type: 'thinking_delta', thinking: piece } });
      await send('content_block_delta', {
        index,
        delta: { type: 'signature_delta', signature: block.signature },
      });
    } else if (block.type === 'text') {
      for (const piece of splitText(block.text, size, mode))
        await send('content_block_delta', { index, delta: { type: 'text_delta', text: piece } });
    } else if (block.type === 'tool_use') {
      for (const piece of splitText(block.json, size, mode))
        await send('content_block_delta', {
          index,
          delta: { type: 'input_json_delta', partial_json: piece },
        });
    }
    await send('content_block_stop', { index });
  }
  const deltaUsage: Record<string, unknown> = { output_tokens: outputTokens };
  if (usage.output_tokens_details) deltaUsage.output_tokens_details = usage.output_tokens_details;
  await send('message_delta', { delta: { stop_reason: stopReason, stop_sequence: null }, usage: deltaUsage });
  await send('message_stop', {});
  await sse.end();
  return undefined;
}

/** `POST /v1/messages`: Anthropic Messages API with extended thinking, JSON and SSE. */
export const anthropicMessagesRoute = defineMockRoute({
  method: 'POST',
  path: '/v1/messages',
  handler: handle,
  options: { auth: 'anthropic', errorFormat: 'anthropic' },
});
