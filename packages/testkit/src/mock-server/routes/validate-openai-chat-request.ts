/** An OpenAI-style request error: message, offending `param`, machine `code`. */
export interface OpenAiValidationError {
  message: string;
  param: string | null;
  code: string | null;
}

const ROLES = ['system', 'assistant', 'user', 'function', 'tool', 'developer'];

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a decimal';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'boolean') return 'a boolean';
  return 'an object';
}

function missing(param: string): OpenAiValidationError {
  return { message: `Missing required parameter: '${param}'.`, param, code: 'missing_required_parameter' };
}

function invalidType(param: string, expected: string, value: unknown): OpenAiValidationError {
  return {
    message: `Invalid type for '${param}': expected ${expected}, but got ${typeName(value)} instead.`,
    param,
    code: 'invalid_type',
  };
}

function numberRange(
  body: Record<string, unknown>,
  key: string,
  min: number,
  max: number,
): OpenAiValidationError | null {
  const value = body[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number') return invalidType(key, 'a decimal', value);
  if (value < min)
    return {
      message: `Invalid '${key}': decimal below minimum value. Expected a value >= ${min}, but got ${value} instead.`,
      param: key,
      code: 'decimal_below_min_value',
    };
  if (value > max)
    return {
      message: `Invalid '${key}': decimal above maximum value. Expected a value <= ${max}, but got ${value} instead.`,
      param: key,
      code: 'decimal_above_max_value',
    };
  return null;
}

/**
 * Checks a chat-completions body the way the OpenAI API does (the subset that matters to clients):
 * `model` and `messages` present, message roles and content types, `tool_call_id` on tool messages,
 * sampling ranges, and `stream_options` only with `stream`. Returns the first error, or null.
 */
export function validateOpenAiChatRequest(body: Record<string, unknown>): OpenAiValidationError | null {
  if (body.model === undefined || body.model === null || body.model === '')
    return { message: 'you must provide a model parameter', param: null, code: null };
  if (typeof body.model !== 'string') return invalidType('model', 'a string', body.model);
  if (body.messages === undefined) return missing('messages');
  if (!Array.isArray(body.messages)) return invalidType('messages', 'an array', body.messages);
  if (body.messages.length === 0)
    return {
      message:
        "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.",
      param: 'messages',
      code: 'empty_array',
    };
  for (const [i, message] of body.messages.entries()) {
    const at = `messages[${i}]`;
    if (typeof message !== 'object' || message === null || Array.isArray(message))
      return invalidType(at, 'an object', message);
    const m = message as Record<string, unknown>;
    if (m.role === undefined) return missing(`${at}.role`);
    if (typeof m.role !== 'string' || !ROLES.includes(m.role))
      return {
        message: `Invalid value: '${String(m.role)}'. Supported values are: 'system', 'assistant', 'user', 'function', 'tool', and 'developer'.`,
        param: `${at}.role`,
        code: 'invalid_value',
      };
    const content = m.content;
    const contentOptional =
      m.role === 'assistant' && (m.tool_calls !== undefined || m.function_call !== undefined);
    if (content === undefined || (content === null && m.role !== 'assistant')) {
      if (!contentOptional && m.role !== 'assistant') return missing(`${at}.content`);
    } else if (content !== null && typeof content !== 'string' && !Array.isArray(content)) {
      return invalidType(`${at}.content`, 'one of a string or array of objects', content);
    }
    if (m.role === 'tool' && typeof m.tool_call_id !== 'string') return missing(`${at}.tool_call_id`);
  }
  if (body.stream !== undefined && body.stream !== null && typeof body.stream !== 'boolean')
    return invalidType('stream', 'a boolean', body.stream);
  if (body.stream_options !== undefined && body.stream_options !== null && body.stream !== true)
    return {
      message: "The 'stream_options' parameter is only allowed when 'stream' is enabled.",
      param: 'stream_options',
      code: null,
    };
  return (
    numberRange(body, 'temperature', 0, 2) ??
    numberRange(body, 'top_p', 0, 1) ??
    numberRange(body, 'presence_penalty', -2, 2) ??
    numberRange(body, 'frequency_penalty', -2, 2)
  );
}

/** OpenAI's reasoning models (o-series, gpt-5), fine-tuned ones included. */
export function isOpenAiReasoningModel(model: string): boolean {
  return /^(ft:)?(o\d|gpt-5)/.test(model) && !/^(ft:)?gpt-5(\.\d+)?-chat/.test(model);
}

function unsupported(param: string, hint = ''): OpenAiValidationError {
  return {
    message: `Unsupported parameter: '${param}' is not supported with this model.${hint}`,
    param,
    code: 'unsupported_parameter',
  };
}

/**
 * The rules OpenAI applies per model, for a request to one of OpenAI's own models: reasoning
 * models refuse `temperature`, `top_p` and `max_tokens` (they take `max_completion_tokens`); the
 * others refuse `reasoning_effort`; no model takes both token limits. Returns the first error, or null.
 */
export function validateOpenAiModelRules(body: Record<string, unknown>): OpenAiValidationError | null {
  const model = String(body.model);
  if (body.max_tokens != null && body.max_completion_tokens != null)
    return {
      message: "Invalid request: 'max_tokens' and 'max_completion_tokens' cannot both be set.",
      param: 'max_tokens',
      code: 'invalid_value',
    };
  if (isOpenAiReasoningModel(model)) {
    if (body.max_tokens != null) return unsupported('max_tokens', " Use 'max_completion_tokens' instead.");
    for (const param of ['temperature', 'top_p'])
      if (body[param] != null && body[param] !== 1) return unsupported(param);
  } else if (body.reasoning_effort != null) {
    return unsupported('reasoning_effort');
  }
  return null;
}
