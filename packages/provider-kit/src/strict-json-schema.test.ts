import { describe, expect, it } from 'vitest';
import { apiName, toStrictJsonSchema } from './strict-json-schema';

describe('toStrictJsonSchema', () => {
  it('closes every object and stays strict when all keys are required', () => {
    const { schema, strict } = toStrictJsonSchema({
      type: 'object',
      properties: {
        steps: {
          type: 'array',
          items: { type: 'object', properties: { n: { type: 'number' } }, required: ['n'] },
        },
      },
      required: ['steps'],
    });
    expect(strict).toBe(true);
    expect(schema).toEqual({
      type: 'object',
      additionalProperties: false,
      properties: {
        steps: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            properties: { n: { type: 'number' } },
            required: ['n'],
          },
        },
      },
      required: ['steps'],
    });
  });
  it('is not strict when a key is optional or extra keys are allowed, and never rewrites enums', () => {
    expect(toStrictJsonSchema({ type: 'object', properties: { a: { type: 'string' } } }).strict).toBe(false);
    expect(toStrictJsonSchema({ type: 'object', additionalProperties: true }).strict).toBe(false);
    const enumSchema = { type: 'object', properties: { k: { enum: [{ type: 'object' }] } }, required: ['k'] };
    expect(toStrictJsonSchema(enumSchema).schema.properties).toEqual(enumSchema.properties);
  });
  it('makes API-safe names', () => {
    expect(apiName('final answer!')).toBe('final_answer_');
    expect(apiName(undefined)).toBe('output');
  });
});
