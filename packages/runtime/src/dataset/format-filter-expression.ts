import type { SampleFilter } from '@distillery/core';

function value(text: string): string {
  return text === '' || /[\s"\\]/.test(text) ? `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"` : text;
}

/**
 * The filter as an expression that `parseFilterExpression` reads back to the same filter;
 * `all samples` for an empty one is left to the caller (this returns '').
 */
export function formatFilterExpression(filter: SampleFilter): string {
  const parts: string[] = [];
  if (filter.hasReasoning !== undefined)
    parts.push(filter.hasReasoning ? 'has-reasoning' : 'not has-reasoning');
  if (filter.minRating !== undefined) parts.push(`rating>=${filter.minRating}`);
  for (const tag of filter.tags ?? []) parts.push(`tag:${value(tag)}`);
  for (const tag of filter.excludeTags ?? []) parts.push(`not tag:${value(tag)}`);
  if (filter.source !== undefined) parts.push(`source=${filter.source}`);
  if (filter.model !== undefined) parts.push(`model=${value(filter.model)}`);
  if (filter.text !== undefined) parts.push(`text:${value(filter.text)}`);
  return parts.join(' and ');
}
