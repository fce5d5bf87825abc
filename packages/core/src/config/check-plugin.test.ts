import { describe, expect, it } from 'vitest';
import { PluginError } from '../errors/plugin-error';
import { checkPlugin } from './check-plugin';
import { definePlugin } from './define-plugin';

const parser = definePlugin({
  specificationVersion: 'v1',
  kind: 'reasoning-parser',
  id: 'mine',
  create: () => ({ state: 'content', push: () => [], finish: () => [] }),
});

function failure(value: unknown): PluginError {
  try {
    checkPlugin(value, '@acme/plugin');
  } catch (error) {
    if (PluginError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected checkPlugin to throw');
}

describe('checkPlugin', () => {
  it('accepts a well-formed v1 plugin', () => {
    expect(checkPlugin(parser, 'x')).toBe(parser);
  });

  it('names the plugin, the declared version and the supported ones', () => {
    const error = failure({ ...parser, specificationVersion: 'v2' });
    expect(error.message).toBe(
      'Plugin "mine" from @acme/plugin declares specificationVersion "v2"; this Distillery supports "v1" for parsers.',
    );
    expect(error.pluginId).toBe('mine');
    expect(error.advice).toMatch(/upgrade @distillery\/core/);
  });

  it('explains a missing version', () => {
    const { specificationVersion: _, ...rest } = parser;
    expect(failure(rest).message).toContain('declares specificationVersion undefined');
    expect(failure(rest).advice).toContain('specificationVersion: "v1"');
  });

  it('rejects unknown kinds, missing ids and missing methods', () => {
    expect(failure({ ...parser, kind: 'tokenizer' }).message).toContain('declares kind "tokenizer"');
    expect(failure({ ...parser, id: '' }).message).toContain('has no string `id`');
    expect(failure({ specificationVersion: 'v1', kind: 'model-provider', id: 'p', chat() {} }).message).toBe(
      'Plugin "p" from @acme/plugin is a model-provider but lacks `stream()`.',
    );
  });

  it('checks a fine-tune backend has its formats, its provider and the methods of what it claims', () => {
    const backend = {
      specificationVersion: 'v1',
      kind: 'fine-tune-backend',
      id: 'local',
      formats: ['r1'],
      provider: 'vllm',
      check() {},
      create() {},
      get() {},
      events() {},
      cancel() {},
    };
    expect(checkPlugin(backend, 'x')).toBe(backend);
    expect(failure({ ...backend, provider: undefined }).message).toBe(
      'Plugin "local" from @acme/plugin is a fine-tune-backend but lacks `provider` (string).',
    );
    const { check: _, ...noCheck } = backend;
    expect(failure(noCheck).message).toBe(
      'Plugin "local" from @acme/plugin is a fine-tune-backend but lacks `check()`.',
    );
    expect(() => checkPlugin(backend, '@acme/plugin', ['deployments'])).toThrow(
      'Plugin "local" from @acme/plugin is a fine-tune-backend but lacks `deploy()`, `getEndpoint()`.',
    );
    expect(() => checkPlugin(backend, '@acme/plugin', ['batch'])).toThrow(
      'claims capability "batch", which a fine-tune backend cannot have.',
    );
    expect(checkPlugin({ ...backend, upload() {} }, 'x', ['files']).id).toBe('local');
  });

  it('rejects values that are not objects', () => {
    expect(failure('deepseek').message).toBe('Plugin from @acme/plugin is "deepseek", not a plugin object.');
    expect(failure([parser]).message).toContain('is an array');
  });
});
