import type { ChatRequest, ChatResult, ChatStreamEvent, ModelProvider } from '@distillery/core';

export interface ScriptedTurn {
  content: string;
  reasoning?: string;
  finishReason?: ChatResult['finishReason'];
  /** Characters per streamed delta. */
  chunkSize?: number;
  /** Stream only: break after this many deltas once, announcing a retry, then send the whole turn. */
  breakAfter?: number;
}

/**
 * An in-memory ModelProvider that answers with scripted turns and records every request: a
 * contract-level stand-in for flow tests (provider packages are tested against real HTTP).
 */
export function scriptedProvider(turns: ScriptedTurn[]): ModelProvider & { requests: ChatRequest[] } {
  const requests: ChatRequest[] = [];
  const next = (request: ChatRequest): ScriptedTurn => {
    requests.push(structuredClone(request));
    const turn = turns.shift();
    if (!turn) throw new Error('scripted provider: no turn left');
    return turn;
  };
  const result = (turn: ScriptedTurn, request: ChatRequest): ChatResult => ({
    content: turn.content,
    reasoning: turn.reasoning ?? null,
    reasoningExposure: turn.reasoning ? 'field' : 'none',
    finishReason: turn.finishReason ?? 'stop',
    rawFinishReason: turn.finishReason ?? 'stop',
    usage: { inputTokens: 10, outputTokens: turn.content.length, ...(turn.reasoning ? { reasoningTokens: 5 } : {}) },
    model: request.model,
    raw: {},
  });
  const pieces = (text: string, size: number): string[] => {
    const out: string[] = [];
    const chars = Array.from(text);
    for (let i = 0; i < chars.length; i += size) out.push(chars.slice(i, i + size).join(''));
    return out;
  };
  return {
    specificationVersion: 'v1',
    kind: 'model-provider',
    id: 'scripted',
    requests,
    async chat(request) {
      return result(next(request), request);
    },
    async *stream(request): AsyncIterable<ChatStreamEvent> {
      const turn = next(request);
      const size = turn.chunkSize ?? 3;
      const deltas: ChatStreamEvent[] = [
        ...pieces(turn.reasoning ?? '', size).map((text) => ({ type: 'reasoning-delta' as const, text })),
        ...pieces(turn.content, size).map((text) => ({ type: 'content-delta' as const, text })),
      ];
      if (turn.breakAfter !== undefined) {
        yield* deltas.slice(0, turn.breakAfter);
        yield { type: 'retry', attempt: 1, reason: 'connection reset' };
      }
      yield* deltas;
      yield { type: 'finish', result: result(turn, request) };
    },
  };
}
