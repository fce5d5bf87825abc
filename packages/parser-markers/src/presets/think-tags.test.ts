import { readFileSync } from 'node:fs';
import { parseReasoning } from '@distillery/core';
import { describeReasoningParserContract, expectChunkingInvariant } from '@distillery/testkit/vitest';
import { describe, expect, it } from 'vitest';
import { thinkTags } from './think-tags';

const fixture = (name: string) => readFileSync(new URL(`../__fixtures__/${name}`, import.meta.url), 'utf8');

describeReasoningParserContract(thinkTags, {
  markers: { start: '<think>', end: '</think>' },
  multipleBlocks: true,
  strayEnd: 'keep',
  cases: [
    {
      name: 'an empty block between two blocks adds no separator',
      input: '<think>a</think>x<think></think>y<think>b</think>z',
      expected: { reasoning: 'a\nb', content: 'xyz', hasReasoning: true },
    },
  ],
});

describe('think-tags', () => {
  it('joins interleaved blocks (GLM/MiniMax/Kimi) and keeps the tool call and text between them', () => {
    const text = fixture('glm-interleaved.txt');
    const whole = expectChunkingInvariant(thinkTags, text);
    expect(whole.result.reasoning).toBe(
      'First I need the current date.\nThe date is 2025-06-01, so the deadline is in 30 days.',
    );
    expect(whole.result.content).toBe(
      "\nI'll look that up.\n<tool_call>get_date\n</tool_call>\n\nThe deadline is **30 days** away.\n",
    );
    expect(whole.events.filter((e) => e.type === 'reasoning-start')).toHaveLength(2);
    expect(whole.events.filter((e) => e.type === 'reasoning-end')).toEqual([
      { type: 'reasoning-end', truncated: false },
      { type: 'reasoning-end', truncated: false },
    ]);
  });

  it('keeps only the first block with multipleBlocks: false', () => {
    const text = fixture('glm-interleaved.txt');
    const result = parseReasoning(thinkTags, text, { multipleBlocks: false });
    expect(result.reasoning).toBe('First I need the current date.');
    expect(result.content).toContain('<think>The date is 2025-06-01');
  });

  it('keeps a stray </think> with no opener as literal content', () => {
    expect(parseReasoning(thinkTags, 'Close a block with </think> in HTML-ish markup.')).toEqual({
      reasoning: '',
      content: 'Close a block with </think> in HTML-ish markup.',
      truncated: false,
      hasReasoning: false,
    });
  });

  it('treats a later <think> as literal with thinking: false', () => {
    const text = 'Answer: wrap it in <think>...</think>.';
    expect(parseReasoning(thinkTags, text, { thinking: false })).toMatchObject({
      content: text,
      hasReasoning: false,
    });
    expect(parseReasoning(thinkTags, text)).toMatchObject({
      reasoning: '...',
      content: 'Answer: wrap it in .',
    });
  });

  it('truncates the last block when the output stops inside it', () => {
    const whole = expectChunkingInvariant(thinkTags, '<think>a</think>b<think>still thinking');
    expect(whole.result).toEqual({
      reasoning: 'a\nstill thinking',
      content: 'b',
      truncated: true,
      hasReasoning: true,
    });
  });
});
