import { candidateOutput, describeScorerContract } from '@distillery/testkit/vitest';
import { describe, expect, it } from 'vitest';
import { editDistance } from './edit-distance';
import { similarity, similarityScorer } from './similarity-scorer';

const item = (reference: string) => ({
  id: 'i1',
  input: 'Name the capital of France.',
  reference: { content: reference },
});

describeScorerContract(similarityScorer, {
  cases: [
    {
      name: 'identical up to case and spaces scores 1',
      item: item('Paris'),
      output: candidateOutput('  paris '),
      expected: { score: { type: 'number', value: 1, min: 0, max: 1 } },
    },
    {
      name: 'a threshold turns the similarity into pass/fail',
      item: item('kitten'),
      output: candidateOutput('sitting'),
      options: { threshold: 0.5 },
      // distance 3 over 7 characters: 4/7 = 0.571 >= 0.5
      expected: { score: { type: 'pass-fail', pass: true }, extracted: '0.571' },
    },
    {
      name: 'no reference is skipped',
      item: { id: 'i2', input: 'x', reference: null },
      output: candidateOutput('anything'),
      expected: { score: null, skipped: 'no reference' },
    },
  ],
});

describe('editDistance and similarity', () => {
  it('gives the textbook distances', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('flaw', 'lawn')).toBe(2);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('café', 'cafe')).toBe(1);
  });

  it('is 1 for equal strings and 0 for nothing in common', () => {
    expect(similarity('', '')).toBe(1);
    expect(similarity('abc', 'xyz')).toBe(0);
    expect(similarity('kitten', 'sitting')).toBeCloseTo(4 / 7, 12);
  });

  it('refuses options it does not know, or out of range', () => {
    expect(() => similarityScorer.checkOptions!({ treshold: 0.5 })).toThrow('no option "treshold"');
    expect(() => similarityScorer.checkOptions!({ threshold: 2 })).toThrow('from 0 to 1');
  });
});
