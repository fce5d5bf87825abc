import { describe, expect, it } from 'vitest';
import { validateTogetherDataset } from './validate-together-dataset';

const lines = (...values: unknown[]): Buffer => Buffer.from(values.map((v) => JSON.stringify(v)).join('\n'));
const check = (content: Buffer) => validateTogetherDataset(content, 'file-1', 'jsonl');

describe('validateTogetherDataset', () => {
  it('reports format and flags: reasoning, tools, parallel calls, weights, images', () => {
    const report = check(
      lines(
        {
          messages: [
            { role: 'system', content: 's' },
            {
              role: 'user',
              content: [{ type: 'image_url', image_url: { url: 'data:image/png;base64,AA' } }],
            },
            {
              role: 'assistant',
              content: null,
              tool_calls: [{ id: '1' }, { id: '2' }],
              reasoning_content: 'r',
              weight: 0,
            },
            { role: 'tool', content: '{}' },
            { role: 'assistant', content: 'done' },
          ],
        },
        {
          messages: [
            { role: 'user', content: 'q' },
            { role: 'assistant', content: 'a' },
          ],
          weight: 1,
        },
      ),
    );
    expect(report).toEqual({
      valid: true,
      dataset_format: 'CONVERSATION',
      dataset_has_message_weights: true,
      dataset_has_parallel_tool_calls: true,
      dataset_has_reasoning: true,
      dataset_has_sample_weights: true,
      dataset_has_tools: true,
      dataset_is_multimodal: true,
      file_id: 'file-1',
      nlines: 2,
    });
  });

  it.each([
    [Buffer.alloc(0), 'File is empty'],
    [Buffer.from([0xff, 0xfe]), 'File is not UTF-8 encoded.'],
    [Buffer.from('{"text": "a"}\n\n'), 'Error parsing json payload. Unexpected format on line 2.'],
    [lines([1]), 'Invalid format on line 1'],
    [lines({ foo: 1 }), 'Could not detect a format for the line 1'],
    [
      lines({ text: 'a' }, { prompt: 'p', completion: 'c' }),
      'Got GENERAL for the first line and INSTRUCTION for the line 2',
    ],
    [lines({ messages: [{ role: 'user', content: 'q' }] }), 'At least one message with the assistant role'],
    [lines({ messages: [{ role: 'robot', content: 'q' }] }), 'Invalid role `robot`'],
    [
      lines({ messages: [{ role: 'assistant', content: 'a', weight: 2 }] }),
      'Weight must be either 0 or 1 on line 1.',
    ],
    [lines({ prompt: 1, completion: 'c' }), 'Invalid value type for "prompt" key on line 1.'],
  ])('rejects %s with INVALID_FORMAT: %s', (content, message) => {
    const report = check(content);
    expect(report).toMatchObject({ valid: false, error_type: 'INVALID_FORMAT', file_id: 'file-1' });
    expect(report.error).toContain(message);
  });

  it('accepts preference data whose input has no assistant turn, and leaves parquet unchecked', () => {
    const preference = {
      input: { messages: [{ role: 'user', content: 'q' }] },
      preferred_output: [{ role: 'assistant', content: 'good' }],
      non_preferred_output: [{ role: 'assistant', content: 'bad' }],
    };
    expect(check(lines(preference))).toMatchObject({ valid: true, dataset_format: 'PREFERENCE_OPENAI' });
    expect(validateTogetherDataset(Buffer.from('PAR1'), 'file-2', 'parquet')).toEqual({
      valid: true,
      file_id: 'file-2',
    });
  });
});
