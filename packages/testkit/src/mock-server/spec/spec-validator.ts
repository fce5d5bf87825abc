import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import openAiDocument from '../../../specs/openai-openapi.subset.json' with { type: 'json' };
import togetherDocument from '../../../specs/together-openapi.subset.json' with { type: 'json' };
import { parseMultipart } from '../parse-multipart';
import {
  ANTHROPIC_MESSAGE_RESPONSE_SCHEMA,
  ANTHROPIC_MESSAGES_REQUEST_SCHEMA,
} from './anthropic-messages-schema';
import { readOpenApiSchema } from './read-openapi-schema';
import type { SpecVendor } from './spec-violation';

type Json = Record<string, unknown>;

/** What one check found: the API's wording of the first problem, and every problem. */
export interface SpecProblem {
  message: string;
  /** The offending field, dotted (`training_method.train_on_inputs`), or null for the whole body. */
  param: string | null;
  problems: string[];
}

interface Operation {
  vendor: SpecVendor;
  method: string;
  /** The spec's path template, e.g. `/fine-tunes/{id}`. */
  template: string;
  pattern: RegExp;
  pointer: string;
  spec: Json;
}

/** A request as the spec checks it. */
export interface SpecRequest {
  method: string;
  /** The path as received, `/v1/...`. */
  path: string;
  query: Record<string, string>;
  contentType: string | undefined;
  rawBody: Buffer;
  /** The body as the mock parsed it (JSON, or text). */
  body: unknown;
}

const DOCUMENTS: Record<'openai' | 'together', Json> = {
  openai: readOpenApiSchema(openAiDocument as Json),
  together: readOpenApiSchema(togetherDocument as Json),
};

/** Vendors whose API refuses unknown top-level body fields (OpenAI: "Unrecognized request argument"). */
const REJECTS_UNKNOWN_FIELDS: ReadonlySet<SpecVendor> = new Set(['openai', 'anthropic']);

function escapePointer(part: string): string {
  return part.replace(/~/g, '~0').replace(/\//g, '~1');
}

function resolvePointer(document: Json, ref: string): unknown {
  let node: unknown = document;
  for (const part of ref.replace(/^#\//, '').split('/')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Json)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node;
}

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks requests (and the mock's own responses) against Together's and OpenAI's OpenAPI specs
 * (the subsets vendored in `packages/testkit/specs/`) and Anthropic's Messages schema. Schemas
 * compile once per process, on first use.
 */
export class SpecValidator {
  readonly #operations: Operation[] = [];
  readonly #ajv = createAjv(false);
  readonly #queryAjv = createAjv(true);
  readonly #compiled = new Map<string, ValidateFunction>();

  constructor() {
    for (const vendor of ['openai', 'together'] as const) {
      const document = DOCUMENTS[vendor];
      this.#ajv.addSchema(document, vendor);
      this.#queryAjv.addSchema(document, vendor);
      for (const [template, item] of Object.entries(document.paths as Record<string, Json>)) {
        for (const [method, spec] of Object.entries(item)) {
          if (method === 'parameters' || !isRecord(spec)) continue;
          this.#operations.push({
            vendor,
            method: method.toUpperCase(),
            template,
            pattern: new RegExp(`^/v1${template.replace(/\{[^}]+\}/g, '[^/]+')}/?$`),
            pointer: `#/paths/${escapePointer(template)}/${method}`,
            spec,
          });
        }
      }
    }
  }

  /** The vendors whose spec describes this method and path. */
  vendorsOf(method: string, path: string): SpecVendor[] {
    if (method === 'POST' && /^\/v1\/messages\/?$/.test(path)) return ['anthropic'];
    return [...new Set(this.#find(method, path).map((o) => o.vendor))];
  }

  /** The operation's name in the vendor's spec (`POST /fine-tunes`), or undefined when it has none. */
  operationName(vendor: SpecVendor, method: string, path: string): string | undefined {
    if (vendor === 'anthropic') return this.vendorsOf(method, path)[0] ? 'POST /v1/messages' : undefined;
    const op = this.#operation(vendor, method, path);
    return op ? `${op.method} ${op.template}` : undefined;
  }

  /**
   * Problems of a request's body, or null when the API would take it. Unknown top-level fields are
   * refused for OpenAI and Anthropic (as their APIs do) unless `rejectUnknownFields` says otherwise.
   */
  checkBody(
    vendor: SpecVendor,
    request: SpecRequest,
    rejectUnknownFields = REJECTS_UNKNOWN_FIELDS.has(vendor),
  ): SpecProblem | null {
    if (vendor === 'anthropic') {
      if (!isRecord(request.body)) return problem('The request body is not valid JSON.', null);
      return this.#run(vendor, 'anthropic:request', ANTHROPIC_MESSAGES_REQUEST_SCHEMA, request.body);
    }
    const op = this.#operation(vendor, request.method, request.path);
    const requestBody = op && resolveRef(DOCUMENTS[vendor], op.spec.requestBody);
    if (!op || !isRecord(requestBody) || !isRecord(requestBody.content)) return null;
    const types = Object.keys(requestBody.content);
    const type = types.find((t) => (request.contentType ?? '').toLowerCase().startsWith(t)) ?? undefined;
    // Together's spec gives `GET /fine-tunes/{id}/metrics` a JSON body that no client sends.
    if (request.rawBody.length === 0 && ['GET', 'HEAD', 'DELETE'].includes(request.method.toUpperCase()))
      return null;
    if (!type) {
      if (request.rawBody.length === 0 && requestBody.required !== true) return null;
      return problem(
        `Expected a body of type ${types.join(' or ')}, got ${request.contentType ?? 'none'}.`,
        null,
      );
    }
    const data = type === 'application/json' ? request.body : formObject(request, type);
    if (type === 'application/json' && !isRecord(data) && !Array.isArray(data))
      return problem('We could not parse the JSON body of your request.', null);
    const pointer = `${op.pointer}/requestBody/content/${escapePointer(type)}/schema`;
    const schemaOwner = isRecord(op.spec.requestBody) && '$ref' in op.spec.requestBody;
    const ref = schemaOwner
      ? `${(op.spec.requestBody as Json).$ref}/content/${escapePointer(type)}/schema`
      : pointer;
    const found = this.#run(vendor, `${vendor}${ref}`, { $ref: `${vendor}${ref}` }, data);
    if (found || !rejectUnknownFields || !isRecord(data)) return found;
    const known = knownFields(DOCUMENTS[vendor], resolvePointer(DOCUMENTS[vendor], ref), new Set());
    const unknown = Object.keys(data).filter((k) => !known.has(k));
    if (unknown.length === 0) return null;
    return {
      message: `Unrecognized request argument supplied: ${unknown.join(', ')}`,
      param: unknown[0] ?? null,
      problems: unknown.map((k) => `${k}: not a field of this request`),
    };
  }

  /** Problems of a request's query string, or null. */
  checkQuery(vendor: SpecVendor, request: SpecRequest): SpecProblem | null {
    if (vendor === 'anthropic') return null;
    const op = this.#operation(vendor, request.method, request.path);
    if (!op) return null;
    const document = DOCUMENTS[vendor];
    const item = resolvePointer(document, `#/paths/${escapePointer(op.template)}`) as Json;
    const params = [
      ...(Array.isArray(item.parameters) ? item.parameters : []),
      ...(Array.isArray(op.spec.parameters) ? op.spec.parameters : []),
    ]
      .map((p) => resolveRef(document, p))
      .filter((p): p is Json => isRecord(p) && p.in === 'query');
    if (params.length === 0) return null;
    const properties: Json = {};
    const required: string[] = [];
    for (const p of params) {
      properties[String(p.name)] = absolute(p.schema ?? {}, vendor);
      if (p.required === true) required.push(String(p.name));
    }
    const key = `${vendor}:query:${op.method} ${op.template}`;
    return this.#run(vendor, key, { type: 'object', properties, required }, { ...request.query }, true);
  }

  /** Problems of a JSON response the mock is about to send, or null (also when the spec has no schema for it). */
  checkResponse(
    vendor: SpecVendor,
    method: string,
    path: string,
    status: number,
    body: unknown,
  ): SpecProblem | null {
    if (vendor === 'anthropic')
      return status === 200 && isRecord(body)
        ? this.#run(vendor, 'anthropic:response', ANTHROPIC_MESSAGE_RESPONSE_SCHEMA, body)
        : null;
    const op = this.#operation(vendor, method, path);
    if (!op || !isRecord(op.spec.responses)) return null;
    const responses = op.spec.responses as Json;
    const code = [String(status), `${String(status)[0]}XX`].find((c) => c in responses);
    if (!code) return null;
    const response = resolveRef(DOCUMENTS[vendor], responses[code]);
    if (!isRecord(response) || !isRecord(response.content)) return null;
    if (!isRecord(response.content['application/json'])) return null;
    const ref =
      isRecord(responses[code]) && typeof (responses[code] as Json).$ref === 'string'
        ? `${(responses[code] as Json).$ref}/content/application~1json/schema`
        : `${op.pointer}/responses/${code}/content/application~1json/schema`;
    return this.#run(vendor, `${vendor}${ref}`, { $ref: `${vendor}${ref}` }, body);
  }

  /**
   * Problems of one server-sent event the mock is about to stream (`data` as sent: a JSON value,
   * or the `[DONE]` sentinel as a string), checked against the operation's `text/event-stream`
   * schema; null when it conforms or the spec has no stream schema. OpenAI's schema is the chunk
   * itself (`CreateChatCompletionStreamResponse`; it does not describe `[DONE]`); Together's
   * describes the whole event (`ChatCompletionStream`: `{data: ChatCompletionChunk}` or
   * `{data: "[DONE]"}`), so its data is checked wrapped as `{data}`.
   */
  checkStreamEvent(
    vendor: SpecVendor,
    method: string,
    path: string,
    status: number,
    data: unknown,
  ): SpecProblem | null {
    if (vendor === 'anthropic') return null;
    const op = this.#operation(vendor, method, path);
    if (!op || !isRecord(op.spec.responses)) return null;
    const responses = op.spec.responses as Json;
    const code = [String(status), `${String(status)[0]}XX`].find((c) => c in responses);
    if (!code || (isRecord(responses[code]) && '$ref' in (responses[code] as Json))) return null;
    const response = responses[code];
    if (!isRecord(response) || !isRecord(response.content)) return null;
    if (!isRecord(response.content['text/event-stream'])) return null;
    const wrapped = vendor === 'together';
    if (!wrapped && typeof data === 'string') return null;
    const ref = `${op.pointer}/responses/${code}/content/text~1event-stream/schema`;
    return this.#run(vendor, `${vendor}${ref}`, { $ref: `${vendor}${ref}` }, wrapped ? { data } : data);
  }

  #find(method: string, path: string): Operation[] {
    const upper = method.toUpperCase();
    return this.#operations.filter((o) => o.method === upper && o.pattern.test(path));
  }

  #operation(vendor: SpecVendor, method: string, path: string): Operation | undefined {
    const matches = this.#find(method, path).filter((o) => o.vendor === vendor);
    // A literal segment beats a parameter (`/fine-tunes/estimate-price` over `/fine-tunes/{id}`).
    return matches.sort((a, b) => countParams(a.template) - countParams(b.template))[0];
  }

  #run(vendor: SpecVendor, key: string, schema: object, data: unknown, query = false): SpecProblem | null {
    let validate = this.#compiled.get(key);
    if (!validate) {
      validate = (query ? this.#queryAjv : this.#ajv).compile(schema);
      this.#compiled.set(key, validate);
    }
    if (validate(data)) return null;
    return describe(vendor, validate.errors ?? []);
  }
}

function countParams(template: string): number {
  return (template.match(/\{/g) ?? []).length;
}

function createAjv(coerce: boolean): Ajv2020 {
  return new Ajv2020({
    strict: false,
    allErrors: true,
    validateFormats: false,
    validateSchema: false,
    verbose: true,
    coerceTypes: coerce,
  });
}

function resolveRef(document: Json, value: unknown): unknown {
  let node = value;
  for (let i = 0; i < 10 && isRecord(node) && typeof node.$ref === 'string'; i++)
    node = resolvePointer(document, node.$ref);
  return node;
}

/** A copy of a schema whose local `$ref`s point into the named document. */
function absolute(schema: unknown, vendor: string): unknown {
  if (Array.isArray(schema)) return schema.map((s) => absolute(s, vendor));
  if (!isRecord(schema)) return schema;
  const out: Json = {};
  for (const [k, v] of Object.entries(schema))
    out[k] =
      k === '$ref' && typeof v === 'string' && v.startsWith('#') ? `${vendor}${v}` : absolute(v, vendor);
  return out;
}

/** The property names a body schema knows, through `$ref`, `allOf`, `anyOf` and `oneOf`. */
function knownFields(document: Json, schema: unknown, seen: Set<unknown>): Set<string> {
  const out = new Set<string>();
  if (!isRecord(schema) || seen.has(schema)) return out;
  seen.add(schema);
  if (typeof schema.$ref === 'string')
    for (const k of knownFields(document, resolvePointer(document, schema.$ref), seen)) out.add(k);
  if (isRecord(schema.properties)) for (const k of Object.keys(schema.properties)) out.add(k);
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    const list = schema[key];
    if (Array.isArray(list)) for (const s of list) for (const k of knownFields(document, s, seen)) out.add(k);
  }
  return out;
}

/** A form body as an object: text fields as strings, file parts as their file name. */
function formObject(request: SpecRequest, type: string): Json {
  const out: Json = {};
  if (type === 'multipart/form-data') {
    for (const part of parseMultipart(request.rawBody, request.contentType) ?? [])
      out[part.name] = part.filename ?? part.data.toString('utf8');
  } else {
    for (const [k, v] of new URLSearchParams(request.rawBody.toString('utf8'))) out[k] = v;
  }
  return out;
}

function problem(message: string, param: string | null): SpecProblem {
  return { message, param, problems: [message] };
}

const COMPOSITE = new Set(['oneOf', 'anyOf', 'allOf', 'if', 'not', '$ref']);
/** Errors that mostly come from the branches of a `oneOf`/`anyOf` that the data plainly is not. */
const BRANCH_MISMATCH = new Set(['const', 'enum', 'type']);

/**
 * The API's wording of ajv's errors, most telling first. Inside a `oneOf`/`anyOf`, a `const` or
 * `enum` error on a direct field (`method`, `type`) marks a branch the data is not: when every
 * branch is marked, that field is the problem (`thinking.type` must be one of the union); when
 * one branch is not, its errors are (the SFT branch's missing `train_on_inputs`, not the DPO
 * branch's `method`). Then a missing or unknown field before a value mismatch, deepest first.
 */
function describe(vendor: SpecVendor, errors: ErrorObject[]): SpecProblem {
  // `type: null` errors come from the `nullable` reading: never the problem worth naming.
  let leaves = errors.filter(
    (e) => !COMPOSITE.has(e.keyword) && !(e.keyword === 'type' && e.params.type === 'null'),
  );
  const merged = new Set<ErrorObject>();
  for (const choice of errors.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf')) {
    const branches = Array.isArray(choice.schema) ? choice.schema.length : 0;
    const depth = choice.instancePath.split('/').length + 1;
    const marks = leaves.filter(
      (e) =>
        (e.keyword === 'const' || e.keyword === 'enum') &&
        e.instancePath.startsWith(`${choice.instancePath}/`) &&
        e.instancePath.split('/').length === depth,
    );
    if (marks.length === 0) continue;
    // Branches mismatched on the same field: when every branch is, that field is the problem.
    const byField = new Map<string, ErrorObject[]>();
    for (const e of marks) byField.set(e.instancePath, [...(byField.get(e.instancePath) ?? []), e]);
    const shared = [...byField.values()].find((list) => list.length >= branches);
    if (shared) {
      marks.splice(0, marks.length, ...shared);
      const allowed = marks.flatMap((e) =>
        e.keyword === 'const' ? [e.params.allowedValue] : (e.params.allowedValues as unknown[]),
      );
      const union: ErrorObject = { ...marks[0]!, keyword: 'enum', params: { allowedValues: allowed } };
      merged.add(union);
      const inside = (e: ErrorObject) =>
        e.instancePath === choice.instancePath || e.instancePath.startsWith(`${choice.instancePath}/`);
      leaves = [union, ...leaves.filter((e) => !inside(e))];
    } else {
      leaves = leaves.filter((e) => merged.has(e) || !marks.includes(e));
    }
  }
  const rank = (e: ErrorObject) =>
    (BRANCH_MISMATCH.has(e.keyword) ? 0 : 1000) + e.instancePath.split('/').length;
  const ordered = (leaves.length > 0 ? leaves : errors)
    .map((e, i) => ({ e, i }))
    .sort((a, b) => rank(b.e) - rank(a.e) || a.i - b.i)
    .map(({ e }) => wording(vendor, e));
  const first = ordered[0] ?? { message: 'Invalid request body.', param: null };
  return { message: first.message, param: first.param, problems: [...new Set(ordered.map((c) => c.line))] };
}

function wording(
  vendor: SpecVendor,
  e: ErrorObject,
): { message: string; param: string | null; line: string } {
  const parts = e.instancePath.split('/').slice(1).map(unescapePointer);
  if (e.keyword === 'required') parts.push(String(e.params.missingProperty));
  if (e.keyword === 'additionalProperties') parts.push(String(e.params.additionalProperty));
  const param =
    parts.length === 0
      ? null
      : vendor === 'openai'
        ? parts.map((p, i) => (/^\d+$/.test(p) ? `[${p}]` : i === 0 ? p : `.${p}`)).join('')
        : parts.join('.');
  const what = detail(e);
  const line = `${param ?? '(body)'}: ${what}`;
  if (vendor === 'openai') {
    if (e.keyword === 'required') return { message: `Missing required parameter: '${param}'.`, param, line };
    if (e.keyword === 'additionalProperties')
      return { message: `Unrecognized request argument supplied: ${param}`, param, line };
    return { message: `Invalid '${param ?? 'body'}': ${what}.`, param, line };
  }
  if (vendor === 'anthropic') {
    if (e.keyword === 'required') return { message: `${param}: Field required`, param, line };
    if (e.keyword === 'additionalProperties')
      return { message: `${param}: Extra inputs are not permitted`, param, line };
  }
  return { message: line, param, line };
}

function detail(e: ErrorObject): string {
  switch (e.keyword) {
    case 'required':
      return 'required';
    case 'additionalProperties':
      return 'not a known field';
    case 'enum':
      return `must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return `must be ${JSON.stringify(e.params.allowedValue)}`;
    default:
      return e.message ?? e.keyword;
  }
}

function unescapePointer(part: string): string {
  return part.replace(/~1/g, '/').replace(/~0/g, '~');
}
