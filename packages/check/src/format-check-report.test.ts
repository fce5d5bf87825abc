import { describe, expect, it } from 'vitest';
import { formatCheckReport } from './format-check-report';

describe('formatCheckReport', () => {
  it('prints the verdict, the first findings with line numbers, a count of the rest and stats', () => {
    const text = formatCheckReport(
      {
        ok: false,
        format: 'conversation',
        samples: 3,
        errors: [
          {
            line: 2,
            code: 'invalid-json',
            message: 'Error parsing json payload. Unexpected format on line 2.',
          },
          { line: 3, code: 'unknown-format', message: 'Could not detect a format\ndict_keys([])' },
        ],
        warnings: [{ line: 0, code: 'mixed-system-prompts', message: '2 distinct system prompts' }],
        stats: {
          errors: 2,
          warnings: 1,
          bytes: 1234,
          lines: 3,
          tokensTotal: 90,
          tokensMax: 40,
          tokensMean: 30,
        },
      },
      { maxErrors: 1 },
    );
    expect(text).toBe(
      [
        'FAILED: 3 samples, format conversation, 2 errors, 1 warning',
        'Errors (2):',
        '  line 2  [invalid-json] Error parsing json payload. Unexpected format on line 2.',
        '  ... and 1 more',
        'Warnings (1):',
        '  file  [mixed-system-prompts] 2 distinct system prompts',
        'Stats: 1,234 bytes, 3 lines, 0 with reasoning, ~90 tokens (max 40, mean 30), 0 duplicates',
      ].join('\n'),
    );
  });
});
