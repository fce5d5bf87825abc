import type { SampleInput } from '@distillery/core';
import { sample } from '../../dataset/__fixtures__/make-sample';

/**
 * Four samples of task `math` covering what export must handle: a plain one with a preference
 * pair, a multi-turn one (system message and an earlier turn with reasoning in its trace), a
 * structured answer with reasoning padded by whitespace, and one without reasoning.
 */
export const EXPORT_SAMPLES: readonly SampleInput[] = [
  sample('single', {
    input: 'What is 6*7?',
    output: { content: '42' },
    reasoning: { text: 'Six sevens are 42.', origin: 'model-field' },
    rejected: { content: '48', reasoning: 'Six eights are 48.' },
    tags: ['verified'],
    rating: 5,
  }),
  sample('multi', {
    input: 'What is 1+1?',
    output: { content: '2' },
    reasoning: { text: 'One plus one.', origin: 'parsed-tags' },
    trace: [
      { role: 'system', content: 'An old system prompt.' },
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello!', reasoning: 'Greet back.' },
    ],
  }),
  sample('structured', {
    input: 'Betty has $50 and needs $100. How much more?',
    output: { content: '```json\n{ "answer": 50, "unit": "USD" }\n```', structured: { answer: 50, unit: 'USD' } },
    reasoning: { text: '\n  100 - 50 = 50.  \n', origin: 'cot-turn', truncated: true },
  }),
  sample('bare', { input: 'Capital of France?', output: { content: 'Paris' }, reasoning: null }),
];
