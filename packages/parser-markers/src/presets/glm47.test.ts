import { parseReasoning } from '@distillery/core';
import { describeReasoningParserContract, expectChunkingInvariant } from '@distillery/testkit/vitest';
import { describe, expect, it } from 'vitest';
import { glm47 } from './glm47';

describeReasoningParserContract(glm47, {
  markers: { start: '<think>', end: '</think>' },
  startsInReasoning: true,
  multipleBlocks: true,
  iterations: 50,
});

describe('glm47', () => {
  const text = 'Natalia sold 48 in April and half as many, 24, in May: 72.</think>She sold **72** clips.';

  it('splits output whose <think> the template opened', () => {
    expect(expectChunkingInvariant(glm47, text).result).toEqual({
      reasoning: 'Natalia sold 48 in April and half as many, 24, in May: 72.',
      content: 'She sold **72** clips.',
      truncated: false,
      hasReasoning: true,
    });
  });

  it('with finish reason stop and no </think>, the model skipped thinking: all of it is the answer', () => {
    const skipped = 'She sold **72** clips.';
    expect(expectChunkingInvariant(glm47, skipped, { finishReason: 'stop' }).result).toEqual({
      reasoning: '',
      content: skipped,
      truncated: false,
      hasReasoning: false,
    });
    expect(parseReasoning(glm47, skipped, { finishReason: 'length' })).toEqual({
      reasoning: skipped,
      content: '',
      truncated: true,
      hasReasoning: true,
    });
  });
});
