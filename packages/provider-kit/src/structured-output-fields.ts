import type { StructuredOutputRequest } from '@distillery/core';
import { apiName, toStrictJsonSchema } from './strict-json-schema';

/**
 * The Chat Completions fields for structured output: `response_format` (`json_object` or a
 * `json_schema` made strict where that keeps its meaning) or one forced function tool.
 * `strictTools: false` leaves `strict` off the tool (servers that reject it). `toolChoice:
 * 'required'` forces the one tool with the string form, for APIs whose object form of
 * `tool_choice` is not OpenAI's (Together's spec and SDK type it as a whole tool call).
 */
export function structuredOutputFields(
  structured: StructuredOutputRequest,
  settings: { strictTools: boolean; toolChoice?: 'named' | 'required' },
): Record<string, unknown> {
  const name = apiName(structured.name);
  if (structured.mode === 'json_object') return { response_format: { type: 'json_object' } };
  const { schema, strict } = toStrictJsonSchema(structured.schema ?? { type: 'object' });
  if (structured.mode === 'json_schema')
    return { response_format: { type: 'json_schema', json_schema: { name, schema, strict } } };
  const fn = settings.strictTools ? { name, parameters: schema, strict } : { name, parameters: schema };
  return {
    tools: [{ type: 'function', function: fn }],
    tool_choice: settings.toolChoice === 'required' ? 'required' : { type: 'function', function: { name } },
  };
}

/** What a streamed Chat Completions request adds: usage on a final chunk (else usage reads zero). */
export function streamFields(): Record<string, unknown> {
  return { stream: true, stream_options: { include_usage: true } };
}
