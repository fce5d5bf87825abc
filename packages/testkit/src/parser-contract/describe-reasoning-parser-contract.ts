import {
  checkPlugin,
  collectReasoningEvents,
  type ParsedReasoning,
  type ReasoningEvent,
  type ReasoningParseOptions,
  type ReasoningParserPlugin,
} from '@distillery/core';
import { describe, expect, it } from 'vitest';
import { type ChunkingCheckOptions, expectChunkingInvariant } from './contract-checks';
import { runReasoningParser } from './run-reasoning-parser';

export interface ReasoningParserContractCase {
  name: string;
  input: string;
  options?: ReasoningParseOptions;
  /** The fields of the whole-text result to check; every chunking must give the same result. */
  expected: Partial<ParsedReasoning>;
}

export interface ReasoningParserContractOptions {
  /** The parser's main start and end markers, e.g. `<think>`/`</think>` or `[THINK]`/`[/THINK]`. */
  markers: { start: string; end: string };
  /** The parser starts inside reasoning by default (the template opened the block). Default false. */
  startsInReasoning?: boolean;
  /** Several blocks are accepted by default (joined with "\n"). Default false. */
  multipleBlocks?: boolean;
  /** What the parser does with an end marker met in content with no block open. Default `keep`. */
  strayEnd?: 'keep' | 'strip';
  /** Random chunkings per text. Default 200. */
  iterations?: number;
  seed?: number;
  /** Extra cases specific to the parser; each is also checked under random chunkings. */
  cases?: readonly ReasoningParserContractCase[];
}

/**
 * The shared contract suite for v1 reasoning parsers, as a vitest `describe` block. Run it from a
 * parser package's tests:
 *
 * ```ts
 * describeReasoningParserContract(myParser, { markers: { start: '[THINK]', end: '[/THINK]' } });
 * ```
 *
 * What it pins down, using the given markers (S, E):
 * - shape: a v1 `reasoning-parser` plugin core accepts, whose `markers` (if any) list S and E;
 * - any chunking of a stream (random chunkings from a seeded PRNG, one code unit at a time, every
 *   cut and pair of cuts, inside markers and surrogate pairs) gives exactly the whole-text events;
 * - well-formed events: non-empty deltas, blocks bracketed by start/end, `truncated: true` only on
 *   the final end, no delta holding half a surrogate pair;
 * - an unclosed block stays reasoning and ends truncated; text before S is content; S inside
 *   reasoning is literal; empty blocks give start + end and empty reasoning; stray E is kept or
 *   stripped as declared; repeated blocks follow `multipleBlocks`;
 * - `finish()` flushes a held marker prefix as text; a fresh parser per stream; after `finish()`,
 *   `push()` throws and `finish()` returns no events;
 * - the core options: `promptTail` (its last marker decides the start, over `thinking`), `thinking:
 *   false` (only a leading S counts), `multipleBlocks`, `trim`;
 * - the finish reason: a block the template opened (by default or through `promptTail`) and the
 *   model never closed is the answer with `stop` (skipped thinking) and truncated reasoning with
 *   `length`; a block the model opened itself stays reasoning; closed blocks are unaffected.
 */
export function describeReasoningParserContract(
  plugin: ReasoningParserPlugin,
  contract: ReasoningParserContractOptions,
): void {
  const { start: S, end: E } = contract.markers;
  const inReasoning = contract.startsInReasoning ?? false;
  const multiple = contract.multipleBlocks ?? false;
  const strip = (contract.strayEnd ?? 'keep') === 'strip';
  const check: ChunkingCheckOptions = {
    iterations: contract.iterations ?? 200,
    seed: contract.seed ?? 0x5eed,
  };
  const name = typeof plugin?.id === 'string' ? plugin.id : 'parser';

  /** Whole text and every chunking agree, and the result matches `expected`. */
  const expectParse = (
    input: string,
    expected: Partial<ParsedReasoning>,
    options?: ReasoningParseOptions,
  ) => {
    const whole = expectChunkingInvariant(plugin, input, options, check);
    expect(
      whole.result,
      `parsing ${JSON.stringify(input)} with ${JSON.stringify(options ?? {})}`,
    ).toMatchObject(expected);
    return whole;
  };

  describe(`reasoning parser contract: ${name}`, () => {
    describe('plugin shape', () => {
      it('is a v1 reasoning-parser plugin that core accepts', () => {
        expect(plugin.specificationVersion).toBe('v1');
        expect(plugin.kind).toBe('reasoning-parser');
        expect(typeof plugin.id).toBe('string');
        expect(plugin.id.length).toBeGreaterThan(0);
        expect(typeof plugin.create).toBe('function');
        expect(checkPlugin(plugin, `the ${name} contract suite`)).toBe(plugin);
      });

      it('lists its markers', () => {
        if (plugin.markers === undefined) return;
        expect(plugin.markers).toEqual(expect.arrayContaining([S, E]));
      });

      it('creates parsers in the declared starting state', () => {
        const parser = plugin.create();
        expect(parser.state).toBe(inReasoning ? 'reasoning' : 'content');
        expect(typeof parser.push).toBe('function');
        expect(typeof parser.finish).toBe('function');
      });
    });

    describe('splitting', () => {
      it('splits a closed block from the answer', () => {
        const run = expectParse(`${S}Let me think.${E}The answer is 42.`, {
          reasoning: 'Let me think.',
          content: 'The answer is 42.',
          truncated: false,
          hasReasoning: true,
        });
        expect(run.events.filter((e) => e.type === 'reasoning-start')).toHaveLength(1);
      });

      it('handles output with no start marker', () => {
        const input = `Let me think.${E}The answer.`;
        if (inReasoning) {
          expectParse(input, { reasoning: 'Let me think.', content: 'The answer.', truncated: false });
        } else {
          expectParse(input, {
            reasoning: '',
            content: strip ? 'Let me think.The answer.' : input,
            hasReasoning: false,
            truncated: false,
          });
        }
      });

      it('handles output with no marker at all', () => {
        const input = 'Just an answer, no markers.';
        if (inReasoning)
          expectParse(input, { reasoning: input, content: '', truncated: true, hasReasoning: true });
        else expectParse(input, { reasoning: '', content: input, truncated: false, hasReasoning: false });
      });

      it('keeps unclosed reasoning as reasoning and ends it truncated', () => {
        const run = expectParse(`${S}Thinking that never ends, `, {
          reasoning: 'Thinking that never ends, ',
          content: '',
          truncated: true,
          hasReasoning: true,
        });
        expect(run.events.at(-1)).toEqual({ type: 'reasoning-end', truncated: true });
        expect(run.perCall.at(-1)).toContainEqual({ type: 'reasoning-end', truncated: true });
      });

      it('keeps text before the start marker', () => {
        const input = `Preamble. ${S}inner${E}answer`;
        if (inReasoning) expectParse(input, { reasoning: `Preamble. ${S}inner`, content: 'answer' });
        else expectParse(input, { reasoning: 'inner', content: 'Preamble. answer', truncated: false });
      });

      it('treats a start marker inside reasoning as literal reasoning text', () => {
        expectParse(`${S}a ${S} b${E}c`, { reasoning: `a ${S} b`, content: 'c', truncated: false });
      });

      it('handles a stray end marker after the block as declared', () => {
        expectParse(`${S}r${E}answer ${E} more`, {
          reasoning: 'r',
          content: strip ? 'answer  more' : `answer ${E} more`,
        });
      });

      it('handles repeated blocks according to its multipleBlocks default', () => {
        const input = `${S}a${E}b${S}c${E}d`;
        if (multiple) expectParse(input, { reasoning: 'a\nc', content: 'bd', truncated: false });
        else expectParse(input, { reasoning: 'a', content: `b${S}c${strip ? '' : E}d`, truncated: false });
      });

      it('emits start and end for empty blocks, with empty reasoning', () => {
        const run = expectParse(`${S}${E}answer`, {
          reasoning: '',
          content: 'answer',
          hasReasoning: true,
          truncated: false,
        });
        expect(run.events.map((e) => e.type)).toEqual(['reasoning-start', 'reasoning-end', 'content-delta']);
        expectParse(`${S}\n\n${E}\n\nanswer`, {
          reasoning: '\n\n',
          content: '\n\nanswer',
          hasReasoning: true,
        });
        const trimmed = expectParse(
          `${S}\n\n${E}\n\nanswer`,
          { reasoning: '', content: 'answer', hasReasoning: true },
          { trim: true },
        );
        expect(trimmed.events.map((e) => e.type)).toEqual([
          'reasoning-start',
          'reasoning-end',
          'content-delta',
        ]);
      });

      it('handles unicode, astral characters and surrogate pairs split across chunks', () => {
        expectParse(`${S}思考 🤔 ok${E}答え 😀 𝕏`, { reasoning: '思考 🤔 ok', content: '答え 😀 𝕏' });
        expectParse(`😀${S}🤔${E}𝕏`, inReasoning ? { content: '𝕏' } : { reasoning: '🤔', content: '😀𝕏' });
      });

      it('parses a long mixed stream the same in every chunking', () => {
        const body = 'Step 1: 3 × 4 = 12. ≤ <b>bold</b> [x] 🧮\n'.repeat(40);
        const input = `${S}\n${body}${E}\n\nFinal: 12 ✅\n`;
        expectParse(input, { reasoning: `\n${body}`, content: '\n\nFinal: 12 ✅\n', truncated: false });
      });
    });

    describe('end of stream', () => {
      it('flushes a held start-marker prefix as content', () => {
        for (let k = 1; k < S.length; k++) {
          const prefix = S.slice(0, k);
          expectParse(`${S}r${E}answer ${prefix}`, {
            reasoning: 'r',
            content: `answer ${prefix}`,
            truncated: false,
          });
        }
      });

      it('holds a possible end-marker prefix until finish, then flushes it as reasoning', () => {
        for (let k = 1; k < E.length; k++) {
          const prefix = E.slice(0, k);
          const parser = plugin.create();
          const pushed = collectReasoningEvents(parser.push(`${S}reasoning ${prefix}`));
          expect(pushed.reasoning, `pushing ${JSON.stringify(prefix)} must not emit it yet`).toBe(
            'reasoning ',
          );
          const all = runReasoningParser(plugin, [`${S}reasoning `, prefix]);
          expect(all.result).toMatchObject({
            reasoning: `reasoning ${prefix}`,
            content: '',
            truncated: true,
          });
          expectParse(`${S}reasoning ${prefix}`, { reasoning: `reasoning ${prefix}`, truncated: true });
        }
      });
    });

    describe('lifecycle', () => {
      it('reports its state as markers arrive', () => {
        const parser = plugin.create();
        parser.push(`${S}thinking`);
        expect(parser.state).toBe('reasoning');
        parser.push(`${E}answer`);
        expect(parser.state).toBe('content');
        parser.finish();
      });

      it('throws on push after finish, and a second finish emits nothing', () => {
        const parser = plugin.create();
        parser.push(`${S}x`);
        expect(parser.finish()).toContainEqual({ type: 'reasoning-end', truncated: true });
        expect(() => parser.push('more')).toThrow();
        expect(parser.finish()).toEqual([]);
      });

      it('keeps instances independent', () => {
        const streamA = [`${S}alpha `, `beta${E}`, 'A'];
        const streamB = ['one ', `${S}two`, ' three'];
        const a = plugin.create();
        const b = plugin.create();
        const eventsA: ReasoningEvent[] = [];
        const eventsB: ReasoningEvent[] = [];
        for (let i = 0; i < streamA.length; i++) {
          eventsA.push(...a.push(streamA[i] as string));
          eventsB.push(...b.push(streamB[i] as string));
        }
        eventsB.push(...b.finish());
        eventsA.push(...a.finish());
        expect(eventsA).toEqual(runReasoningParser(plugin, streamA).events);
        expect(eventsB).toEqual(runReasoningParser(plugin, streamB).events);
      });
    });

    describe('options', () => {
      it('promptTail ending in an open marker starts inside reasoning', () => {
        const promptTail = `<|user|>What is 6 × 7?<|assistant|>${S}\n`;
        expectParse(
          `Six sevens.${E}42`,
          { reasoning: 'Six sevens.', content: '42', truncated: false },
          { promptTail },
        );
        expect(plugin.create({ promptTail }).state).toBe('reasoning');
      });

      it('promptTail ending in a closed block starts as content', () => {
        const promptTail = `<|assistant|>${S}\n\n${E}\n\n`;
        expectParse(
          '42',
          { reasoning: '', content: '42', hasReasoning: false, truncated: false },
          { promptTail },
        );
        expect(plugin.create({ promptTail }).state).toBe('content');
      });

      it('promptTail wins over thinking', () => {
        expectParse(`r${E}a`, { reasoning: 'r', content: 'a' }, { promptTail: `x${S}`, thinking: false });
      });

      it('thinking: false honours only a leading start marker', () => {
        expectParse(`${S}r${E}a`, { reasoning: 'r', content: 'a' }, { thinking: false });
        expectParse(`\n ${S}r${E}a`, { reasoning: 'r', content: '\n a' }, { thinking: false });
        const input = `The tag ${S} is literal here ${E} too`;
        expectParse(
          input,
          {
            reasoning: '',
            content: strip ? `The tag ${S} is literal here  too` : input,
            hasReasoning: false,
          },
          { thinking: false },
        );
      });

      it('multipleBlocks: true joins blocks with a newline; false keeps later markers literal', () => {
        const input = `${S}a${E}b${S}c${E}d`;
        expectParse(input, { reasoning: 'a\nc', content: 'bd' }, { multipleBlocks: true });
        expectParse(
          input,
          { reasoning: 'a', content: `b${S}c${strip ? '' : E}d` },
          { multipleBlocks: false },
        );
      });

      it('trim strips whitespace around reasoning and answer, streamed too', () => {
        expectParse(
          `${S}\n  Let me think.  \n${E}\n\n  The answer.  \n`,
          { reasoning: 'Let me think.', content: 'The answer.' },
          { trim: true },
        );
        expectParse(
          `${S}\n a \n b \n${E}\n x \n y \n`,
          { reasoning: 'a \n b', content: 'x \n y' },
          { trim: true },
        );
      });
    });

    describe('finish reason', () => {
      const answer = 'The answer is 42.';
      it('stop with no end marker after a template-opened block: the text is the answer', () => {
        const promptTail = `<|assistant|>${S}\n`;
        const skipped = expectParse(
          answer,
          { reasoning: '', content: answer, truncated: false, hasReasoning: false },
          { promptTail, finishReason: 'stop' },
        );
        expect(skipped.events.at(-1)).toEqual({
          type: 'reasoning-end',
          truncated: false,
          skippedThinking: true,
        });
        expectParse(
          answer,
          { reasoning: answer, content: '', truncated: true, hasReasoning: true },
          { promptTail, finishReason: 'length' },
        );
        expectParse(
          answer,
          { reasoning: '', content: answer, truncated: false, hasReasoning: false },
          { finishReason: 'stop' },
        );
        expectParse(
          answer,
          inReasoning
            ? { reasoning: answer, content: '', truncated: true, hasReasoning: true }
            : { reasoning: '', content: answer, truncated: false, hasReasoning: false },
          { finishReason: 'length' },
        );
      });

      it('finish(reason) on a stream gives the same as options.finishReason', () => {
        const promptTail = `x${S}`;
        const parser = plugin.create({ promptTail });
        const events = [
          ...parser.push(answer.slice(0, 5)),
          ...parser.push(answer.slice(5)),
          ...parser.finish('stop'),
        ];
        expect(collectReasoningEvents(events)).toEqual(
          runReasoningParser(plugin, [answer], { promptTail, finishReason: 'stop' }).result,
        );
        expect(collectReasoningEvents(events).content).toBe(answer);
      });

      it('a closed block is unaffected by the finish reason', () => {
        for (const finishReason of ['stop', 'length'] as const) {
          expectParse(
            `${S}r${E}a`,
            { reasoning: 'r', content: 'a', truncated: false, hasReasoning: true },
            { finishReason },
          );
        }
      });

      it('a block the model opened itself stays reasoning, truncated, when it stops unclosed', () => {
        if (inReasoning) return;
        expectParse(
          `${S}still thinking`,
          { reasoning: 'still thinking', content: '', truncated: true, hasReasoning: true },
          { finishReason: 'stop' },
        );
      });
    });

    const cases = contract.cases ?? [];
    if (cases.length > 0) {
      describe('parser-specific cases', () => {
        for (const c of cases) {
          it(c.name, () => {
            expectParse(c.input, c.expected, c.options);
          });
        }
      });
    }
  });
}
