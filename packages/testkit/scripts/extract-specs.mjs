#!/usr/bin/env node
// Dev script, run by hand when the vendors' specs are updated (never at build, test or run time):
//
//   node packages/testkit/scripts/extract-specs.mjs [SPEC_DIR]
//
// SPEC_DIR (default ../shared/reference/specs beside the repository) holds Together's
// `together-openapi.yaml` and OpenAI's `openai-openapi.json`. For each, the script keeps only the
// operations that the providers call and the mock serves, plus every `$ref` they reach
// (schemas, parameters, responses), drops documentation-only keys (descriptions, examples, code
// samples), and writes the subset as JSON into packages/testkit/specs/. The schemas themselves are
// copied unchanged; the mock's spec validator documents the few places where it reads them leniently.

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../../..');
const specDir = resolve(process.argv[2] ?? join(repo, '../shared/reference/specs'));
const outDir = resolve(here, '../specs');

/** The operations used, per vendor: [method, OpenAPI path]. */
const OPERATIONS = {
  together: [
    ['post', '/chat/completions'],
    ['get', '/models'],
    ['get', '/files'],
    ['get', '/files/{id}'],
    ['delete', '/files/{id}'],
    ['get', '/files/{id}/content'],
    ['post', '/files/upload'],
    ['post', '/fine-tunes'],
    ['get', '/fine-tunes'],
    ['post', '/fine-tunes/estimate-price'],
    ['get', '/fine-tunes/{id}'],
    ['delete', '/fine-tunes/{id}'],
    ['get', '/fine-tunes/{id}/events'],
    ['get', '/fine-tunes/{id}/checkpoints'],
    ['post', '/fine-tunes/{id}/cancel'],
    ['get', '/fine-tunes/{id}/metrics'],
    ['get', '/fine-tunes/models/supported'],
    ['get', '/fine-tunes/models/limits'],
    ['get', '/endpoints'],
    ['post', '/endpoints'],
    ['get', '/endpoints/{endpointId}'],
    ['patch', '/endpoints/{endpointId}'],
    ['delete', '/endpoints/{endpointId}'],
    ['get', '/hardware'],
    ['post', '/batches'],
    ['get', '/batches'],
    ['get', '/batches/{id}'],
    ['post', '/batches/{id}/cancel'],
  ],
  openai: [
    ['post', '/chat/completions'],
    ['get', '/models'],
    ['get', '/files'],
    ['post', '/files'],
    ['get', '/files/{file_id}'],
    ['delete', '/files/{file_id}'],
    ['get', '/files/{file_id}/content'],
    ['post', '/fine_tuning/jobs'],
    ['get', '/fine_tuning/jobs'],
    ['get', '/fine_tuning/jobs/{fine_tuning_job_id}'],
    ['post', '/fine_tuning/jobs/{fine_tuning_job_id}/cancel'],
    ['get', '/fine_tuning/jobs/{fine_tuning_job_id}/events'],
    ['get', '/fine_tuning/jobs/{fine_tuning_job_id}/checkpoints'],
    ['post', '/batches'],
    ['get', '/batches'],
    ['get', '/batches/{batch_id}'],
    ['post', '/batches/{batch_id}/cancel'],
  ],
};

const SOURCES = {
  together: {
    file: 'together-openapi.yaml',
    repository: 'github.com/togethercomputer/openapi',
    path: 'openapi.yaml',
    commit: '090263aa0fde006d9cd958bef52719958079bbc4',
    licence: 'MIT (LICENSE-together)',
  },
  openai: {
    file: 'openai-openapi.json',
    repository: 'github.com/openai/openai-openapi',
    path: 'openapi.json',
    commit: 'f85dbe223d40e1a31cba812ab2d755c7e98a92a3',
    licence: 'MIT (LICENSE-openai)',
  },
};

/** Keys that document and never constrain. */
const DOC_KEYS = new Set([
  'description',
  'summary',
  'example',
  'examples',
  'x-codeSamples',
  'x-oaiMeta',
  'x-oaiTypeLabel',
  'x-oaiExpandable',
  'x-stainless-const',
  'tags',
  'externalDocs',
  'title',
]);

function stripDocs(value, namesSchemas = false) {
  if (Array.isArray(value)) return value.map((v) => stripDocs(v));
  if (typeof value !== 'object' || value === null) return value;
  const out = {};
  for (const [k, v] of Object.entries(value)) {
    // Under `properties` (and the like) the keys are field names, never documentation.
    if (!namesSchemas && DOC_KEYS.has(k)) continue;
    out[k] = stripDocs(v, !namesSchemas && NAMED_SCHEMAS.has(k));
  }
  return out;
}

/** Keys whose value maps names to schemas. */
const NAMED_SCHEMAS = new Set([
  'properties',
  'patternProperties',
  'schemas',
  'responses',
  'parameters',
  'content',
]);

/** Every local `$ref` reachable from `value`, resolved against `doc`, added to `seen`. */
function collectRefs(doc, value, seen) {
  if (Array.isArray(value)) {
    for (const v of value) collectRefs(doc, v, seen);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  for (const [k, v] of Object.entries(value)) {
    if (k === '$ref' && typeof v === 'string' && v.startsWith('#/')) {
      if (seen.has(v)) continue;
      seen.add(v);
      collectRefs(doc, resolvePointer(doc, v), seen);
    } else collectRefs(doc, v, seen);
  }
}

function resolvePointer(doc, ref) {
  let node = doc;
  for (const part of ref.slice(2).split('/')) {
    node = node?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    if (node === undefined) throw new Error(`unresolved $ref ${ref}`);
  }
  return node;
}

function setPointer(target, ref, value) {
  const parts = ref
    .slice(2)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node = target;
  for (const part of parts.slice(0, -1)) node = node[part] ??= {};
  node[parts.at(-1)] = value;
}

function subset(vendor, doc) {
  const out = {
    openapi: doc.openapi,
    info: { title: doc.info?.title, version: doc.info?.version, 'x-distillery-source': SOURCES[vendor] },
    servers: doc.servers,
    paths: {},
    components: {},
  };
  const seen = new Set();
  for (const [method, path] of OPERATIONS[vendor]) {
    const item = doc.paths[path];
    const op = item?.[method];
    if (!op) throw new Error(`${vendor}: no ${method.toUpperCase()} ${path} in the spec`);
    out.paths[path] ??= {};
    if (item.parameters) out.paths[path].parameters = stripDocs(item.parameters);
    const kept = stripDocs(op);
    out.paths[path][method] = kept;
    collectRefs(doc, item.parameters ?? [], seen);
    collectRefs(doc, op, seen);
  }
  for (const ref of [...seen].sort()) setPointer(out, ref, stripDocs(resolvePointer(doc, ref)));
  return out;
}

const together = parse(readFileSync(join(specDir, SOURCES.together.file), 'utf8'));
const openai = JSON.parse(readFileSync(join(specDir, SOURCES.openai.file), 'utf8'));
for (const [vendor, doc] of [
  ['together', together],
  ['openai', openai],
]) {
  const out = subset(vendor, doc);
  const file = join(outDir, `${vendor}-openapi.subset.json`);
  writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  console.log(
    `${file}: ${Object.keys(out.paths).length} paths, ${Object.keys(out.components.schemas ?? {}).length} schemas`,
  );
}
