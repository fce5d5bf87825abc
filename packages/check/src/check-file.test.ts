import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CheckReport } from '@distillery/core';
import { afterAll, describe, expect, it } from 'vitest';
import { checkFile } from './check-file';
import { unsampledOffsets } from './line-fingerprint';

const fixture = (name: string) => new URL(`./__fixtures__/${name}`, import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'distill-check-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let counter = 0;
function file(content: string | Uint8Array, name = `f${counter++}.jsonl`): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const codes = (report: CheckReport) => report.errors.map((e) => [e.line, e.code]);
const warningCodes = (report: CheckReport) => report.warnings.map((w) => [w.line, w.code]);
const line = (value: unknown) => JSON.stringify(value);
const USER = { role: 'user', content: 'What is 2+2?' };
const ASSISTANT = { role: 'assistant', content: '4', reasoning: '2 plus 2 is 4.' };
const ok = line({ messages: [USER, ASSISTANT] });

describe('checkFile: Together rules', () => {
  it('passes a valid reasoning conversation file', async () => {
    const report = await checkFile(fixture('together-valid.jsonl'), { backend: 'together', workers: 0 });
    expect(report.ok).toBe(true);
    expect(report.format).toBe('conversation');
    expect(report.samples).toBe(4);
    expect(report.errors).toEqual([]);
    expect(report.stats.withReasoning).toBe(4);
  });

  it('reports every broken line with its code, at its line, in Together wording', async () => {
    const report = await checkFile(fixture('together-broken.jsonl'), { backend: 'together', workers: 0 });
    expect(report.ok).toBe(false);
    expect(codes(report)).toEqual([
      [2, 'invalid-json'],
      [3, 'not-an-object'],
      [4, 'extra-column'],
      [5, 'unknown-format'],
      [6, 'messages-not-list'],
      [7, 'messages-empty'],
      [8, 'message-missing-field'],
      [9, 'invalid-role'],
      [10, 'role-not-alternating'],
      [11, 'missing-assistant'],
      [12, 'weight-not-binary'],
      [13, 'weight-not-integer'],
      [14, 'invalid-content-type'],
      [15, 'mixed-formats'],
      [16, 'preference-input-ends-with-assistant'],
      [17, 'invalid-content-type'],
      [18, 'image-not-in-user-message'],
    ]);
    const message = (n: number) => report.errors.find((e) => e.line === n)?.message;
    expect(message(2)).toBe('Error parsing json payload. Unexpected format on line 2.');
    expect(message(4)).toBe('Found extra column "id" in the line 4.');
    expect(message(5)).toBe(
      "Error parsing file. Could not detect a format for the line 5 with the columns:\ndict_keys(['prompt'])",
    );
    expect(message(8)).toBe('Missing required column `content` in message on line 8.');
    expect(message(9)).toBe(
      'Invalid role `tool` in conversation on line 9. Possible roles: system, user, assistant',
    );
    expect(message(12)).toBe('Weight must be either 0 or 1 on line 12.');
    expect(message(13)).toBe('Weight must be an integer on line 13.');
    expect(message(15)).toBe(
      'All samples in the dataset must have the same dataset format. Got DatasetFormat.CONVERSATION for the first line and DatasetFormat.GENERAL for the line 15.',
    );
    expect(message(17)).toContain("found <class 'float'>");
  });

  it('accepts the preference format and reports it', async () => {
    const report = await checkFile(fixture('together-preference.jsonl'), { backend: 'together', workers: 0 });
    expect(report.ok).toBe(true);
    expect(report.format).toBe('preference_openai');
  });

  it.each([
    ['weight true (Python: True == 1)', { ...ASSISTANT, weight: true }, true],
    ['weight false', { ...ASSISTANT, weight: false }, true],
    ['weight 0', { ...ASSISTANT, weight: 0 }, true],
    ['weight "1"', { ...ASSISTANT, weight: '1' }, false],
    ['weight null', { ...ASSISTANT, weight: null }, false],
    ['reasoning null (never type-checked)', { ...ASSISTANT, reasoning: null }, true],
    ['extra message keys', { ...ASSISTANT, name: 'bot', tool_calls: [] }, true],
  ])('%s', async (_, assistant, expected) => {
    const report = await checkFile(file(`${line({ messages: [USER, assistant] })}\n`), {
      backend: 'together',
      workers: 0,
    });
    expect(report.ok).toBe(expected);
  });

  it('follows Python number quirks: NaN and Infinity parse, 1.0 and 1e0 are floats, -0 is an int', async () => {
    const base = line({ messages: [USER, ASSISTANT] });
    const withWeight = (w: string) => base.replace('"reasoning"', `"weight": ${w}, "reasoning"`);
    const report = await checkFile(
      file(
        [
          base.replace('"2 plus 2 is 4."', 'NaN'),
          base.replace('"2 plus 2 is 4."', '-Infinity'),
          withWeight('1.0'),
          withWeight('1e0'),
          withWeight('-0'),
          base.replace('"2 plus 2 is 4."', 'nan'),
          withWeight('Infinity'),
        ].join('\n'),
      ),
      { backend: 'together', workers: 0 },
    );
    expect(codes(report)).toEqual([
      [3, 'weight-not-integer'],
      [4, 'weight-not-integer'],
      [6, 'invalid-json'],
      [7, 'weight-not-integer'],
    ]);
  });

  it('splits lines like Python universal newlines: CRLF and lone CR end lines', async () => {
    const crlf = await checkFile(file(`${ok}\r\n${ok}\r\n`), { backend: 'together', workers: 0 });
    expect(crlf.ok).toBe(true);
    expect(crlf.stats.lines).toBe(2);
    const cr = await checkFile(file(`${ok}\r${ok}\r\r${ok}`), { backend: 'together', workers: 0 });
    expect(cr.stats.lines).toBe(4);
    expect(codes(cr)).toEqual([[3, 'invalid-json']]);
  });

  it('fails line 1 of a file with a byte-order mark', async () => {
    const report = await checkFile(file(`\ufeff${ok}\n${ok}\n`), { backend: 'together', workers: 0 });
    expect(codes(report)).toEqual([[1, 'invalid-json']]);
    expect(report.errors[0]?.message).toMatch(/^Error parsing json payload\. Unexpected format on line 1\./);
  });

  it('reports invalid UTF-8 at its line', async () => {
    const bytes = Buffer.concat([
      Buffer.from(`${ok}\n{"text": "a`),
      Buffer.from([0xff]),
      Buffer.from('"}\n'),
    ]);
    const report = await checkFile(file(bytes), { backend: 'together', workers: 0 });
    expect(codes(report)).toEqual([[2, 'invalid-utf8']]);
    expect(report.errors[0]?.message).toContain('0xff at byte 12 of line 2');
  });

  it('rejects an empty file, a missing file or folder, blank trailing lines and wrong extensions', async () => {
    const empty = await checkFile(file(''), { backend: 'together', workers: 0 });
    expect(codes(empty)).toEqual([[0, 'file-empty']]);
    expect(empty.errors[0]?.message).toBe('File is empty');
    await expect(checkFile(join(dir, 'nope.jsonl'), { backend: 'together', workers: 0 })).rejects.toThrow(
      `File not found: ${join(dir, 'nope.jsonl')}.`,
    );
    await expect(checkFile(dir, { backend: 'together', workers: 0 })).rejects.toThrow(
      `File ${dir} is a folder, not a file.`,
    );
    const trailing = await checkFile(file(`${ok}\n\n`), { backend: 'together', workers: 0 });
    expect(codes(trailing)).toEqual([[2, 'invalid-json']]);
    const upper = await checkFile(file(`${ok}\n`, 'upper.JSONL'), { backend: 'together', workers: 0 });
    expect(codes(upper)).toEqual([[0, 'unsupported-extension']]);
    const hidden = await checkFile(file(`${ok}\n`, '.jsonl'), { backend: 'together', workers: 0 });
    expect(codes(hidden)).toEqual([[0, 'unsupported-extension']]);
    const csv = await checkFile(file('a,b\n', 'data.csv'), { backend: 'together', workers: 0 });
    expect(codes(csv)).toEqual([[0, 'csv-not-supported']]);
  });
});

describe('checkFile: OpenAI rules', () => {
  it('passes a valid chat file with reasoning serialized into content', async () => {
    const report = await checkFile(fixture('openai-valid.jsonl'), { backend: 'openai', workers: 0 });
    expect(report.ok).toBe(true);
    expect(report.format).toBe('chat');
    expect(report.stats.withReasoning).toBe(12);
  });

  it('reports reasoning fields, unknown keys, weights, roles, strict JSON and the minimum example count', async () => {
    const report = await checkFile(fixture('openai-broken.jsonl'), { backend: 'openai', workers: 0 });
    expect(codes(report)).toEqual([
      [2, 'openai-reasoning-field'],
      [3, 'openai-unknown-message-key'],
      [4, 'weight-not-assistant'],
      [5, 'weight-not-binary'],
      [6, 'missing-assistant'],
      [7, 'invalid-role'],
      [9, 'messages-not-list'],
      [10, 'invalid-json'],
    ]);
    expect(warningCodes(report).filter(([, code]) => code === 'openai-unknown-key')).toEqual([
      [9, 'openai-unknown-key'],
      [9, 'openai-unknown-key'],
    ]);
  });
});

describe('checkFile: OpenAI minimum', () => {
  it('requires at least 10 examples', async () => {
    const nine = await checkFile(file(`${ok}\n`.repeat(9).replaceAll(',"reasoning":"2 plus 2 is 4."', '')), {
      backend: 'openai',
      workers: 0,
    });
    expect(codes(nine)).toEqual([[0, 'too-few-samples']]);
    expect(nine.errors[0]?.message).toBe('The file has 9 examples; OpenAI fine-tuning requires at least 10.');
  });
});

describe('checkFile: lint', () => {
  const reasoningLines = [
    line({ messages: [USER, { role: 'assistant', content: '4' }] }),
    line({ messages: [USER, { ...ASSISTANT, reasoning: '   ' }] }),
    line({ messages: [USER, { ...ASSISTANT, content: '<think>x</think>4' }] }),
    line({ messages: [USER, { ...ASSISTANT, reasoning: '<think>2+2</think>' }] }),
    line({ messages: [USER, { role: 'assistant', content: '<think>2 plus 2 is' }] }),
    line({ messages: [USER, { role: 'assistant', content: '2 plus 2 is 4.</think>4' }] }),
    line({ messages: [USER, ASSISTANT, { role: 'user', content: 'thanks' }] }),
    line({ messages: [{ role: 'system', content: 'A' }, USER, ASSISTANT] }),
    line({ messages: [{ role: 'system', content: 'B' }, USER, ASSISTANT] }),
  ];

  it('reports missing, empty, leaking and cut-off reasoning as warnings, and they do not change ok', async () => {
    const report = await checkFile(file(reasoningLines.join('\n')), {
      backend: 'together',
      expectReasoning: true,
      workers: 0,
    });
    expect(report.ok).toBe(true);
    expect(warningCodes(report)).toEqual([
      [1, 'missing-reasoning'],
      [2, 'empty-reasoning'],
      [2, 'missing-reasoning'],
      [3, 'think-tag-in-content'],
      [4, 'think-tag-in-reasoning'],
      [5, 'unclosed-think'],
      [5, 'missing-reasoning'],
      [6, 'stray-think-close'],
      [6, 'missing-reasoning'],
      [7, 'last-not-assistant'],
      [0, 'mixed-system-prompts'],
    ]);
    expect(report.stats.distinctSystemPrompts).toBe(2);
    expect(report.warnings.at(-1)?.message).toMatch(/^2 distinct system prompts/);
  });

  it('finds think tags behind JSON escapes, and only whole tags', async () => {
    const escaped = [
      '{"messages": [{"role": "user", "content": "q"}, {"role": "assistant", "content": "4", "reasoning": "a \\u003cthink\\u003e b"}]}',
      '{"messages": [{"role": "user", "content": "q"}, {"role": "assistant", "content": "4<\\/think>", "reasoning": "r"}]}',
      '{"messages": [{"role": "user", "content": "q"}, {"role": "assistant", "content": "\\u003Cthink>x\\u003c/think>4"}]}',
      '{"messages": [{"role": "user", "content": "q"}, {"role": "assistant", "content": "a < b > c think> <thin k>"}]}',
    ];
    for (const chunkSize of [1, 1 << 20]) {
      const report = await checkFile(file(escaped.join('\n')), {
        backend: 'together',
        expectReasoning: true,
        workers: 0,
        chunkSize,
      });
      expect(warningCodes(report)).toEqual([
        [1, 'think-tag-in-reasoning'],
        [2, 'think-tag-in-content'],
        [4, 'missing-reasoning'],
      ]);
    }
  });

  it("lints a student family's own inline markers instead of <think>", async () => {
    const markers = { open: '[THINK]', close: '[/THINK]' };
    const lines = [
      line({ messages: [USER, { role: 'assistant', content: '[THINK]\n2 plus 2 is 4.\n[/THINK]\n\n4' }] }),
      line({ messages: [USER, { role: 'assistant', content: '<think>\n2 plus 2 is 4.\n</think>\n\n4' }] }),
      line({ messages: [USER, { role: 'assistant', content: '[THINK]2 plus 2 is' }] }),
      line({ messages: [USER, { role: 'assistant', content: '2 plus 2 is 4.[/THINK]4' }] }),
      line({ messages: [USER, { role: 'assistant', content: '[THINK] \n [/THINK]4' }] }),
      line({ messages: [USER, { role: 'assistant', content: '[THINK]a[THINK]b[/THINK]c[/THINK]4' }] }),
      line({ messages: [USER, { role: 'assistant', content: '[/THINK]4[THINK]late[/THINK]' }] }),
      line({ messages: [USER, { ...ASSISTANT, reasoning: '[THINK]2+2[/THINK]' }] }),
      line({ messages: [USER, { ...ASSISTANT, content: '[THINK]x[/THINK]4' }] }),
    ];
    const report = await checkFile(file(lines.join('\n')), {
      backend: 'together',
      expectReasoning: true,
      inlineReasoning: markers,
      workers: 0,
    });
    expect(warningCodes(report)).toEqual([
      [2, 'missing-reasoning'],
      [3, 'unclosed-think'],
      [3, 'missing-reasoning'],
      [4, 'stray-think-close'],
      [4, 'missing-reasoning'],
      [5, 'empty-reasoning'],
      [5, 'missing-reasoning'],
      [6, 'nested-think'],
      [7, 'stray-think-close'],
      [7, 'missing-reasoning'],
      [8, 'think-tag-in-reasoning'],
      [9, 'think-tag-in-content'],
    ]);
    expect(report.stats.withReasoning).toBe(4);
    const message = (n: number) => report.warnings.find((w) => w.line === n)?.message;
    expect(message(2)).toContain('no [THINK] block');
    expect(message(3)).toBe(
      'The content of the final assistant message on line 3 opens [THINK] but never closes it: the reasoning was cut off and there is no answer.',
    );
    expect(message(6)).toContain('opens [THINK] again inside its [THINK] block');
    // The same file under the default markers: the <think> line is the one with reasoning.
    const think = await checkFile(file(lines.slice(0, 2).join('\n')), {
      backend: 'together',
      expectReasoning: true,
      workers: 0,
    });
    expect(warningCodes(think)).toEqual([[1, 'missing-reasoning']]);
  });

  it("lints markers that do not share a first character, and multi-line closes such as Hunyuan's", async () => {
    const seed = { open: '<seed:think>', close: '</seed:think>' };
    const hunyuan = { open: '<think>', close: '</think>\n<answer>' };
    const kimi = { open: '◁think▷', close: '◁/think▷' };
    const gemma = { open: '<|channel>thought', close: '<channel|>' };
    const cases: [typeof seed, string, string][] = [
      [seed, '<seed:think>\nr\n</seed:think>\n\n4', '<think>\nr\n</think>\n\n4'],
      [hunyuan, '<think>\nr\n</think>\n<answer>\n4\n</answer>', '<think>\nr\n</think>\n\n4'],
      [kimi, '◁think▷\nr\n◁/think▷\n\n4', '<think>\nr\n</think>\n\n4'],
      [gemma, '<|channel>thought\nr\n<channel|>4', '<|channel>thought\nr'],
    ];
    for (const [markers, good, bad] of cases) {
      const report = await checkFile(
        file(
          [
            line({ messages: [USER, { role: 'assistant', content: good }] }),
            line({ messages: [USER, { role: 'assistant', content: bad }] }),
          ].join('\n'),
        ),
        { backend: 'together', expectReasoning: true, inlineReasoning: markers, workers: 0 },
      );
      expect(report.stats.withReasoning, markers.open).toBe(1);
      expect(report.warnings.at(-1)?.line, markers.open).toBe(2);
      expect(report.warnings.at(-1)?.code, markers.open).toBe('missing-reasoning');
    }
  });

  it('sends the markers to worker threads', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 400; i++) {
      const content = i % 3 === 0 ? `<think>\nr${i}\n</think>\n\n4` : `[THINK]\nr${i}\n[/THINK]\n\n4`;
      lines.push(line({ messages: [USER, { role: 'assistant', content }] }));
    }
    const path = file(lines.join('\n'));
    const options = {
      backend: 'together' as const,
      expectReasoning: true,
      inlineReasoning: { open: '[THINK]', close: '[/THINK]' },
      chunkSize: 2048,
    };
    const inline = await checkFile(path, { ...options, workers: 0 });
    const two = await checkFile(path, { ...options, workers: 2 });
    expect(two.stats.workers).toBe(2);
    expect(two.warnings).toEqual(inline.warnings);
    expect(two.stats.withReasoning).toBe(266);
    expect(two.warnings.filter((w) => w.code === 'missing-reasoning')).toHaveLength(134);
  });

  it('refuses blank markers before reading the file', async () => {
    await expect(
      checkFile(file(ok), { backend: 'together', inlineReasoning: { open: ' ', close: '[/THINK]' } }),
    ).rejects.toThrow(/inline reasoning markers must be two non-blank strings/);
  });

  it('without expectReasoning does not ask for reasoning', async () => {
    const report = await checkFile(file(reasoningLines[0] ?? ''), { backend: 'together', workers: 0 });
    expect(report.warnings).toEqual([]);
  });

  it('strict turns every warning into an error', async () => {
    const report = await checkFile(file(reasoningLines.join('\n')), {
      backend: 'together',
      expectReasoning: true,
      strict: true,
      workers: 0,
    });
    expect(report.ok).toBe(false);
    expect(report.warnings).toEqual([]);
    expect(report.errors.map((e) => e.code)).toContain('missing-reasoning');
    expect(report.stats.errors).toBe(11);
  });

  it('reports examples over maxSeqLength with their line and estimated tokens', async () => {
    const long = line({ messages: [USER, { ...ASSISTANT, content: 'word '.repeat(400) }] });
    const report = await checkFile(file([ok, long, ok.replace('2+2', '3+3')].join('\n')), {
      backend: 'together',
      maxSeqLength: 300,
      workers: 0,
    });
    expect(warningCodes(report)).toEqual([[2, 'exceeds-max-seq-length']]);
    expect(report.stats.truncatedExamples).toBe(1);
    expect(report.stats.maxSeqLength).toBe(300);
    expect(report.stats.tokensMax).toBeGreaterThan(300);
  });

  it('takes maxSeqLength from a known model, and skips the size lint for an unknown one', async () => {
    const path = file(`${ok}\n`);
    const known = await checkFile(path, { backend: 'together', model: 'Qwen/Qwen3-8B', workers: 0 });
    expect(known.stats.maxSeqLength).toBe(32768);
    const unknown = await checkFile(path, { backend: 'together', model: 'acme/unknown', workers: 0 });
    expect(unknown.stats.maxSeqLength).toBeUndefined();
  });

  it('reports exact duplicates with the line of the first occurrence', async () => {
    const other = ok.replace('2+2', '3+3');
    const report = await checkFile(file([ok, other, ok, other, ok].join('\n')), {
      backend: 'together',
      workers: 0,
    });
    expect(report.warnings.map((w) => [w.line, w.code, w.message])).toEqual([
      [3, 'duplicate-example', 'Line 3 is an exact duplicate of line 1.'],
      [4, 'duplicate-example', 'Line 4 is an exact duplicate of line 2.'],
      [5, 'duplicate-example', 'Line 5 is an exact duplicate of line 1.'],
    ]);
    expect(report.stats.duplicates).toBe(3);
  });

  it('reports training examples that also appear in the validation file', async () => {
    const a = ok;
    const b = ok.replace('2+2', '3+3');
    const c = ok.replace('2+2', '4+4');
    const validation = file([c, a].join('\n'));
    const report = await checkFile(file([a, b, c].join('\n')), {
      backend: 'together',
      against: validation,
      workers: 0,
    });
    expect(report.warnings.map((w) => [w.line, w.code, w.message])).toEqual([
      [
        1,
        'validation-overlap',
        'Line 1 also appears in the validation file (line 2): the validation loss will be optimistic.',
      ],
      [
        3,
        'validation-overlap',
        'Line 3 also appears in the validation file (line 1): the validation loss will be optimistic.',
      ],
    ]);
    expect(report.stats.overlapWithValidation).toBe(2);
    expect(report.stats.validationSamples).toBe(2);
    await expect(
      checkFile(file(a), { backend: 'together', against: join(dir, 'missing.jsonl') }),
    ).rejects.toThrow(/Validation file not found/);
  });

  it('keeps at most maxFindings findings per kind but counts them all', async () => {
    const report = await checkFile(file('x\n'.repeat(50)), {
      backend: 'together',
      maxFindings: 5,
      workers: 0,
    });
    expect(report.errors).toHaveLength(5);
    expect(report.stats.errors).toBe(50);
    expect(report.ok).toBe(false);
  });

  it('stops with the abort reason', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(checkFile(file(ok), { backend: 'together', signal: controller.signal })).rejects.toThrow(
      'stop',
    );
  });
});

describe('checkFile: chunking and workers', () => {
  const multibyte = line({
    messages: [{ role: 'user', content: 'Combien font 2+2 ? 日本語 😀' }, ASSISTANT],
  });
  const content = [
    ok,
    multibyte,
    '',
    line({ text: 'general' }),
    ok.replace('2+2', '3+3'),
    multibyte,
    `{"messages": [${line(USER)}, ${line({ ...ASSISTANT, weight: 3 })}]}`,
  ];
  const variants: Array<[string, string]> = [
    ['LF', `${content.join('\n')}\n`],
    ['CRLF', `${content.join('\r\n')}\r\n`],
    ['CR', content.join('\r')],
  ];

  it.each(variants)('gives the same report for every chunk size (%s)', async (_, text) => {
    const path = file(text);
    const whole = await checkFile(path, { backend: 'together', workers: 0 });
    expect(codes(whole)).toEqual([
      [3, 'invalid-json'],
      [4, 'mixed-formats'],
      [7, 'weight-not-binary'],
    ]);
    expect(warningCodes(whole)).toEqual([[6, 'duplicate-example']]);
    // Chunk sizes that cut lines, CRLF pairs and multi-byte characters at every possible place.
    for (const chunkSize of [1, 2, 3, 5, 7, 13, 64, 101]) {
      const chunked = await checkFile(path, { backend: 'together', workers: 0, chunkSize });
      expect(chunked).toEqual(whole);
    }
  });

  it('reports invalid UTF-8 at the right line whatever the chunking', async () => {
    const bytes = Buffer.concat([
      Buffer.from(`${multibyte}\r\n${ok}\r\n{"text": "`),
      Buffer.from([0xe6, 0x97]),
      Buffer.from(`"}\r\n${ok}`),
    ]);
    const path = file(bytes);
    for (const chunkSize of [1, 4, 17, 1 << 20]) {
      const report = await checkFile(path, { backend: 'together', workers: 0, chunkSize });
      expect(codes(report)).toEqual([[3, 'invalid-utf8']]);
    }
  });

  it('gives identical reports on 1 and 2 worker threads and on the calling thread', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 3000; i++) {
      if (i % 97 === 0) lines.push('{broken');
      else if (i % 89 === 0) lines.push(ok);
      else
        lines.push(line({ messages: [{ role: 'user', content: `q${i} ${'x'.repeat(i % 50)}` }, ASSISTANT] }));
    }
    const path = file(lines.join('\n'));
    const options = {
      backend: 'together' as const,
      expectReasoning: true,
      maxSeqLength: 30,
      chunkSize: 4096,
    };
    const inline = await checkFile(path, { ...options, workers: 0 });
    const one = await checkFile(path, { ...options, workers: 1 });
    const two = await checkFile(path, { ...options, workers: 2 });
    expect(one.stats.workers).toBe(1);
    expect(two.stats.workers).toBe(2);
    const { workers: _a, ...inlineStats } = inline.stats;
    const { workers: _b, ...oneStats } = one.stats;
    const { workers: _c, ...twoStats } = two.stats;
    expect({ ...one, stats: oneStats }).toEqual({ ...two, stats: twoStats });
    expect({ ...one, stats: oneStats }).toEqual({ ...inline, stats: inlineStats });
    expect(two.stats.lines).toBe(3000);
    expect(two.errors.filter((e) => e.code === 'invalid-json')).toHaveLength(31);
    expect(two.stats.duplicates).toBeGreaterThan(0);
  });
});

describe('checkFile: exact duplicates behind sampled fingerprints', () => {
  // Same length, same sampled windows, one byte different outside them: the fingerprints collide
  // by design (see line-fingerprint.test.ts), so only the byte comparison can tell them apart.
  const base = line({ messages: [{ role: 'user', content: 'x'.repeat(3000) }, ASSISTANT] });
  const gaps = unsampledOffsets(Buffer.byteLength(base));
  const variant = (k: number) => {
    const at = gaps[200 + k * 37] as number;
    expect(base[at]).toBe('x');
    return `${base.slice(0, at)}${String.fromCharCode(0x41 + k)}${base.slice(at + 1)}`;
  };
  const [a, b, c, d] = [variant(0), variant(1), variant(2), variant(3)];

  it('does not report near-duplicates that share a fingerprint', async () => {
    for (const workers of [0, 1, 2]) {
      const report = await checkFile(file([a, b, c, base].join('\n')), {
        backend: 'together',
        workers,
        chunkSize: 4096,
      });
      expect(report.warnings).toEqual([]);
      expect(report.stats.duplicates).toBe(0);
    }
  });

  it('reports every true duplicate within a colliding group, with the right first line', async () => {
    const path = file(`${[a, b, a, c, b, c, d, a, base, base].join('\r\n')}\r\n`);
    const reports = [];
    for (const [workers, chunkSize] of [
      [0, 1 << 20],
      [0, 5000],
      [1, 7000],
      [2, 3000],
    ] as const) {
      const report = await checkFile(path, { backend: 'together', workers, chunkSize });
      expect(report.warnings.map((w) => [w.line, w.message])).toEqual([
        [3, 'Line 3 is an exact duplicate of line 1.'],
        [5, 'Line 5 is an exact duplicate of line 2.'],
        [6, 'Line 6 is an exact duplicate of line 4.'],
        [8, 'Line 8 is an exact duplicate of line 1.'],
        [10, 'Line 10 is an exact duplicate of line 9.'],
      ]);
      const { workers: _, ...stats } = report.stats;
      reports.push({ ...report, stats });
    }
    for (const report of reports) expect(report).toEqual(reports[0]);
  });

  it('reports validation overlap only for byte-identical examples', async () => {
    const validation = file([c, ok, a, b].join('\n'));
    for (const workers of [0, 2]) {
      const report = await checkFile(file([d, a, base, b, ok].join('\n')), {
        backend: 'together',
        against: validation,
        workers,
        chunkSize: 4096,
      });
      expect(report.warnings.map((w) => [w.line, w.code, w.message])).toEqual([
        [
          2,
          'validation-overlap',
          'Line 2 also appears in the validation file (line 3): the validation loss will be optimistic.',
        ],
        [
          4,
          'validation-overlap',
          'Line 4 also appears in the validation file (line 4): the validation loss will be optimistic.',
        ],
        [
          5,
          'validation-overlap',
          'Line 5 also appears in the validation file (line 2): the validation loss will be optimistic.',
        ],
      ]);
    }
  });
});
