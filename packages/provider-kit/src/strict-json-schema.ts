import type { JsonSchema } from '@distillery/core';

type Node = Record<string, unknown>;

const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Prepares a schema for strict structured output: every object gets `additionalProperties: false`
 * unless it says otherwise. `strict` is true only when that is all strict mode needs, i.e. every
 * object lists all its properties as required and allows no extra keys; otherwise the schema is
 * sent non-strict rather than silently changing what it means (e.g. making optional keys nullable).
 */
export function toStrictJsonSchema(schema: JsonSchema): { schema: JsonSchema; strict: boolean } {
  let strict = true;
  const visit = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(visit);
    if (!isNode(value)) return value;
    const out: Node = {};
    for (const [key, child] of Object.entries(value)) {
      if (key === 'properties' && isNode(child)) {
        out[key] = Object.fromEntries(Object.entries(child).map(([name, sub]) => [name, visit(sub)]));
      } else if ((key === '$defs' || key === 'definitions') && isNode(child)) {
        out[key] = Object.fromEntries(Object.entries(child).map(([name, sub]) => [name, visit(sub)]));
      } else if (key === 'enum' || key === 'const' || key === 'default' || key === 'examples') {
        out[key] = child;
      } else {
        out[key] = visit(child);
      }
    }
    const isObject =
      out.type === 'object' ||
      (Array.isArray(out.type) && out.type.includes('object')) ||
      isNode(out.properties);
    if (isObject) {
      if (out.additionalProperties === undefined) out.additionalProperties = false;
      if (out.additionalProperties !== false) strict = false;
      const keys = isNode(out.properties) ? Object.keys(out.properties) : [];
      const required = Array.isArray(out.required) ? out.required : [];
      if (keys.some((k) => !required.includes(k))) strict = false;
    }
    return out;
  };
  return { schema: visit(schema) as JsonSchema, strict };
}

/** A schema or tool name the APIs accept: `[a-zA-Z0-9_-]{1,64}`. */
export function apiName(name: string | undefined, fallback = 'output'): string {
  const cleaned = (name ?? '').replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 64);
  return cleaned.length > 0 ? cleaned : fallback;
}
