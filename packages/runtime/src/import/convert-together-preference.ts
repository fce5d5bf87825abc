import { conversationToFields } from './convert-chat';
import type { ConvertOptions, ConvertRecord } from './import-format';
import { requireArray, requireObject } from './read-fields';
import { type ReadMessage, readMessage } from './read-message';
import { RecordError } from './record-error';

function readOutput(record: Record<string, unknown>, key: string, options: ConvertOptions): ReadMessage {
  const list = requireArray(record[key], `"${key}"`);
  if (list.length !== 1)
    throw new RecordError(`"${key}" must hold exactly one assistant message, not ${list.length}`);
  const read = readMessage(list[0], `${key}[0]`, options);
  if (read.message.role !== 'assistant') {
    throw new RecordError(`${key}[0] is a ${read.message.role} message; expected an assistant message`);
  }
  return read;
}

/**
 * Together preference JSONL (`{"input": {"messages"}, "preferred_output", "non_preferred_output"}`):
 * the conversation gives input and trace, the preferred output gives the answer and its
 * reasoning, the non-preferred one becomes `rejected`.
 */
export const convertTogetherPreference: ConvertRecord = (record, options) => {
  const input = requireObject(record.input, '"input"');
  const raw = requireArray(input.messages, '"input.messages"');
  if (raw.length === 0) throw new RecordError('"input.messages" is empty');
  const messages = raw.map((m, i) => readMessage(m, `input.messages[${i}]`, options).message);
  const preferred = readOutput(record, 'preferred_output', options);
  const rejected = readOutput(record, 'non_preferred_output', options);
  return {
    ...conversationToFields(messages, preferred, '"preferred_output"'),
    rejected: {
      content: rejected.message.content,
      ...(rejected.reasoning ? { reasoning: rejected.reasoning.text } : {}),
    },
  };
};
