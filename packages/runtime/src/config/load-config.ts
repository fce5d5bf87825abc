import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DistilleryConfig } from '@distillery/core';
import { ConfigError, InputError } from '@distillery/core/contracts';
import { openInputFile } from '../input-file/open-input-file';
import { assertUniqueNames } from './assert-unique-names';
import { codeFrame } from './code-frame';
import { findConfigFile } from './find-config-file';
import { formatKeyPath } from './format-key-path';
import { lineOf, locateKey } from './locate-key';

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

/**
 * Why a config failed to compile or run, and where: a syntax error or a throw at file:line:column
 * with the line shown; a missing import at the line that imports it.
 */
function loadFailure(error: unknown, file: string, source: string): ConfigError {
  const name = path.basename(file);
  const raw = error instanceof Error ? error.message : String(error);
  const stack = error instanceof Error ? (error.stack ?? '') : '';
  const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const where = new RegExp(`${escaped}:(\\d+):(\\d+)`);
  const syntax = /^\s*(?:ParseError|SyntaxError):\s*/.test(raw) || error instanceof SyntaxError;
  const firstLine = raw
    .split('\n')[0]!
    .replace(/^\s*(?:ParseError|SyntaxError):\s*/, '')
    .trim();
  const said = firstLine.replace(/\s*\(\d+:\d+\)$/, '').replace(/[.\s]*$/, '');
  const pos = where.exec(raw) ?? where.exec(stack);
  let line = pos ? Number(pos[1]) : undefined;
  let column = pos ? Number(pos[2]) : undefined;
  const missing = /Cannot find (?:module|package) ['"]([^'"]+)['"]/.exec(raw);
  // A missing import: the line that imports it (the loader's own position is in compiled code).
  const quoted = missing
    ? new RegExp(`['"]${missing[1]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}['"]`).exec(source)
    : null;
  if (quoted) {
    line = lineOf(source, quoted.index);
    column = undefined;
  }
  const frame = line !== undefined ? codeFrame(source, line, column) : '';
  const message = syntax
    ? `Config file ${name} has a syntax error: ${said}.`
    : missing
      ? `Config file ${name} imports ${missing[1]}, which cannot be found.`
      : `Config file ${name} threw an error while loading: ${said}.`;
  return new ConfigError(frame ? `${message}\n${frame}` : message, {
    file,
    location: line !== undefined ? `${file}:${line}${column !== undefined ? `:${column}` : ''}` : file,
    advice: syntax
      ? 'Fix the syntax there; the file must `export default defineConfig({...})`.'
      : missing
        ? 'Install that package in the project, or fix the import path.'
        : 'Fix the code at that line; the config must evaluate to `defineConfig({...})` without throwing.',
    cause: error,
  });
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
    const opened = await openInputFile(file, file);
    try {
      source = await opened.handle.readFile('utf8');
    } finally {
      await opened.handle.close();
    }
  } catch (error) {
    const plain = InputError.isInstance(error) ? error.message : `Config file ${file} cannot be read.`;
    throw new ConfigError(plain.replace(/^File not found: /, 'Config file not found: '), {
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
    throw loadFailure(error, file, source);
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
    // An unknown key is reported on its parent; point at the key itself.
    const unknownKey = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
    const line = locateKey(source, unknownKey === undefined ? issue.path : [...issue.path, unknownKey]);
    const extra =
      parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more problem(s))` : '';
    const frame = line ? `\n${codeFrame(source, line)}` : '';
    throw new ConfigError(`Invalid config at \`${keyPath}\`: ${issue.message}${extra}.${frame}`, {
      file,
      keyPath,
      location: line ? `${file}:${line}` : file,
      advice: 'Fix that key; `defineConfig` from @distillery/core gives type hints for every key.',
    });
  }
  assertUniqueNames(parsed.data, source, file);
  return { file, dir: path.dirname(file), config: parsed.data };
}
