import { type CheckReport, InputError } from '@distillery/core';
import { describe, expect, it } from 'vitest';
import { assertCheckPassed } from './assert-check-passed';
import { isProviderFileId } from './provider-file-id';

const report = (errors: CheckReport['errors']): CheckReport => ({
  ok: errors.length === 0,
  format: 'conversation',
  samples: 3,
  errors,
  warnings: [],
  stats: {},
});

describe('assertCheckPassed', () => {
  it('passes a clean report', () => {
    expect(() => assertCheckPassed(report([]), 'train.jsonl', 'Together')).not.toThrow();
  });
  it('throws an InputError naming the file, the first findings and where', () => {
    const findings = Array.from({ length: 7 }, (_, i) => ({
      line: i + 2,
      code: 'bad_role',
      message: `role ${i}\nmore`,
    }));
    let error: unknown;
    try {
      assertCheckPassed(report(findings), 'data/train.jsonl', 'Together');
    } catch (e) {
      error = e;
    }
    expect(InputError.isInstance(error)).toBe(true);
    const e = error as InputError;
    expect(e.message).toContain(
      "data/train.jsonl fails Together's checks, so it was not uploaded (7 errors)",
    );
    expect(e.message).toContain('line 2: [bad_role] role 0; line 3');
    expect(e.message).toContain('and 2 more');
    expect(e.message).not.toContain('more\n');
    expect(e.location).toBe('data/train.jsonl:2');
  });
});

describe('isProviderFileId', () => {
  it('tells file ids from paths', () => {
    expect(isProviderFileId('file-3f1c2b7e-aaaa-4bbb-8ccc-123456789abc')).toBe(true);
    expect(isProviderFileId('file-abc123XYZ')).toBe(true);
    expect(isProviderFileId('./file-abc.jsonl')).toBe(false);
    expect(isProviderFileId('data/train.jsonl')).toBe(false);
  });
});
