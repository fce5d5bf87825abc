import type { ChatMessage, ModelCallResultV1, ModelCallV1, ScoreItemV1 } from '@distillery/core';
import { candidateOutput, describeScorerContract } from '@distillery/testkit/vitest';
import { describe, expect, it } from 'vitest';
import scorers, {
  containsScorer,
  exactScorer,
  extractFlexibleNumber,
  extractStrictNumber,
  jsonMatchScorer,
  judgeScorer,
  numericScorer,
  pairwiseScorer,
  regexScorer,
} from './index';

const item = (reference: string | null, structured?: unknown): ScoreItemV1 => ({
  id: 'x',
  input: 'Question?',
  reference: reference === null ? null : { content: reference, ...(structured ? { structured } : {}) },
});

describeScorerContract(exactScorer, {
  cases: [
    {
      name: 'case and spacing are normalised',
      item: item('Paris'),
      output: candidateOutput('  paris \n'),
      expected: { score: { type: 'pass-fail', pass: true } },
    },
    {
      name: 'case sensitive on request',
      item: item('Paris'),
      output: candidateOutput('paris'),
      options: { caseSensitive: true },
      expected: { score: { type: 'pass-fail', pass: false } },
    },
    {
      name: 'ignore patterns (lm-eval style)',
      item: item('1000'),
      output: candidateOutput('$1,000'),
      options: { ignore: ['\\$', ','] },
      expected: { score: { type: 'pass-fail', pass: true } },
    },
    {
      name: 'punctuation dropped on request',
      item: item('18'),
      output: candidateOutput('18.'),
      options: { ignorePunctuation: true },
      expected: { score: { type: 'pass-fail', pass: true } },
    },
    {
      name: 'no reference: skipped',
      item: item(null),
      output: candidateOutput('x'),
      expected: { score: null, skipped: 'no reference' },
    },
  ],
});

describeScorerContract(containsScorer, {
  cases: [
    {
      name: 'reference inside a sentence',
      item: item('Paris'),
      output: candidateOutput('It is PARIS, of course.'),
      expected: { score: { type: 'pass-fail', pass: true } },
    },
    {
      name: 'absent',
      item: item('Paris'),
      output: candidateOutput('Lyon'),
      expected: { score: { type: 'pass-fail', pass: false } },
    },
  ],
});

describeScorerContract(regexScorer, {
  options: { pattern: '^\\d+$' },
  cases: [
    {
      name: 'matches',
      item: item(null),
      output: candidateOutput('42'),
      expected: { score: { type: 'pass-fail', pass: true }, extracted: '42' },
    },
    {
      name: 'does not match',
      item: item(null),
      output: candidateOutput('42 apples'),
      expected: { score: { type: 'pass-fail', pass: false } },
    },
    {
      name: 'must not match',
      item: item(null),
      output: candidateOutput('As an AI'),
      options: { pattern: 'as an ai', flags: 'i', mustMatch: false },
      expected: { score: { type: 'pass-fail', pass: false } },
    },
  ],
});

const pass = { type: 'pass-fail', pass: true } as const;
const fail = { type: 'pass-fail', pass: false } as const;
describeScorerContract(numericScorer, {
  cases: [
    {
      name: 'strict and flexible both find it',
      item: item('18'),
      output: candidateOutput('9 * 2 = 18\n#### 18'),
      expected: { score: pass, parts: { strict: pass, flexible: pass }, extracted: '18' },
    },
    {
      name: 'a bare number: flexible only (a formatting gap)',
      item: item('18'),
      output: candidateOutput('The answer is 18.'),
      expected: { score: pass, parts: { strict: fail, flexible: pass }, extracted: '18.' },
    },
    {
      name: 'strict as the main score',
      item: item('18'),
      output: candidateOutput('The answer is 18.'),
      options: { extract: 'strict' },
      expected: { score: fail, extracted: null },
    },
    {
      name: 'commas, numerically',
      item: item('1000'),
      output: candidateOutput('#### 1,000.00'),
      expected: { score: pass, parts: { strict: pass, flexible: pass } },
    },
    // lm-eval's strict pattern takes digits right after `#### `, so a dollar sign breaks it.
    {
      name: 'a dollar sign: flexible only',
      item: item('1000'),
      output: candidateOutput('#### $1,000'),
      expected: { score: pass, parts: { strict: fail, flexible: pass } },
    },
    {
      name: 'the last number counts, not the first',
      item: item('5'),
      output: candidateOutput('5 apples plus 2 is 7'),
      expected: { score: fail, extracted: '7' },
    },
    {
      name: 'negative numbers',
      item: item('-3'),
      output: candidateOutput('#### -3'),
      expected: { score: pass },
    },
    {
      name: 'a GSM8K reference with its worked solution',
      item: item('16 - 3 - 4 = 9\n#### 9'),
      output: candidateOutput('9'),
      expected: { score: pass },
    },
    {
      name: 'no number in the answer fails',
      item: item('4'),
      output: candidateOutput('four'),
      expected: { score: fail, extracted: null },
    },
    {
      name: 'no number in the reference: skipped',
      item: item('many'),
      output: candidateOutput('4'),
      expected: { score: null, skipped: 'no number in the reference' },
    },
  ],
});

describeScorerContract(jsonMatchScorer, {
  cases: [
    {
      name: 'per field',
      item: item('', { answer: 42, unit: 'apples', steps: [1, 2] }),
      output: candidateOutput('', { structured: { unit: 'apples', answer: 41, steps: [1, 2] } }),
      expected: {
        score: { type: 'number', value: 2 / 3, min: 0, max: 1 },
        parts: { answer: fail, unit: pass, steps: pass },
      },
    },
    {
      name: 'JSON in the text, chosen fields',
      item: item('{"answer": 42, "unit": "apples"}'),
      output: candidateOutput('{"unit": "pears", "answer": 42}'),
      options: { fields: ['answer'] },
      expected: { score: { type: 'number', value: 1, min: 0, max: 1 }, parts: { answer: pass } },
    },
    {
      name: 'not JSON fails every field',
      item: item('{"answer": 42}'),
      output: candidateOutput('42'),
      expected: { score: { type: 'number', value: 0, min: 0, max: 1 }, extracted: null },
    },
  ],
});

/** A scripted judge: passes (or prefers) the answer that equals the reference, explaining why. */
async function scriptedJudge(call: ModelCallV1): Promise<ModelCallResultV1> {
  const user = (call.messages.find((m: ChatMessage) => m.role === 'user')?.content ?? '') as string;
  const reference = /<reference_answer>\n([\s\S]*?)\n<\/reference_answer>/.exec(user)?.[1];
  const between = (tag: string) => new RegExp(`<${tag}>\\n([\\s\\S]*?)\\n</${tag}>`).exec(user)?.[1]?.trim();
  const usage = { inputTokens: 100, outputTokens: 20 };
  if (user.includes('<answer_1>')) {
    const one = between('answer_1') === reference;
    const two = between('answer_2') === reference;
    const winner = one === two ? 'TIE' : one ? '1' : '2';
    return { content: `Compared both.\nWINNER: ${winner}`, reasoning: null, usage, costUsd: 0.001 };
  }
  const ok = between('candidate_answer') === reference;
  if (call.logprobs) {
    return {
      content: `Checked.\nVERDICT: ${ok ? 'PASS' : 'FAIL'}`,
      reasoning: 'thinking',
      usage,
      costUsd: 0.001,
      logprobs: [
        { token: 'Checked', top: [{ token: 'Checked', logprob: 0 }] },
        {
          token: ok ? 'PASS' : 'FAIL',
          top: [
            { token: 'PASS', logprob: Math.log(ok ? 0.8 : 0.3) },
            { token: 'FAIL', logprob: Math.log(ok ? 0.2 : 0.7) },
          ],
        },
      ],
    };
  }
  if (call.messages[0]!.content.toString().includes('1 (poor)')) {
    return { content: `Fine.\nVERDICT: ${ok ? 5 : 2}`, reasoning: null, usage, costUsd: 0.001 };
  }
  return {
    content: `The answer ${ok ? 'matches' : 'differs'}.\nVERDICT: ${ok ? 'PASS' : 'FAIL'}`,
    reasoning: null,
    usage,
    costUsd: 0.001,
  };
}

const judgeOptions = { provider: 'mock', model: 'judge-model' };
describeScorerContract(judgeScorer, {
  options: judgeOptions,
  callModel: scriptedJudge,
  cases: [
    {
      name: 'pass with the judge reasoning kept',
      item: item('4'),
      output: candidateOutput('4'),
      expected: {
        score: pass,
        extracted: 'PASS',
        judge: [{ model: 'judge-model', reasoning: 'The answer matches.\nVERDICT: PASS' }],
      },
    },
    { name: 'fail', item: item('4'), output: candidateOutput('5'), expected: { score: fail } },
    {
      name: 'a 1-5 rating',
      item: item('4'),
      output: candidateOutput('4'),
      options: { ...judgeOptions, scale: '1-5' },
      expected: { score: { type: 'number', value: 5, min: 1, max: 5 } },
    },
    {
      name: 'logprob-weighted',
      item: item('4'),
      output: candidateOutput('5'),
      options: { ...judgeOptions, logprobs: true },
      expected: { score: { type: 'number', min: 0, max: 1 } },
    },
  ],
});

describeScorerContract(pairwiseScorer, {
  options: judgeOptions,
  callModel: scriptedJudge,
  cases: [
    {
      name: 'the right answer wins in both orders',
      item: item('4'),
      output: candidateOutput('4'),
      other: candidateOutput('5'),
      expected: { winner: 'a', orders: { abFirst: 'a', baFirst: 'a' } },
    },
    {
      name: 'two right answers tie',
      item: item('4'),
      output: candidateOutput('4'),
      other: candidateOutput('4'),
      expected: { winner: 'tie' },
    },
  ],
});

describe('built-in scorers', () => {
  it('extract numbers the way lm-eval does for GSM8K', () => {
    expect(extractStrictNumber('so #### 1,234 and 5')).toBe('1,234');
    expect(extractFlexibleNumber('so #### 1,234 and 5')).toBe('5');
    expect(extractFlexibleNumber('costs $12.50.')).toBe('$12.50.');
    expect(extractStrictNumber('the answer is 3')).toBeNull();
  });

  it('weights a logprob verdict by the probabilities of PASS and FAIL', async () => {
    const result = await judgeScorer.score(item('4'), candidateOutput('4'), {
      options: { ...judgeOptions, logprobs: true },
      callModel: scriptedJudge,
    });
    expect(result.score).toEqual({ type: 'number', value: expect.closeTo(0.8, 12), min: 0, max: 1 });
  });

  it('refuse options they cannot use, naming the option', () => {
    expect(() => numericScorer.checkOptions!({ extract: 'loose' })).toThrow(
      /"extract" must be "strict" or "flexible"/,
    );
    expect(() => regexScorer.checkOptions!({})).toThrow(/needs option "pattern"/);
    expect(() => exactScorer.checkOptions!({ ignore: ['('] })).toThrow(
      /"ignore" must be valid regular expressions/,
    );
    expect(() => judgeScorer.checkOptions!({ provider: 'p' })).toThrow(/needs option "model"/);
  });

  it('are exported as one plugin module with unique ids', () => {
    expect(scorers.map((s) => s.id)).toEqual([
      'exact',
      'contains',
      'regex',
      'numeric',
      'json-match',
      'judge',
      'pairwise',
    ]);
  });
});
