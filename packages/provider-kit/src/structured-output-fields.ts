import type { StructuredOutputRequest } from '@distillery/core';
import { apiName, toStrictJsonSchema } from './strict-json-schema';

/** `response_format` as OpenAI-compatible Chat Completions APIs spell it (OpenAI, Together, vLLM…). */
export type ResponseFormatWire =
  | { type: 'json_object' }
  | {
      type: 'json_schema';
      json_schema: { name: string; schema: Record<string, unknown>; strict: boolean };
    };

/** One function tool; `strict` only where the server takes it. */
export interface FunctionToolWire {
  type: 'function';
  function: { name: string; parameters: Record<string, unknown>; strict?: boolean };
}

/** `tool_choice` naming the one function (OpenAI's object form). */
export interface NamedToolChoiceWire {
  type: 'function';
  function: { name: string };
}

/**
 * The structured-output fields of a Chat Completions body. `C` is the form of `tool_choice`:
 * OpenAI's named object, or the string `required` for APIs that type the object form differently
 * (Together's spec and SDK type it as a whole tool call). Typed without any SDK, so each provider's
 * body type (built on its SDK's params) takes them as they are.
 */
export interface StructuredOutputWire<C extends NamedToolChoiceWire | 'required'> {
  response_format?: ResponseFormatWire;
  tools?: FunctionToolWire[];
  tool_choice?: C;
}

export interface StructuredOutputSettings {
  /** `false` leaves `strict` off the tool (servers that reject it). */
  strictTools: boolean;
  /** `required` forces the one tool with the string form. Default `named`. */
  toolChoice?: 'named' | 'required';
}

/**
 * The Chat Completions fields for structured output: `response_format` (`json_object` or a
 * `json_schema` made strict where that keeps its meaning) or one forced function tool.
 */
export function structuredOutputFields(
  structured: StructuredOutputRequest,
  settings: StructuredOutputSettings & { toolChoice: 'required' },
): StructuredOutputWire<'required'>;
export function structuredOutputFields(
  structured: StructuredOutputRequest,
  settings: StructuredOutputSettings & { toolChoice?: 'named' },
): StructuredOutputWire<NamedToolChoiceWire>;
export function structuredOutputFields(
  structured: StructuredOutputRequest,
  settings: StructuredOutputSettings,
): StructuredOutputWire<NamedToolChoiceWire | 'required'> {
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
export interface StreamFieldsWire {
  stream: true;
  stream_options: { include_usage: boolean };
}

export function streamFields(): StreamFieldsWire {
  return { stream: true, stream_options: { include_usage: true } };
}
