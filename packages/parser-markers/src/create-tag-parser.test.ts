import { parseReasoning, type ReasoningParserPlugin } from '@distillery/core';
import { describeReasoningParserContract, expectChunkingInvariant } from '@distillery/testkit/vitest';
import { describe, expect, it } from 'vitest';
import { createTagParser } from './create-tag-parser';
import { createTagParserPlugin } from './define-preset';

const kimiVl = createTagParserPlugin({ id: 'kimi-vl', start: '◁think▷', end: '◁/think▷' });
const astral = createTagParserPlugin({ id: 'astral', start: '🧠{', end: '}🧠', multipleBlocks: true });
const seed = createTagParserPlugin({
  id: 'seed-oss',
  start: ['<seed:think>', '<think>'],
  end: ['</seed:think>', '</think>'],
  strayEnd: 'strip',
});

// The machine is generic: the contract holds for non-ASCII and astral markers too.
describeReasoningParserContract(kimiVl, { markers: { start: '◁think▷', end: '◁/think▷' }, iterations: 60 });
describeReasoningParserContract(astral, {
  markers: { start: '🧠{', end: '}🧠' },
  multipleBlocks: true,
  iterations: 60,
});
describeReasoningParserContract(seed, {
  markers: { start: '<seed:think>', end: '</seed:think>' },
  strayEnd: 'strip',
  iterations: 60,
});

const think = { start: '<think>', end: '</think>' } as const;

function pushAll(chunks: readonly string[]) {
  const parser = createTagParser(think);
  return chunks.map((chunk) => parser.push(chunk));
}

describe('createTagParser', () => {
  it('holds a marker split mid-buffer ("abc</th" + "ink>") and never leaks it', () => {
    const [first, second, third] = pushAll(['<think>abc</th', 'ink>def', '']);
    expect(first).toEqual([{ type: 'reasoning-start' }, { type: 'reasoning-delta', text: 'abc' }]);
    expect(second).toEqual([
      { type: 'reasoning-end', truncated: false },
      { type: 'content-delta', text: 'def' },
    ]);
    expect(third).toEqual([]);
  });

  it('releases a held prefix as text as soon as it cannot be a marker', () => {
    const [first, second] = pushAll(['x <thi', 'nk about it']);
    expect(first).toEqual([{ type: 'content-delta', text: 'x ' }]);
    expect(second).toEqual([{ type: 'content-delta', text: '<think about it' }]);
  });

  it('holds a prefix only as long as the longest suffix that could still be a marker', () => {
    // "<<th": the first "<" can no longer start "<think>", the rest can.
    const [first] = pushAll(['a<<th']);
    expect(first).toEqual([{ type: 'content-delta', text: 'a<' }]);
  });

  it('flushes a trailing "<" or "<th" at finish instead of losing it', () => {
    for (const tail of ['<', '<th', '<think']) {
      const parser = createTagParser(think);
      expect(parser.push(`answer ${tail}`)).toEqual([{ type: 'content-delta', text: 'answer ' }]);
      expect(parser.finish()).toEqual([{ type: 'content-delta', text: tail }]);
    }
  });

  it('never ends a delta with half a surrogate pair; it joins the halves from two chunks', () => {
    const parser = createTagParser(think);
    expect(parser.push('a\ud83d')).toEqual([{ type: 'content-delta', text: 'a' }]);
    expect(parser.push('\ude00b')).toEqual([{ type: 'content-delta', text: '😀b' }]);
    // A lone high surrogate at the very end of the stream is flushed as it is.
    expect(parser.push('\ud83d')).toEqual([]);
    expect(parser.finish()).toEqual([{ type: 'content-delta', text: '\ud83d' }]);
  });

  it('matches markers made of astral characters split inside a surrogate pair', () => {
    const whole = expectChunkingInvariant(astral, 'pre 🧠{思考 😀}🧠 post 🧠{again}🧠!');
    expect(whole.result).toEqual({
      reasoning: '思考 😀\nagain',
      content: 'pre  post !',
      truncated: false,
      hasReasoning: true,
    });
  });

  it('accepts several start and end markers, and strips stray end markers when asked', () => {
    expect(parseReasoning(seed, 'a<think>r</think>b</seed:think>c')).toEqual({
      reasoning: 'r',
      content: 'abc',
      truncated: false,
      hasReasoning: true,
    });
    expect(parseReasoning(seed, '<seed:think>r</think>b')).toMatchObject({ reasoning: 'r', content: 'b' });
  });

  it('ends reasoning at an implicit marker without confirmation, keeping it in the content', () => {
    const kimi = createTagParserPlugin({
      id: 'kimi-k2',
      start: '<think>',
      end: '</think>',
      initial: 'reasoning',
      implicitEnd: [{ marker: '<|tool_calls_section_begin|>' }],
    });
    const whole = expectChunkingInvariant(kimi, 'need a tool<|tool_calls_section_begin|>call');
    expect(whole.result).toMatchObject({
      reasoning: 'need a tool',
      content: '<|tool_calls_section_begin|>call',
    });
  });

  it('ignores implicit markers while in content', () => {
    const qwenish: ReasoningParserPlugin = createTagParserPlugin({
      id: 'q',
      start: '<think>',
      end: '</think>',
      implicitEnd: [{ marker: '<tool_call>', confirm: '<function' }],
    });
    expect(parseReasoning(qwenish, 'ok <tool_call><function=f>')).toMatchObject({
      content: 'ok <tool_call><function=f>',
      hasReasoning: false,
    });
  });

  it('rejects empty markers and markers that begin with whitespace', () => {
    expect(() => createTagParser({ start: '', end: '</think>' })).toThrow(TypeError);
    expect(() => createTagParser({ start: '\n<think>', end: '</think>' })).toThrow(/whitespace/);
    expect(() => createTagParser({ start: [], end: '</think>' })).toThrow(TypeError);
    expect(() =>
      createTagParserPlugin({
        id: 'x',
        start: '<a>',
        end: '</a>',
        implicitEnd: [{ marker: '<b>', confirm: '' }],
      }),
    ).toThrow(TypeError);
  });

  it('streams a large input in tiny chunks to the same result as whole text', () => {
    const reasoning = 'Compute 17 × 23: 17 × 20 = 340, 17 × 3 = 51, sum 391. <b>ok</b> </thin '.repeat(500);
    const text = `<think>${reasoning}</think>\n\n**391** ✅`;
    const whole = expectChunkingInvariant(
      createTagParserPlugin({ id: 't', ...think }),
      text,
      {},
      {
        iterations: 10,
        maxChunk: 64,
        everyCutUpTo: 0,
      },
    );
    expect(whole.result.reasoning).toBe(reasoning);
    expect(whole.result.content).toBe('\n\n**391** ✅');
  });

  it('drops stripFromContent markers in the content, split across chunks too, but not in reasoning', () => {
    const plugin = createTagParserPlugin({
      id: 'wrapped',
      ...think,
      stripFromContent: ['<answer>', '</answer>'],
    });
    const whole = expectChunkingInvariant(plugin, '<think>say <answer> later</think><answer>42</answer>');
    expect(whole.result).toEqual({
      reasoning: 'say <answer> later',
      content: '42',
      truncated: false,
      hasReasoning: true,
    });
    const parser = plugin.create();
    expect(parser.push('x<ans')).toEqual([{ type: 'content-delta', text: 'x' }]);
    expect(parser.push('wer>y')).toEqual([{ type: 'content-delta', text: 'y' }]);
  });

  it('ends a template-opened block that the model never closed as skipped thinking on stop', () => {
    const r1Like = { ...think, initial: 'reasoning' as const, startMatch: 'leading' as const };
    const parser = createTagParser(r1Like);
    expect(parser.push('The answer is 4.')).toEqual([
      { type: 'reasoning-start' },
      { type: 'reasoning-delta', text: 'The answer is 4.' },
    ]);
    expect(parser.finish('stop')).toEqual([
      { type: 'reasoning-end', truncated: false, skippedThinking: true },
    ]);
    expect(createTagParser(r1Like, { finishReason: 'stop' }).finish()).toEqual([
      { type: 'reasoning-start' },
      { type: 'reasoning-end', truncated: false, skippedThinking: true },
    ]);
    const cut = createTagParser(r1Like);
    cut.push('The answer');
    expect(cut.finish('length')).toEqual([{ type: 'reasoning-end', truncated: true }]);
    // A block the model opened after the template's block was closed is its own thinking: truncated.
    const again = createTagParser({ ...r1Like, multipleBlocks: true });
    again.push('a</think>b<think>c');
    expect(again.finish('stop')).toEqual([{ type: 'reasoning-end', truncated: true }]);
  });
});
