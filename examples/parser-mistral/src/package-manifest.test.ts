import { checkPluginManifest } from '@distillery/core';
import { describe, expect, it } from 'vitest';
import packageJson from '../package.json' with { type: 'json' };
import { mistralParser } from './index';

// A host lists and chooses this parser from the manifest without importing the package, so it
// must say exactly what the parser says.
describe('package.json manifest of @acme/distillery-parser-mistral', () => {
  it('declares its parser with its id, description, markers and model patterns', () => {
    const manifests = packageJson.distillery.plugins.map((m) => checkPluginManifest(m, packageJson.name));
    expect(manifests).toEqual(
      [mistralParser].map((p) => ({
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
