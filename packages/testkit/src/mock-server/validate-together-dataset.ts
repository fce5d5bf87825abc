/** Together's `FileResponse.validation_report`. */
export interface TogetherValidationReport {
  valid: boolean;
  dataset_format?: string;
  dataset_has_message_weights?: boolean;
  dataset_has_parallel_tool_calls?: boolean;
  dataset_has_reasoning?: boolean;
  dataset_has_sample_weights?: boolean;
  dataset_has_tools?: boolean;
  dataset_is_multimodal?: boolean;
  error?: string;
  error_type?: 'INVALID_FORMAT';
  file_id?: string;
  nlines?: number;
}

type Format = 'CONVERSATION' | 'INSTRUCTION' | 'GENERAL' | 'PREFERENCE_OPENAI';

const FORMAT_DOC = 'For more information, see https://docs.together.ai/docs/fine-tuning-data-preparation';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function detectFormat(line: Record<string, unknown>): Format | null {
  if ('input' in line && 'preferred_output' in line && 'non_preferred_output' in line)
    return 'PREFERENCE_OPENAI';
  if ('messages' in line) return 'CONVERSATION';
  if ('prompt' in line && 'completion' in line) return 'INSTRUCTION';
  if ('text' in line) return 'GENERAL';
  return null;
}

interface Flags {
  reasoning: boolean;
  tools: boolean;
  parallel: boolean;
  messageWeights: boolean;
  multimodal: boolean;
}

function checkMessages(messages: unknown, n: number, flags: Flags, needAssistant: boolean): string | null {
  if (!Array.isArray(messages))
    return `Invalid format on line ${n} of the input file. The \`messages\` column must be a list.`;
  if (messages.length === 0)
    return `Invalid format on line ${n} of the input file. The \`messages\` column must not be empty.`;
  let assistant = false;
  for (const message of messages) {
    if (!isRecord(message)) return `Invalid format on line ${n} of the input file. Messages must be objects.`;
    if (!('role' in message)) return `Missing required column \`role\` in message on line ${n}.`;
    const role = message.role;
    if (role !== 'system' && role !== 'user' && role !== 'assistant' && role !== 'tool')
      return `Invalid role \`${String(role)}\` in conversation on line ${n}. Possible roles: system, user, assistant, tool`;
    const toolCalls = message.tool_calls;
    if (!('content' in message) && toolCalls === undefined)
      return `Missing required column \`content\` in message on line ${n}.`;
    if (role === 'assistant') assistant = true;
    if (Array.isArray(toolCalls) && toolCalls.length > 0) flags.tools = true;
    if (Array.isArray(toolCalls) && toolCalls.length > 1) flags.parallel = true;
    if (role === 'tool') flags.tools = true;
    if ('weight' in message) {
      // Python's `weight in {0, 1}`: True and False are 1 and 0 there.
      const weight = typeof message.weight === 'boolean' ? Number(message.weight) : message.weight;
      if (weight !== 0 && weight !== 1) return `Weight must be either 0 or 1 on line ${n}.`;
      flags.messageWeights = true;
    }
    const reasoning = message.reasoning ?? message.reasoning_content;
    if (role === 'assistant' && typeof reasoning === 'string' && reasoning.length > 0) flags.reasoning = true;
    if (Array.isArray(message.content) && message.content.some((c) => isRecord(c) && c.type === 'image_url'))
      flags.multimodal = true;
  }
  if (needAssistant && !assistant)
    return `Invalid format on line ${n} of the input file. At least one message with the assistant role must be present in the example.`;
  return null;
}

/**
 * A basic version of Together's server-side validation of a fine-tune file: JSON lines, one dataset format
 * throughout, well-formed conversations; and the `dataset_has_*` flags. Non-JSONL files pass unchecked.
 */
export function validateTogetherDataset(
  content: Buffer,
  fileId: string,
  fileType: string,
): TogetherValidationReport {
  const fail = (error: string, nlines?: number): TogetherValidationReport => ({
    valid: false,
    error,
    error_type: 'INVALID_FORMAT',
    file_id: fileId,
    ...(nlines !== undefined ? { nlines } : {}),
  });
  if (fileType !== 'jsonl') return { valid: true, file_id: fileId };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return fail('File is not UTF-8 encoded.');
  }
  if (text.length === 0) return fail('File is empty');
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.at(-1) === '') lines.pop();
  const flags: Flags = {
    reasoning: false,
    tools: false,
    parallel: false,
    messageWeights: false,
    multimodal: false,
  };
  let sampleWeights = false;
  let first: Format | null = null;
  for (let i = 0; i < lines.length; i++) {
    const n = i + 1;
    let value: unknown;
    try {
      value = JSON.parse(lines[i]!);
    } catch {
      return fail(`Error parsing json payload. Unexpected format on line ${n}.`, lines.length);
    }
    if (!isRecord(value))
      return fail(
        `Error parsing file. Invalid format on line ${n} of the input file. Datasets must follow text, conversational, or instruction format. ${FORMAT_DOC}`,
        lines.length,
      );
    const format = detectFormat(value);
    if (format === null)
      return fail(
        `Error parsing file. Could not detect a format for the line ${n} with the columns:\n${Object.keys(value).join(', ')}`,
        lines.length,
      );
    if (first === null) first = format;
    else if (format !== first)
      return fail(
        `All samples in the dataset must have the same dataset format. Got ${first} for the first line and ${format} for the line ${n}.`,
        lines.length,
      );
    if ('weight' in value) sampleWeights = true;
    if (Array.isArray(value.tools) && value.tools.length > 0) flags.tools = true;
    let error: string | null = null;
    if (format === 'CONVERSATION') error = checkMessages(value.messages, n, flags, true);
    if (format === 'PREFERENCE_OPENAI')
      error = isRecord(value.input)
        ? checkMessages(value.input.messages, n, flags, false)
        : `The dataset is malformed, the \`input\` field must be a dictionary on line ${n}.`;
    if (format === 'INSTRUCTION' || format === 'GENERAL') {
      for (const key of format === 'GENERAL' ? ['text'] : ['prompt', 'completion']) {
        if (typeof value[key] !== 'string')
          error ??= `Invalid value type for "${key}" key on line ${n}. Expected string. Found ${typeof value[key]}.`;
      }
    }
    if (error) return fail(error, lines.length);
  }
  return {
    valid: true,
    dataset_format: first ?? 'CONVERSATION',
    dataset_has_message_weights: flags.messageWeights,
    dataset_has_parallel_tool_calls: flags.parallel,
    dataset_has_reasoning: flags.reasoning,
    dataset_has_sample_weights: sampleWeights,
    dataset_has_tools: flags.tools,
    dataset_is_multimodal: flags.multimodal,
    file_id: fileId,
    nlines: lines.length,
  };
}
