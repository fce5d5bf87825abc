import type { ScoreV1, SingleScorerV1 } from '@distillery/core';

function readFields(options: Readonly<Record<string, unknown>>): string[] | undefined {
  const fields = options.fields;
  if (fields === undefined) return undefined;
  if (
    !Array.isArray(fields) ||
    fields.length === 0 ||
    fields.some((f) => typeof f !== 'string' || f === '')
  ) {
    throw new TypeError(`Scorer "json-match" option "fields" must be a non-empty list of field names.`);
  }
  return fields as string[];
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep equality of JSON values; object key order does not matter. */
function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && jsonEqual(a[k], b[k]));
  }
  return false;
}

/**
 * Compares a structured answer with the reference's, field by field: one pass/fail part per
 * field (the reference's fields, or the `fields` option), and a main score that is the share of
 * fields that match (0..1). An answer that is not a JSON object fails every field.
 */
export const jsonMatchScorer: SingleScorerV1 = {
  specificationVersion: 'v1',
  kind: 'scorer',
  id: 'json-match',
  mode: 'single',
  description:
    'Fields of the structured answer equal the reference, per field; the score is the share matched.',
  optionsHelp: { fields: 'which top-level fields to compare (default: every field of the reference)' },
  checkOptions: (options) => void readFields(options),
  async score(item, output, context) {
    const only = readFields(context.options);
    if (!item.reference) return { score: null, skipped: 'no reference' };
    const reference = item.reference.structured ?? parseJson(item.reference.content);
    if (!isObject(reference)) return { score: null, skipped: 'the reference is not a JSON object' };
    const answer = output.structured ?? parseJson(output.content);
    const fields = only ?? Object.keys(reference);
    if (fields.length === 0) return { score: null, skipped: 'the reference has no fields' };
    const parts: Record<string, ScoreV1> = {};
    let matched = 0;
    for (const field of fields) {
      const pass = isObject(answer) && field in answer && jsonEqual(answer[field], reference[field]);
      if (pass) matched++;
      parts[field] = { type: 'pass-fail', pass };
    }
    return {
      score: { type: 'number', value: matched / fields.length, min: 0, max: 1 },
      ...(isObject(answer) ? {} : { extracted: null }),
      parts,
    };
  },
};
