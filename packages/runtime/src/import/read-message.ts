import type { ChatMessage, SampleReasoning } from '@distillery/core';
import type { ConvertOptions } from './import-format';
import { optionalString, requireObject } from './read-fields';
import { RecordError } from './record-error';
import { splitAnswer } from './split-answer';

const ROLES = new Set(['system', 'user', 'assistant']);

/** Message content as text: a string, or OpenAI-style parts that are all `{type: "text"}`. */
function readContent(value: unknown, where: string): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) {
    return value
      .map((part, i) => {
        const p = requireObject(part, `${where} content[${i}]`);
        if (p.type !== 'text' || typeof p.text !== 'string') {
          throw new RecordError(
            `${where} content[${i}] is a ${String(p.type)} part; only text can be imported`,
          );
        }
        return p.text;
      })
      .join('');
  }
  throw new RecordError(`${where} content must be a string or a list of text parts`);
}

/**
 * One chat message of an imported file. Assistant reasoning comes from `reasoning` or
 * `reasoning_content` (the two names providers use), or is split out of inline tags.
 */
export interface ReadMessage {
  message: ChatMessage;
  /** The assistant's reasoning with its origin and truncation, null for none (and for other roles). */
  reasoning: SampleReasoning | null;
}

export function readMessage(value: unknown, where: string, options: ConvertOptions): ReadMessage {
  const message = requireObject(value, where);
  const role = message.role;
  if (typeof role !== 'string' || !ROLES.has(role)) {
    throw new RecordError(`${where} has role ${JSON.stringify(role)}; expected system, user or assistant`);
  }
  const content = readContent(message.content, where);
  if (role !== 'assistant') {
    if (content.trim() === '') throw new RecordError(`${where} (${role}) is empty`);
    return { message: { role: role as ChatMessage['role'], content }, reasoning: null };
  }
  const field =
    optionalString(message, 'reasoning', `${where} `) ??
    optionalString(message, 'reasoning_content', `${where} `);
  const split = splitAnswer(content, field, options, where);
  return {
    message: {
      role: 'assistant',
      content: split.content,
      ...(split.reasoning ? { reasoning: split.reasoning.text } : {}),
    },
    reasoning: split.reasoning,
  };
}
