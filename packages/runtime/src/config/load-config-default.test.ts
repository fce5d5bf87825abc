import os from 'node:os';
import { DistilleryConfigSchema } from '@distillery/core';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './load-config';

describe('loadConfig without a config file', () => {
  it('gives the schema defaults (built without zod, so they must stay equal)', async () => {
    const loaded = await loadConfig({ cwd: os.tmpdir() });
    expect(loaded.file).toBeUndefined();
    expect(loaded.config).toEqual(DistilleryConfigSchema.parse({}));
  });
});
