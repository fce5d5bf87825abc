import { describe, expect, it } from 'vitest';
import { ChatStreamAccumulator } from './chat-stream-accumulator';
import type { ResultContext } from './read-chat-completion';

const ctx: ResultContext = { model: 'm', info: undefined, fallbackExposure: 'none', toolMode: false };
const chunk = (delta: Record<string, unknown>, finish: string | null = null, usage: unknown = null) => ({
  id: 'c1',
  model: 'm',
  choices: [{ index: 0, delta, finish_reason: finish }],
  usage,
});

describe('ChatStreamAccumulator', () => {
  it('keeps every reasoning fragment and reads usage from the choice-less chunk after the finish', () => {
    const acc = new ChatStreamAccumulator(ctx);
    const events = [
      ...acc.push(chunk({ role: 'assistant', content: '' })),
      ...acc.push(chunk({ reasoning_content: 'Let ' })),
      ...acc.push(chunk({ reasoning_content: 'me think' })),
      ...acc.push(chunk({ content: '4' })),
      ...acc.push(chunk({}, 'stop')),
    ];
    expect(acc.finished).toBe(true);
    acc.push({ id: 'c1', choices: [], usage: { prompt_tokens: 5, completion_tokens: 7 } });
    expect(events.map((e) => e.type)).toEqual(['reasoning-delta', 'reasoning-delta', 'content-delta']);
    const result = acc.result();
    expect(result).toMatchObject({ content: '4', reasoning: 'Let me think', finishReason: 'stop' });
    expect(result.usage).toEqual({ inputTokens: 5, outputTokens: 7 });
  });
  it('takes usage sent on the final choice chunk (Together does this unasked)', () => {
    const acc = new ChatStreamAccumulator(ctx);
    acc.push(chunk({ content: 'a' }));
    acc.push(chunk({}, 'eos', { prompt_tokens: 1, completion_tokens: 2, reasoning_tokens: 1 }));
    expect(acc.result().usage).toEqual({ inputTokens: 1, outputTokens: 2, reasoningTokens: 1 });
  });
  it('is not finished without a finish_reason', () => {
    const acc = new ChatStreamAccumulator(ctx);
    acc.push(chunk({ content: 'a' }));
    expect(acc.finished).toBe(false);
  });
});
