import type { CheckReport } from '@distillery/core';
import { describe, expect, it } from 'vitest';
import { resolveJobFiles } from './resolve-job-files';

const report = (ok: boolean): CheckReport => ({
  ok,
  format: 'conversation',
  samples: 1,
  errors: ok ? [] : [{ line: 1, code: 'bad', message: 'bad line' }],
  warnings: [],
  stats: {},
});

function steps(bad: string[] = []) {
  const log: string[] = [];
  return {
    log,
    backend: 'Test',
    check: async (path: string) => {
      log.push(`check ${path}`);
      return report(!bad.includes(path));
    },
    send: async (path: string) => {
      log.push(`send ${path}`);
      return { id: `file-${path.replace(/\W/g, '')}` };
    },
  };
}

describe('resolveJobFiles', () => {
  it('checks every local file before sending any, and passes ids through', async () => {
    const s = steps();
    expect(await resolveJobFiles({ trainingFile: 'a.jsonl', validationFile: 'b.jsonl' }, s)).toEqual({
      trainingFile: 'file-ajsonl',
      validationFile: 'file-bjsonl',
    });
    expect(s.log).toEqual(['check a.jsonl', 'check b.jsonl', 'send a.jsonl', 'send b.jsonl']);
    const ids = steps();
    expect(await resolveJobFiles({ trainingFile: 'file-abc' }, ids)).toEqual({ trainingFile: 'file-abc' });
    expect(ids.log).toEqual([]);
  });
  it('sends nothing when the validation file fails', async () => {
    const s = steps(['b.jsonl']);
    await expect(resolveJobFiles({ trainingFile: 'a.jsonl', validationFile: 'b.jsonl' }, s)).rejects.toThrow(
      "b.jsonl fails Test's checks",
    );
    expect(s.log).toEqual(['check a.jsonl', 'check b.jsonl']);
  });
});
