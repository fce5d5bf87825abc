import { checkPluginManifest } from '@distillery/core';
import { describe, expect, it } from 'vitest';
import packageJson from '../package.json' with { type: 'json' };
import { gptOss } from './index';

// Hosts choose a parser (`--parser auto`) from these manifests without importing the package, so
// they must say exactly what the presets say.
describe('package.json manifest of @distillery/parser-harmony', () => {
  it('declares gpt-oss with its id, description, markers and model patterns', () => {
    const manifests = packageJson.distillery.plugins.map((m) => checkPluginManifest(m, packageJson.name));
    expect(manifests).toEqual(
      [gptOss].map((p) => ({
        kind: 'reasoning-parser',
        id: p.id,
        specificationVersion: 'v1',
        description: p.description,
        markers: p.markers,
        models: p.models,
      })),
    );
  });
});
