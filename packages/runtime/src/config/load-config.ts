import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DistilleryConfig } from '@distillery/core';
import { ConfigError } from '@distillery/core/contracts';
import { findConfigFile } from './find-config-file';
import { formatKeyPath } from './format-key-path';
import { locateKey } from './locate-key';

/**
 * A project need not install @distillery/core to `import { defineConfig }` in its config: when
 * the config's folder cannot resolve it, it gets the copy this runtime uses.
 */
function coreAlias(createJiti: typeof import('jiti').createJiti, file: string): Record<string, string> {
  try {
    createJiti(file).esmResolve('@distillery/core');
    return {};
  } catch {
    return { '@distillery/core': fileURLToPath(import.meta.resolve('@distillery/core')) };
  }
}

export interface LoadedConfig {
  /** Absolute path of the config file, or undefined when running without one. */
  file: string | undefined;
  /** The folder plugins and the data directory are resolved from. */
  dir: string;
  config: DistilleryConfig;
}

/**
 * Loads and validates `distill.config.ts` (or .mts/.js/.mjs) without a build step. With no file
 * given, looks in `cwd` and its parents; with none found, returns the empty default config.
 */
export async function loadConfig(options: { cwd: string; file?: string }): Promise<LoadedConfig> {
  const file = options.file ? path.resolve(options.cwd, options.file) : findConfigFile(options.cwd);
  if (!file) {
    // The schema's defaults, without loading zod: a command run outside a project starts fast.
    const config: DistilleryConfig = {
      plugins: [],
      providers: {},
      models: {},
      tasks: [],
      dataDir: '.distill',
    };
    return { file: undefined, dir: path.resolve(options.cwd), config };
  }
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`Cannot read config file ${file}: ${(error as Error).message}.`, {
      file,
      location: file,
      advice: 'Check the path given with --config, or run `distill init` to create one.',
      cause: error,
    });
  }
  // The TypeScript loader and the zod schema are imported only when there is a config to read.
  const { createJiti } = await import('jiti');
  const { DistilleryConfigSchema } = await import('@distillery/core');
  let exported: unknown;
  try {
    const jiti = createJiti(file, {
      interopDefault: false,
      moduleCache: false,
      fsCache: false,
      alias: coreAlias(createJiti, file),
    });
    const mod = (await jiti.import(file)) as Record<string, unknown>;
    exported = mod.default;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const lineMatch = /:(\d+):\d+/.exec(error instanceof Error ? (error.stack ?? '') : '');
    throw new ConfigError(`Config file ${path.basename(file)} failed to load: ${message.split('\n')[0]}`, {
      file,
      location: lineMatch && error instanceof SyntaxError ? `${file}:${lineMatch[1]}` : file,
      advice: 'Fix the error in the config file; it must `export default defineConfig({...})`.',
      cause: error,
    });
  }
  if (exported === undefined || exported === null || typeof exported !== 'object') {
    throw new ConfigError(`Config file ${path.basename(file)} has no default export object.`, {
      file,
      location: file,
      advice: 'End the file with `export default defineConfig({ ... })`.',
    });
  }
  const parsed = DistilleryConfigSchema.safeParse(exported);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const keyPath = formatKeyPath(issue.path);
    const line = locateKey(source, issue.path);
    const extra =
      parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more problem(s))` : '';
    throw new ConfigError(`Invalid config at \`${keyPath}\`: ${issue.message}${extra}.`, {
      file,
      keyPath,
      location: line ? `${file}:${line}` : file,
      advice: 'Fix that key; `defineConfig` from @distillery/core gives type hints for every key.',
    });
  }
  return { file, dir: path.dirname(file), config: parsed.data };
}
