import { readFileSync } from 'node:fs';
import { parseReasoning } from '@distillery/core';
import { describeReasoningParserContract, expectChunkingInvariant } from '@distillery/testkit/vitest';
import { describe, expect, it } from 'vitest';
import { deepseekR1 } from './deepseek-r1';

const fixture = (name: string) => readFileSync(new URL(`../__fixtures__/${name}`, import.meta.url), 'utf8');

describeReasoningParserContract(deepseekR1, {
  markers: { start: '<think>', end: '</think>' },
  startsInReasoning: true,
  multipleBlocks: false,
  strayEnd: 'keep',
});

describe('deepseek-r1', () => {
  it('splits R1 output whose opener was in the prompt (only </think> in the output)', () => {
    const text = fixture('r1-gsm8k.txt');
    const whole = expectChunkingInvariant(deepseekR1, text);
    expect(whole.result.reasoning.startsWith('Okay, so Natalia')).toBe(true);
    expect(whole.result.reasoning.endsWith('So 72.\n')).toBe(true);
    expect(whole.result.content.startsWith('\n\nNatalia sold **72**')).toBe(true);
    expect(whole.result.content).not.toContain('</think>');
    expect(whole.result.truncated).toBe(false);
    expect(whole.events[0]).toEqual({ type: 'reasoning-start' });
  });

  it('consumes a leading <think> the model repeated (R1-0528), emitting no second start', () => {
    const text = fixture('r1-0528-with-opener.txt');
    const whole = expectChunkingInvariant(deepseekR1, text);
    expect(whole.result.reasoning).toBe(
      '\nHmm, the user asks how many r\'s are in "strawberry". s-t-r-a-w-b-e-r-r-y: r at positions 3, 8 and 9. That\'s 3.\n',
    );
    expect(whole.result.content).toBe('\n\nThere are **3** r\'s in "strawberry".\n');
    expect(whole.events.filter((e) => e.type === 'reasoning-start')).toHaveLength(1);
    expect(parseReasoning(deepseekR1, '\n\n<think>x</think>y')).toMatchObject({
      reasoning: '\n\nx',
      content: 'y',
    });
  });

  it('keeps a truncated output as reasoning, flagged, with no answer', () => {
    const text = fixture('r1-truncated.txt');
    const whole = expectChunkingInvariant(deepseekR1, text);
    expect(whole.result).toEqual({ reasoning: text, content: '', truncated: true, hasReasoning: true });
    expect(whole.perCall.at(-1)?.at(-1)).toEqual({ type: 'reasoning-end', truncated: true });
  });

  it('keeps a later <think> and a second </think> as literal content (one block)', () => {
    expect(parseReasoning(deepseekR1, 'r</think>Use <think> tags like </think> this.')).toEqual({
      reasoning: 'r',
      content: 'Use <think> tags like </think> this.',
      truncated: false,
      hasReasoning: true,
    });
  });

  it('starts as content with thinking: false (V3.1 non-thinking), honouring only a leading <think>', () => {
    expect(parseReasoning(deepseekR1, 'Paris.', { thinking: false })).toEqual({
      reasoning: '',
      content: 'Paris.',
      truncated: false,
      hasReasoning: false,
    });
    expect(parseReasoning(deepseekR1, '<think>r</think>Paris.', { thinking: false })).toMatchObject({
      reasoning: 'r',
      content: 'Paris.',
    });
    // A stray </think> with thinking off is literal: nothing says the opener was in the prompt.
    expect(parseReasoning(deepseekR1, 'a</think>b', { thinking: false })).toMatchObject({
      reasoning: '',
      content: 'a</think>b',
    });
  });

  it('lets the prompt tail decide: V3.1 thinking prompt vs non-thinking prompt', () => {
    const thinkingTail = '<｜User｜>What is the capital of France?<｜Assistant｜><think>\n';
    const plainTail = '<｜User｜>What is the capital of France?<｜Assistant｜></think>';
    expect(
      parseReasoning(deepseekR1, 'France... Paris.</think>Paris', { promptTail: thinkingTail }),
    ).toMatchObject({
      reasoning: 'France... Paris.',
      content: 'Paris',
    });
    expect(parseReasoning(deepseekR1, 'Paris', { promptTail: plainTail })).toMatchObject({
      reasoning: '',
      content: 'Paris',
      hasReasoning: false,
    });
    // The prompt tail wins over `thinking`.
    expect(
      parseReasoning(deepseekR1, 'hmm</think>Paris', { promptTail: thinkingTail, thinking: false }),
    ).toMatchObject({ reasoning: 'hmm', content: 'Paris' });
  });

  it('trims template whitespace when asked, identically when streamed', () => {
    const text = fixture('r1-gsm8k.txt');
    const whole = expectChunkingInvariant(deepseekR1, text, { trim: true }, { iterations: 50 });
    expect(whole.result.reasoning.startsWith('Okay')).toBe(true);
    expect(whole.result.reasoning.endsWith('So 72.')).toBe(true);
    expect(whole.result.content.startsWith('Natalia sold')).toBe(true);
    expect(whole.result.content.endsWith('Total: 48 + 24 = 72')).toBe(true);
  });

  it('emits start/end for the empty block of a thinking-off answer', () => {
    const whole = expectChunkingInvariant(deepseekR1, '<think>\n\n</think>\n\nParis');
    expect(whole.result).toEqual({
      reasoning: '\n\n',
      content: '\n\nParis',
      truncated: false,
      hasReasoning: true,
    });
    expect(whole.events.map((e) => e.type)).toEqual([
      'reasoning-start',
      'reasoning-delta',
      'reasoning-end',
      'content-delta',
    ]);
  });
});
