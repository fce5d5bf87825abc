import { describe, expect, it } from 'vitest';
import { structuredOutputFields } from './structured-output-fields';

const schema = { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] };
const closed = { ...schema, additionalProperties: false };

describe('structuredOutputFields', () => {
  it('builds response_format for json modes', () => {
    expect(structuredOutputFields({ mode: 'json_object' }, { strictTools: true })).toEqual({
      response_format: { type: 'json_object' },
    });
    expect(
      structuredOutputFields({ mode: 'json_schema', schema, name: 'my answer' }, { strictTools: true }),
    ).toEqual({
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'my_answer', schema: closed, strict: true },
      },
    });
  });
  it('forces one tool, with or without strict', () => {
    const tool = structuredOutputFields({ mode: 'tool', schema, name: 'out' }, { strictTools: true });
    expect(tool).toEqual({
      tools: [{ type: 'function', function: { name: 'out', parameters: closed, strict: true } }],
      tool_choice: { type: 'function', function: { name: 'out' } },
    });
    const loose = structuredOutputFields({ mode: 'tool', schema, name: 'out' }, { strictTools: false });
    expect((loose.tools as { function: object }[])[0]?.function).toEqual({ name: 'out', parameters: closed });
  });
});
