import type { ChatMessage } from '@distillery/core';
import type { ConvertRecord, ImportedFields } from './import-format';
import { requireArray } from './read-fields';
import { readMessage } from './read-message';
import { RecordError } from './record-error';

/**
 * Splits a conversation into a sample: the last message (an assistant turn) is the output, the
 * user turn right before it is the input, and everything earlier (system prompt, previous turns)
 * is the trace.
 */
export function conversationToFields(
  messages: readonly ChatMessage[],
  final: { message: ChatMessage; reasoning: ImportedFields['reasoning'] },
  where: string,
): ImportedFields {
  const input = messages[messages.length - 1];
  if (input?.role !== 'user') {
    throw new RecordError(`${where}: the turn before the final assistant answer must be a user message`);
  }
  return {
    input: input.content,
    output: { content: final.message.content },
    reasoning: final.reasoning,
    trace: messages.slice(0, -1),
  };
}

/**
 * Chat JSONL (`{"messages": [...]}`, OpenAI and Together conversational format). The last
 * message must be the assistant's answer; its reasoning comes from `reasoning` /
 * `reasoning_content` or from inline `<think>` tags split by the caller's parser.
 */
export const convertChat: ConvertRecord = (record, options) => {
  const raw = requireArray(record.messages, '"messages"');
  if (raw.length < 2)
    throw new RecordError('"messages" needs at least a user message and an assistant answer');
  const read = raw.map((m, i) => readMessage(m, `messages[${i}]`, options));
  const last = read[read.length - 1]!;
  if (last.message.role !== 'assistant') {
    throw new RecordError(
      `the last message is a ${last.message.role} message; expected the assistant's answer`,
    );
  }
  return conversationToFields(
    read.slice(0, -1).map((r) => r.message),
    last,
    `messages[${raw.length - 1}]`,
  );
};
