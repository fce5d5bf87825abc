import { checkPlugin, parseReasoning, type ReasoningParseOptions } from '@distillery/core';
import {
  createSeededRandom,
  describeReasoningParserContract,
  expectChunkingInvariant,
} from '@distillery/testkit/vitest';
import { describe, expect, it } from 'vitest';
import plugin, { gptOss } from './index';

describeReasoningParserContract(gptOss, {
  markers: { start: '<|channel|>analysis<|message|>', end: '<|end|>' },
  multipleBlocks: true,
  strayEnd: 'strip',
  iterations: 60,
});

const analysis = (text: string) => `<|channel|>analysis<|message|>${text}<|end|>`;
const final = (text: string) => `<|start|>assistant<|channel|>final<|message|>${text}`;

describe('gpt-oss (Harmony)', () => {
  it('is the default export, a plugin core accepts, mapped to gpt-oss model ids', () => {
    expect(plugin).toBe(gptOss);
    expect(checkPlugin(gptOss, '@distillery/parser-harmony').id).toBe('gpt-oss');
    expect(gptOss.models).toEqual(['gpt-oss']);
  });

  it('splits the analysis channel from the final channel', () => {
    const text = `${analysis('User asks 15% of 80. 0.15*80 = 12.')}${final('15% of 80 is **12**.')}<|return|>`;
    expect(expectChunkingInvariant(gptOss, text).result).toEqual({
      reasoning: 'User asks 15% of 80. 0.15*80 = 12.',
      content: '15% of 80 is **12**.',
      truncated: false,
      hasReasoning: true,
    });
  });

  it('keeps the final message when <|return|> is missing (servers stop on it)', () => {
    const text = `${analysis('2+2=4.')}${final('4')}`;
    expect(expectChunkingInvariant(gptOss, text).result).toEqual({
      reasoning: '2+2=4.',
      content: '4',
      truncated: false,
      hasReasoning: true,
    });
  });

  it('hands a tool call on raw in the content, after the reasoning', () => {
    const call =
      '<|start|>assistant<|channel|>commentary to=functions.get_weather <|constrain|>json<|message|>{"city":"Paris"}<|call|>';
    expect(
      expectChunkingInvariant(gptOss, `${analysis('I need the weather in Paris.')}${call}`).result,
    ).toEqual({
      reasoning: 'I need the weather in Paris.',
      content: call,
      truncated: false,
      hasReasoning: true,
    });
    const recipientFirst =
      '<|start|>assistant to=functions.get_weather<|channel|>commentary json<|message|>{"city":"Paris"}<|call|>';
    expect(parseReasoning(gptOss, `${analysis('Weather.')}${recipientFirst}`).content).toBe(recipientFirst);
  });

  it('reads commentary preambles as content and joins several analysis messages', () => {
    const text = `${analysis('Plan: look it up.')}<|start|>assistant<|channel|>commentary<|message|>Let me check. <|end|><|start|>assistant${analysis('Found it.')}${final('It is 21°C.')}<|return|>`;
    expect(expectChunkingInvariant(gptOss, text).result).toEqual({
      reasoning: 'Plan: look it up.\nFound it.',
      content: 'Let me check. It is 21°C.',
      truncated: false,
      hasReasoning: true,
    });
  });

  it('reads the special-tokens-stripped form analysis…assistantfinal…', () => {
    const text = 'analysisUser asks 2+2. That is 4.assistantfinal2 + 2 = **4**.';
    expect(expectChunkingInvariant(gptOss, text).result).toEqual({
      reasoning: 'User asks 2+2. That is 4.',
      content: '2 + 2 = **4**.',
      truncated: false,
      hasReasoning: true,
    });
    expect(parseReasoning(gptOss, 'analysis of variance compares group means.')).toMatchObject({
      content: 'analysis of variance compares group means.',
      hasReasoning: false,
    });
  });

  it('files a fine-tune that emits only the final channel as the answer', () => {
    expect(parseReasoning(gptOss, '<|channel|>final<|message|>Paris.')).toEqual({
      reasoning: '',
      content: 'Paris.',
      truncated: false,
      hasReasoning: false,
    });
  });

  it('closes an analysis message that the next message starts without <|end|>', () => {
    const text = `<|channel|>analysis<|message|>Six sevens.${final('42')}`;
    expect(expectChunkingInvariant(gptOss, text).result).toMatchObject({
      reasoning: 'Six sevens.',
      content: '42',
    });
  });

  it('flags output cut off inside the analysis channel', () => {
    expect(
      parseReasoning(gptOss, '<|channel|>analysis<|message|>Let me think about', { finishReason: 'length' }),
    ).toEqual({ reasoning: 'Let me think about', content: '', truncated: true, hasReasoning: true });
  });

  it('continues the channel a prompt tail opened, and reads a skipped analysis as the answer on stop', () => {
    const promptTail = '<|start|>user<|message|>2+2?<|end|><|start|>assistant<|channel|>analysis<|message|>';
    expect(parseReasoning(gptOss, `2+2=4.<|end|>${final('4')}`, { promptTail })).toMatchObject({
      reasoning: '2+2=4.',
      content: '4',
    });
    expect(parseReasoning(gptOss, '4', { promptTail, finishReason: 'stop' })).toEqual({
      reasoning: '',
      content: '4',
      truncated: false,
      hasReasoning: false,
    });
    expect(parseReasoning(gptOss, 'The answer', { promptTail: '<|start|>assistant' })).toMatchObject({
      content: 'The answer',
    });
  });

  it('treats a long run with no <|message|> after <|channel|> as literal text', () => {
    const text = `Use the <|channel|> token ${'x'.repeat(300)} like this.`;
    expect(expectChunkingInvariant(gptOss, text, undefined, { iterations: 20 }).result).toEqual({
      reasoning: '',
      content: text,
      truncated: false,
      hasReasoning: false,
    });
  });
});

describe('gpt-oss fuzz', () => {
  const pieces = [
    '<|start|>',
    '<|channel|>',
    '<|message|>',
    '<|end|>',
    '<|call|>',
    '<|return|>',
    '<|constrain|>',
    '<|chan',
    'nel|>',
    'assistant',
    'analysis',
    'final',
    'commentary to=functions.f ',
    'assistantfinal',
    'json',
    ' ',
    '\n',
    'A',
    '😀',
  ];
  const options: readonly ReasoningParseOptions[] = [
    {},
    { trim: true },
    { thinking: false },
    { multipleBlocks: false },
    { promptTail: '<|channel|>analysis<|message|>', finishReason: 'stop' },
    { finishReason: 'length' },
  ];
  it('every chunking of random token soup equals the whole text, under every option', () => {
    const random = createSeededRandom(7);
    for (let n = 0; n < 60; n++) {
      const length = 1 + Math.floor(random() * 14);
      const text = Array.from({ length }, () => pieces[Math.floor(random() * pieces.length)]).join('');
      for (const option of options) {
        expectChunkingInvariant(gptOss, text, option, { iterations: 10, everyPairUpTo: 0, seed: n });
      }
    }
  });
});
