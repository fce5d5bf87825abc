import { isDict } from './is-dict';
import { LINE } from './line-placeholder';
import { PyFloat } from './py-float';
import { pythonTypeName } from './python-repr';

export interface SampleFinding {
  code: string;
  message: string;
  severity: 'error' | 'warning';
}

/** Roles of OpenAI's chat fine-tuning format (`FineTuneChatRequestInput`). */
export const OPENAI_ROLES = ['system', 'user', 'assistant', 'tool', 'function'] as const;
/** Top-level keys of a chat fine-tuning example. */
export const OPENAI_TOP_LEVEL_KEYS = ['messages', 'tools', 'parallel_tool_calls', 'functions'] as const;
/** Keys a training message may carry; anything else is rejected by OpenAI's file validation. */
export const OPENAI_MESSAGE_KEYS = [
  'role',
  'content',
  'name',
  'weight',
  'tool_calls',
  'tool_call_id',
  'function_call',
] as const;
const REASONING_KEYS = ['reasoning', 'reasoning_content'];

function checkContentParts(parts: unknown[], role: string): string | null {
  for (const part of parts) {
    if (!isDict(part)) return 'content parts must be objects';
    if (part.type === 'text') {
      if (typeof part.text !== 'string') return 'a `text` content part needs a string `text`';
    } else if (part.type === 'image_url') {
      if (role !== 'user') return 'only user messages may contain images';
      if (!isDict(part.image_url) || typeof part.image_url.url !== 'string') {
        return 'an `image_url` content part needs `image_url.url`';
      }
    } else {
      return `unsupported content part type ${JSON.stringify(part.type)}`;
    }
  }
  return null;
}

/**
 * OpenAI chat fine-tuning rules for one example (what OpenAI's file validation and the OpenAI
 * cookbook's format checker reject). Reports every fault of the example, not only the first.
 */
export function validateOpenAISample(example: Record<string, unknown>): SampleFinding[] {
  const findings: SampleFinding[] = [];
  const error = (code: string, message: string) => findings.push({ code, message, severity: 'error' });
  for (const key of Object.keys(example)) {
    if (!(OPENAI_TOP_LEVEL_KEYS as readonly string[]).includes(key)) {
      findings.push({
        code: 'openai-unknown-key',
        message: `Unknown top-level key "${key}" on line ${LINE}; OpenAI reads only ${OPENAI_TOP_LEVEL_KEYS.join(', ')}.`,
        severity: 'warning',
      });
    }
  }
  const messages = example.messages;
  if (!Array.isArray(messages)) {
    error('messages-not-list', `Line ${LINE} has no \`messages\` list (found ${pythonTypeName(messages)}).`);
    return findings;
  }
  if (messages.length === 0) {
    error('messages-empty', `The \`messages\` list on line ${LINE} is empty.`);
    return findings;
  }
  let hasAssistant = false;
  messages.forEach((message, index) => {
    const at = `message ${index + 1} on line ${LINE}`;
    if (!isDict(message)) {
      error('message-not-dict', `Message ${index + 1} on line ${LINE} is not an object.`);
      return;
    }
    const role = message.role;
    if (!('role' in message)) error('message-missing-field', `Missing \`role\` in ${at}.`);
    else if (typeof role !== 'string' || !(OPENAI_ROLES as readonly string[]).includes(role)) {
      error(
        'invalid-role',
        `Invalid role ${JSON.stringify(role)} in ${at}. Possible roles: ${OPENAI_ROLES.join(', ')}.`,
      );
    }
    const roleName = typeof role === 'string' ? role : '';
    if (roleName === 'assistant') hasAssistant = true;
    for (const key of Object.keys(message)) {
      if (REASONING_KEYS.includes(key)) {
        error(
          'openai-reasoning-field',
          `OpenAI has no reasoning field: \`${key}\` in ${at} is rejected. Put the reasoning into \`content\` (e.g. <think>...</think> before the answer) or export with the final-only strategy.`,
        );
      } else if (!(OPENAI_MESSAGE_KEYS as readonly string[]).includes(key)) {
        error('openai-unknown-message-key', `Unrecognized key \`${key}\` in ${at}.`);
      }
    }
    const callsTools =
      roleName === 'assistant' && (message.tool_calls != null || message.function_call != null);
    const content = message.content;
    if (content === undefined || content === null) {
      if (!callsTools) error('message-missing-field', `Missing \`content\` in ${at}.`);
    } else if (Array.isArray(content)) {
      const problem = checkContentParts(content, roleName);
      if (problem) error('invalid-content-type', `Invalid content in ${at}: ${problem}.`);
    } else if (typeof content !== 'string') {
      error(
        'invalid-content-type',
        `Invalid content in ${at}: expected a string or a list of content parts, found ${pythonTypeName(content)}.`,
      );
    }
    if ('weight' in message) {
      const weight = message.weight;
      if (roleName !== 'assistant') {
        error('weight-not-assistant', `Only assistant messages may carry \`weight\` (${at}).`);
      } else if (
        (weight instanceof PyFloat ? weight.value : weight) !== 0 &&
        (weight instanceof PyFloat ? weight.value : weight) !== 1
      ) {
        error('weight-not-binary', `Weight must be 0 or 1 in ${at}.`);
      }
    }
  });
  if (!hasAssistant) {
    error('missing-assistant', `Line ${LINE} has no assistant message; every example needs at least one.`);
  }
  return findings;
}
