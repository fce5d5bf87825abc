import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error';
import { DistilleryError } from './distillery-error';
import { InputError } from './input-error';
import { PluginError } from './plugin-error';
import { ProviderError } from './provider-error';
import { UserError } from './user-error';

/** Simulates an error thrown by a second copy of @distillery/core: same marker, different class. */
function foreignCopy(name: string, extra: Record<string, unknown> = {}): Error {
  const error = new Error('from another copy');
  Object.assign(error, {
    [Symbol.for('distillery.error')]: true,
    name,
    advice: undefined,
    exitCode: 1,
    ...extra,
  });
  return error;
}

describe('error classes', () => {
  it('recognise instances across copies of the package, not by instanceof', () => {
    const foreign = foreignCopy('ProviderError', { kind: 'auth' });
    expect(foreign instanceof ProviderError).toBe(false);
    expect(DistilleryError.isInstance(foreign)).toBe(true);
    expect(UserError.isInstance(foreign)).toBe(true);
    expect(ProviderError.isInstance(foreign)).toBe(true);
    expect(PluginError.isInstance(foreign)).toBe(false);
  });

  it('keep stable names, exit codes and advice', () => {
    const config = new ConfigError('bad key', {
      file: 'distill.config.ts',
      keyPath: 'tasks[0].id',
      advice: 'fix it',
    });
    expect(config.name).toBe('ConfigError');
    expect(config.exitCode).toBe(2);
    expect(config.advice).toBe('fix it');
    expect(ConfigError.isInstance(config)).toBe(true);
    expect(InputError.isInstance(config)).toBe(false);
    expect(new InputError('x', { location: 'a.jsonl:3' }).location).toBe('a.jsonl:3');
    expect(new UserError('x').exitCode).toBe(1);
  });

  it('rejects plain errors and non-errors', () => {
    expect(DistilleryError.isInstance(new Error('x'))).toBe(false);
    expect(UserError.isInstance(null)).toBe(false);
    expect(UserError.isInstance('UserError')).toBe(false);
  });

  it('carries provider details for retry decisions', () => {
    const error = new ProviderError('slow down', {
      provider: 'together',
      model: 'm',
      kind: 'rate-limit',
      status: 429,
      retryable: true,
      retryAfterMs: 2000,
    });
    expect([
      error.provider,
      error.model,
      error.kind,
      error.status,
      error.retryable,
      error.retryAfterMs,
    ]).toEqual(['together', 'm', 'rate-limit', 429, true, 2000]);
  });
});
