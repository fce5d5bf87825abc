import { describe, expect, it } from 'vitest';
import { FilterSyntaxError } from './filter-syntax-error';
import { formatFilterExpression } from './format-filter-expression';
import { parseFilterExpression } from './parse-filter-expression';

function syntaxError(expression: string): FilterSyntaxError {
  try {
    parseFilterExpression(expression, { label: '--filter' });
  } catch (error) {
    if (FilterSyntaxError.isInstance(error)) return error;
    throw error;
  }
  throw new Error(`expected "${expression}" not to parse`);
}

describe('parseFilterExpression', () => {
  it('reads every condition, combined with and', () => {
    expect(
      parseFilterExpression(
        'has-reasoning and rating>=4 and tag:verified and not tag:bad and source=synthetic and model=deepseek-ai/DeepSeek-R1',
      ),
    ).toEqual({
      hasReasoning: true,
      minRating: 4,
      tags: ['verified'],
      excludeTags: ['bad'],
      source: 'synthetic',
      model: 'deepseek-ai/DeepSeek-R1',
    });
  });

  it('accepts negation, strict ratings, quoted values, case and spacing variations', () => {
    expect(parseFilterExpression('  NOT has-reasoning   AND rating>3 and text:"train station"  ')).toEqual({
      hasReasoning: false,
      minRating: 4,
      text: 'train station',
    });
    expect(parseFilterExpression('rating=5 and tag=a and tag:b and model:"qwen3:8b \\"q\\""')).toEqual({
      minRating: 5,
      tags: ['a', 'b'],
      model: 'qwen3:8b "q"',
    });
    expect(parseFilterExpression('model=ollama/qwen3:8b')).toEqual({ model: 'ollama/qwen3:8b' });
    expect(parseFilterExpression('rating>0')).toEqual({ minRating: 1 });
    expect(parseFilterExpression('')).toEqual({});
    expect(parseFilterExpression('   ')).toEqual({});
  });

  it('round-trips through formatFilterExpression', () => {
    const filter = {
      hasReasoning: true,
      minRating: 4,
      tags: ['verified', 'has space'],
      excludeTags: ['bad'],
      source: 'import' as const,
      model: 'a/b',
      text: 'say "hi"',
    };
    const text = formatFilterExpression(filter);
    expect(text).toBe(
      'has-reasoning and rating>=4 and tag:verified and tag:"has space" and not tag:bad and source=import and model=a/b and text:"say \\"hi\\""',
    );
    expect(parseFilterExpression(text)).toEqual(filter);
    expect(formatFilterExpression({})).toBe('');
  });

  it.each([
    ['has-reasoning rating>=4', 15, 'expected "and" between conditions, found "rating>=4"'],
    ['has-reasoning and', 18, 'expected a condition, found the end of the filter'],
    ['has-reasoning or tag:x', 15, '"or" is not supported'],
    ['rating>=9', 9, 'rating>=9 is out of range'],
    ['rating<3', 7, 'rating<3 cannot be expressed'],
    ['rating>=four', 9, 'expected a whole number of stars (1 to 5), found "four"'],
    ['rating', 7, 'expected a comparison like rating>=4'],
    ['rating=>4', 7, 'unknown comparison "=>": use >=, > or ='],
    ['tag:ok and source=robot', 19, 'unknown source "robot"'],
    ['tag:ok and colour=red', 12, 'unknown condition "colour=red"'],
    ['tag verified', 4, 'expected "=" or ":" after "tag"'],
    ['tag:', 5, 'expected a tag name'],
    ['not rating>=4', 1, '"not" applies only to has-reasoning and tag:NAME'],
    ['model="open', 7, 'unterminated quoted string'],
    [
      'source=human and source=import',
      18,
      '"source=import" repeats or contradicts the condition at column 1',
    ],
    [
      'has-reasoning and not has-reasoning',
      19,
      '"not has-reasoning" repeats or contradicts the condition at column 1',
    ],
    ['tag:x and not tag:x', 11, 'tag "x" is both required and excluded'],
    ['and tag:x', 1, 'expected a condition before "and"'],
    ['tag:x andtag:y', 7, 'expected "and" between conditions, found "andtag:y"'],
  ])('rejects %j at column %i', (expression, column, reason) => {
    const error = syntaxError(expression);
    expect(error.column).toBe(column);
    expect(error.message).toContain(`at column ${column}: ${reason}`);
    expect(error.location).toBe(`--filter, column ${column}`);
    expect(error.exitCode).toBe(2);
    // The caret sits under the offending column.
    const [, shown, caret] = error.message.split('\n');
    expect(shown).toBe(`  ${expression}`);
    expect(caret).toBe(`  ${' '.repeat(column - 1)}^`);
  });
});
