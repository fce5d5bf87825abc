import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, PluginError } from '@distillery/core';
import { describe, expect, it } from 'vitest';
import { createContext } from '../context/runtime-context';
import { openSession } from '../session';

const PARSER_SOURCE = `
export default {
  specificationVersion: 'v1',
  kind: 'reasoning-parser',
  id: 'pipe',
  create: () => ({ state: 'content', push: (c) => [{ type: 'content-delta', text: c }], finish: () => [] }),
};`;

const PROVIDER_FACTORY_SOURCE = `
export default function provider(options = {}) {
  return {
    specificationVersion: 'v1',
    kind: 'model-provider',
    id: options.id ?? 'echo',
    description: 'key ' + (options.apiKey ? 'set' : 'unset') + ' base ' + (options.baseURL ?? 'default'),
    chat: async () => { throw new Error('not used'); },
    stream: async function* () {},
  };
}`;

async function projectWith(
  config: string,
  packages: Record<string, { version: string; source: string; distillery?: unknown }>,
) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'distill-plugins-'));
  for (const [name, pkg] of Object.entries(packages)) {
    const pkgDir = path.join(dir, 'node_modules', ...name.split('/'));
    await mkdir(pkgDir, { recursive: true });
    await writeFile(
      path.join(pkgDir, 'package.json'),
      JSON.stringify({
        name,
        version: pkg.version,
        type: 'module',
        exports: { '.': { import: './index.js' } },
        ...(pkg.distillery ? { distillery: pkg.distillery } : {}),
      }),
    );
    await writeFile(path.join(pkgDir, 'index.js'), pkg.source);
  }
  await writeFile(path.join(dir, 'distill.config.mjs'), config);
  return dir;
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

describe('plugin loading', () => {
  it('loads plugins by package name from the config folder, with package and version', async () => {
    const dir = await projectWith(`export default { plugins: ['@acme/pipe-parser'] };`, {
      '@acme/pipe-parser': { version: '1.2.3', source: PARSER_SOURCE },
    });
    const session = await openSession(createContext({ cwd: dir, env: {} }));
    const record = session.plugins.record('reasoning-parser', 'pipe');
    expect(record).toMatchObject({ id: 'pipe', packageName: '@acme/pipe-parser', version: '1.2.3' });
    expect(
      session.plugins
        .list('call-flow')
        .map((r) => r.id)
        .sort(),
    ).toEqual(['cot', 'reasoning', 'single']);
  });

  it('configures provider entries through the provider factory, keys from the named env variable', async () => {
    const dir = await projectWith(
      `export default {
        plugins: ['echo-provider'],
        providers: { deepseek: { plugin: 'echo', baseURL: 'https://api.deepseek.com', apiKeyEnv: 'DEEPSEEK_API_KEY' } },
      };`,
      { 'echo-provider': { version: '0.0.1', source: PROVIDER_FACTORY_SOURCE } },
    );
    const session = await openSession(createContext({ cwd: dir, env: { DEEPSEEK_API_KEY: 'sk-test' } }));
    expect((await session.plugins.provider('deepseek')).description).toBe(
      'key set base https://api.deepseek.com',
    );
    expect((await session.plugins.provider('echo')).description).toBe('key unset base default');
  });

  it('knows a package by its manifest and imports it only on first use', async () => {
    const manifest = { kind: 'reasoning-parser', id: 'pipe', specificationVersion: 'v1', markers: ['|'] };
    // Importing this module records it in a global, so the test sees when it happens.
    const source = `globalThis.__pipeImported = (globalThis.__pipeImported ?? 0) + 1;\n${PARSER_SOURCE}`;
    const dir = await projectWith(`export default { plugins: ['@acme/lazy-parser'] };`, {
      '@acme/lazy-parser': { version: '2.0.0', source, distillery: { plugins: [manifest] } },
    });
    const imported = () => (globalThis as { __pipeImported?: number }).__pipeImported ?? 0;
    const before = imported();
    const session = await openSession(createContext({ cwd: dir, env: {} }));
    const record = session.plugins.record('reasoning-parser', 'pipe');
    expect(record).toMatchObject({ packageName: '@acme/lazy-parser', version: '2.0.0', manifest });
    expect(imported()).toBe(before);
    const parser = await session.plugins.parser('pipe');
    expect(parser.create().push('x')).toEqual([{ type: 'content-delta', text: 'x' }]);
    expect(await session.plugins.parser('pipe')).toBe(parser);
    expect(imported()).toBe(before + 1);
  });

  it('refuses a manifest for another contract version before importing anything', async () => {
    const dir = await projectWith(`export default { plugins: ['future-parser'] };`, {
      'future-parser': {
        version: '3.0.0',
        source: 'throw new Error("must not be imported");',
        distillery: { plugins: [{ kind: 'reasoning-parser', id: 'pipe', specificationVersion: 'v9' }] },
      },
    });
    const error = await failure(openSession(createContext({ cwd: dir, env: {} })));
    expect(error.message).toBe(
      'Plugin "pipe" from future-parser declares specificationVersion "v9"; this Distillery supports "v1" for parsers.',
    );
  });

  it('says when a package does not provide what its manifest declares', async () => {
    const dir = await projectWith(`export default { plugins: ['liar'] };`, {
      liar: {
        version: '1.0.0',
        source: PARSER_SOURCE,
        distillery: { plugins: [{ kind: 'reasoning-parser', id: 'other', specificationVersion: 'v1' }] },
      },
    });
    const session = await openSession(createContext({ cwd: dir, env: {} }));
    const error = await failure(session.plugins.parser('other'));
    expect(error.message).toBe(
      'Plugin package liar declares a reasoning-parser "other" in its manifest but does not provide it.',
    );
    expect((error as PluginError).advice).toContain('It provides: reasoning-parser "pipe".');
  });

  it('names a missing package and what to do', async () => {
    const dir = await projectWith(`export default { plugins: ['@acme/nowhere'] };`, {});
    const error = await failure(openSession(createContext({ cwd: dir, env: {} })));
    expect(PluginError.isInstance(error)).toBe(true);
    expect(error.message).toBe(
      `Cannot find plugin package "@acme/nowhere" from ${path.join(dir, 'distill.config.mjs')}.`,
    );
  });

  it('rejects a plugin built for another contract version, naming it', async () => {
    const dir = await projectWith(`export default { plugins: ['old-parser'] };`, {
      'old-parser': { version: '9.0.0', source: PARSER_SOURCE.replace("'v1'", "'v0'") },
    });
    const error = await failure(openSession(createContext({ cwd: dir, env: {} })));
    expect(error.message).toBe(
      'Plugin "pipe" from old-parser declares specificationVersion "v0"; this Distillery supports "v1" for parsers.',
    );
  });

  it('says which providers exist when a provider entry names an unknown plugin', async () => {
    const dir = await projectWith(`export default { providers: { x: { plugin: 'nope' } } };`, {});
    const error = await failure(openSession(createContext({ cwd: dir, env: {} })));
    expect(ConfigError.isInstance(error)).toBe(true);
    expect(error.message).toBe('Provider "x" uses provider plugin "nope", which is not loaded.');
  });

  it('lists known ids for an unknown parser', async () => {
    const dir = await projectWith(`export default { plugins: ['@acme/pipe-parser'] };`, {
      '@acme/pipe-parser': { version: '1.0.0', source: PARSER_SOURCE },
    });
    const session = await openSession(createContext({ cwd: dir, env: {} }));
    const error = await failure(session.plugins.parser('r1'));
    expect(error.message).toBe('Unknown parser "r1".');
    expect((error as PluginError).advice).toContain('Known parsers: pipe.');
  });
});
