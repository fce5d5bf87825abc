/**
 * `POST /v1/messages` as JSON Schema. Anthropic publishes no OpenAPI file, so this is written from
 * the `@anthropic-ai/sdk` 1.12 types (`MessageCreateParamsBase`, `ThinkingConfigParam`,
 * `OutputConfig`, `Message`) and reference/provider-apis.md §4. Where they differ:
 * - `temperature`, `top_p` and `top_k` are accepted: the API still takes them (without thinking),
 *   although the 1.12 types no longer list them.
 * - Unknown top-level fields are refused, as the API does ("Extra inputs are not permitted").
 * Which models take `thinking: {type: 'adaptive'}` is a rule of the route, not of this schema.
 */

const display = { enum: ['summarized', 'omitted', null] };

const cacheControl = {
  anyOf: [
    { type: 'null' },
    { type: 'object', required: ['type'], properties: { type: { const: 'ephemeral' } } },
  ],
};

const textBlock = {
  type: 'object',
  required: ['type', 'text'],
  properties: {
    type: { const: 'text' },
    text: { type: 'string' },
    cache_control: cacheControl,
    citations: { anyOf: [{ type: 'null' }, { type: 'array' }] },
  },
  additionalProperties: false,
};

/** A block type the mock does not look into: only its `type` is checked. */
const otherBlock = {
  type: 'object',
  required: ['type'],
  properties: {
    type: {
      enum: [
        'image',
        'document',
        'search_result',
        'server_tool_use',
        'web_search_tool_result',
        'container_upload',
      ],
    },
  },
};

const contentBlock = {
  oneOf: [
    textBlock,
    {
      type: 'object',
      required: ['type', 'thinking', 'signature'],
      properties: {
        type: { const: 'thinking' },
        thinking: { type: 'string' },
        signature: { type: 'string' },
      },
      additionalProperties: false,
    },
    {
      type: 'object',
      required: ['type', 'data'],
      properties: { type: { const: 'redacted_thinking' }, data: { type: 'string' } },
      additionalProperties: false,
    },
    {
      type: 'object',
      required: ['type', 'id', 'name', 'input'],
      properties: {
        type: { const: 'tool_use' },
        id: { type: 'string' },
        name: { type: 'string' },
        input: { type: 'object' },
        cache_control: cacheControl,
      },
      additionalProperties: false,
    },
    {
      type: 'object',
      required: ['type', 'tool_use_id'],
      properties: { type: { const: 'tool_result' }, tool_use_id: { type: 'string' } },
    },
    otherBlock,
  ],
};

const message = {
  type: 'object',
  required: ['role', 'content'],
  properties: {
    role: { enum: ['user', 'assistant'] },
    content: { anyOf: [{ type: 'string' }, { type: 'array', items: contentBlock }] },
  },
  additionalProperties: false,
};

const thinking = {
  oneOf: [
    {
      type: 'object',
      required: ['type', 'budget_tokens'],
      properties: { type: { const: 'enabled' }, budget_tokens: { type: 'integer', minimum: 1024 }, display },
      additionalProperties: false,
    },
    {
      type: 'object',
      required: ['type'],
      properties: { type: { const: 'adaptive' }, display },
      additionalProperties: false,
    },
    {
      type: 'object',
      required: ['type'],
      properties: { type: { enum: ['disabled', 'between_tools'] } },
      additionalProperties: false,
    },
  ],
};

const tool = {
  type: 'object',
  required: ['name'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 128 },
    input_schema: { type: 'object' },
    description: { type: 'string' },
    type: { type: 'string' },
  },
};

/** The request body of `POST /v1/messages`. */
export const ANTHROPIC_MESSAGES_REQUEST_SCHEMA = {
  type: 'object',
  required: ['model', 'max_tokens', 'messages'],
  properties: {
    model: { type: 'string', minLength: 1 },
    max_tokens: { type: 'integer', minimum: 1 },
    messages: { type: 'array', items: message },
    system: { anyOf: [{ type: 'string' }, { type: 'array', items: textBlock }] },
    thinking,
    output_config: {
      type: 'object',
      properties: {
        effort: { enum: ['low', 'medium', 'high', 'xhigh', 'max', null] },
        format: {
          anyOf: [
            { type: 'null' },
            {
              type: 'object',
              required: ['type', 'schema'],
              properties: { type: { const: 'json_schema' }, schema: { type: 'object' } },
              additionalProperties: false,
            },
          ],
        },
      },
      additionalProperties: false,
    },
    stream: { type: 'boolean' },
    stop_sequences: { type: 'array', items: { type: 'string' } },
    metadata: {
      type: 'object',
      properties: { user_id: { type: ['string', 'null'] } },
      additionalProperties: false,
    },
    tools: { type: 'array', items: tool },
    tool_choice: {
      type: 'object',
      required: ['type'],
      properties: {
        type: { enum: ['auto', 'any', 'tool', 'none'] },
        name: { type: 'string' },
        disable_parallel_tool_use: { type: 'boolean' },
      },
      additionalProperties: false,
    },
    temperature: { type: 'number', minimum: 0, maximum: 1 },
    top_p: { type: 'number', minimum: 0, maximum: 1 },
    top_k: { type: 'integer', minimum: 0 },
    cache_control: cacheControl,
    container: true,
    diagnostics: true,
    inference_geo: { type: ['string', 'null'] },
    service_tier: { enum: ['auto', 'standard_only'] },
    speed: { enum: ['standard', 'fast', null] },
    user_profile_id: { type: 'string' },
    workspace_id: { type: 'string' },
  },
  additionalProperties: false,
} as const;

/** The JSON body of a non-streamed answer (`Message`). */
export const ANTHROPIC_MESSAGE_RESPONSE_SCHEMA = {
  type: 'object',
  required: ['id', 'type', 'role', 'content', 'model', 'stop_reason', 'stop_sequence', 'usage'],
  properties: {
    id: { type: 'string' },
    type: { const: 'message' },
    role: { const: 'assistant' },
    content: { type: 'array', items: contentBlock },
    model: { type: 'string' },
    stop_reason: {
      enum: ['end_turn', 'max_tokens', 'stop_sequence', 'tool_use', 'pause_turn', 'refusal', null],
    },
    stop_sequence: { type: ['string', 'null'] },
    usage: {
      type: 'object',
      required: ['input_tokens', 'output_tokens'],
      properties: { input_tokens: { type: 'integer' }, output_tokens: { type: 'integer' } },
    },
  },
} as const;
