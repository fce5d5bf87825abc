/**
 * A copy of an OpenAPI document whose schemas a JSON Schema 2020-12 validator reads the way the
 * vendor means them (their SDKs' types agree), where the literal reading would differ:
 *
 * - `nullable: true` (an OpenAPI 3.0 keyword both 3.1 files still use) also accepts `null`.
 * - A `type` beside `oneOf`/`anyOf` is a hint, not a constraint: Together's `train_on_inputs` is
 *   `{type: boolean, oneOf: [boolean, {enum: [auto]}]}`, which read literally refuses the `"auto"`
 *   that its own default, its docs and the `together-ai` SDK's `boolean | 'auto'` allow.
 * - `discriminator` is dropped: the `oneOf` it annotates still decides.
 * - OpenAPI 3.0's boolean `exclusiveMinimum`/`exclusiveMaximum` (OpenAI's `learning_rate_multiplier`
 *   and `beta`: `minimum: 0, exclusiveMinimum: true`) become the 2020-12 numeric form.
 *
 * Everything else (required fields, enums, ranges, `additionalProperties: false`) is kept as written.
 */
export function readOpenApiSchema<T>(document: T): T {
  return normalize(document) as T;
}

function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalize);
  if (typeof value !== 'object' || value === null) return value;
  const node = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const composed = Array.isArray(node.oneOf) || Array.isArray(node.anyOf);
  for (const [key, child] of Object.entries(node)) {
    if (key === 'discriminator' && isRecord(child) && typeof child.propertyName === 'string') continue;
    if (key === 'nullable' && typeof child === 'boolean') continue;
    if (key === 'type' && composed && (typeof child === 'string' || Array.isArray(child))) continue;
    if ((key === 'exclusiveMinimum' || key === 'exclusiveMaximum') && typeof child === 'boolean') continue;
    out[key] = normalize(child);
  }
  for (const [exclusive, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (node[exclusive] === true && typeof node[bound] === 'number') {
      out[exclusive] = node[bound];
      delete out[bound];
    }
  }
  if (node.nullable === true) return { anyOf: [out, { type: 'null' }] };
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
