import deepseekParsers from '@distillery/parser-deepseek';
import deepseekPackage from '@distillery/parser-deepseek/package.json' with { type: 'json' };
import harmonyParser from '@distillery/parser-harmony';
import harmonyPackage from '@distillery/parser-harmony/package.json' with { type: 'json' };
import markerParsers from '@distillery/parser-markers';
import markersPackage from '@distillery/parser-markers/package.json' with { type: 'json' };
import anthropic from '@distillery/provider-anthropic';
import anthropicPackage from '@distillery/provider-anthropic/package.json' with { type: 'json' };
import openai from '@distillery/provider-openai';
import openaiPackage from '@distillery/provider-openai/package.json' with { type: 'json' };
import together from '@distillery/provider-together';
import togetherPackage from '@distillery/provider-together/package.json' with { type: 'json' };
import type { BuiltinPluginModule } from '@distillery/runtime';

/** What the `distill` command bundles; a config's `plugins` add to these or replace them by id. */
export const builtinPlugins: readonly BuiltinPluginModule[] = [
  { value: markerParsers, packageName: markersPackage.name, version: markersPackage.version },
  { value: harmonyParser, packageName: harmonyPackage.name, version: harmonyPackage.version },
  { value: deepseekParsers, packageName: deepseekPackage.name, version: deepseekPackage.version },
  { value: openai, packageName: openaiPackage.name, version: openaiPackage.version },
  { value: together, packageName: togetherPackage.name, version: togetherPackage.version },
  { value: anthropic, packageName: anthropicPackage.name, version: anthropicPackage.version },
];
