import type { SampleFilter } from '@distillery/core';
import { FilterSyntaxError } from './filter-syntax-error';

export interface ParseFilterOptions {
  /** Where the expression came from, for the error location (e.g. `--filter`). Default `filter`. */
  label?: string;
}

const SOURCES = ['synthetic', 'human', 'import'] as const;

interface Scanner {
  text: string;
  pos: number;
}

function isSpace(ch: string | undefined): boolean {
  return ch !== undefined && /\s/.test(ch);
}

function skipSpace(s: Scanner): void {
  while (isSpace(s.text[s.pos])) s.pos++;
}

/** The bare word at the scanner (letters, digits, `-`, `_`): a keyword or a condition name. */
function readWord(s: Scanner): string {
  const start = s.pos;
  while (s.pos < s.text.length && /[A-Za-z0-9_-]/.test(s.text[s.pos]!)) s.pos++;
  return s.text.slice(start, s.pos);
}

/** The rest of the token up to whitespace, for error messages. */
function tokenAt(text: string, pos: number): string {
  let end = pos;
  while (end < text.length && !isSpace(text[end])) end++;
  return text.slice(pos, end);
}

/**
 * Parses the filter expression language of `distill dataset create --filter` into a SampleFilter.
 *
 * ```
 * expression := condition ("and" condition)*
 * condition  := "has-reasoning" | "not has-reasoning"
 *             | "tag:" VALUE | "not tag:" VALUE
 *             | "rating>=" N | "rating>" N | "rating=5"
 *             | "source=" (synthetic | human | import)
 *             | "model=" VALUE
 *             | "text:" VALUE                     (full-text search over input and answer)
 * VALUE      := a run of non-space characters, or "a quoted string" with \" and \\ escapes
 * ```
 *
 * Keywords are case-insensitive; `:` and `=` are interchangeable after tag, source, model and
 * text. Only "and" is supported because the filter is a conjunction (SampleFilter); an empty
 * expression selects every sample. Errors are FilterSyntaxError with the 1-based column of the
 * token at fault.
 */
export function parseFilterExpression(expression: string, options: ParseFilterOptions = {}): SampleFilter {
  const s: Scanner = { text: expression, pos: 0 };
  const fail = (reason: string, pos: number, advice?: string): never => {
    throw new FilterSyntaxError(reason, {
      expression,
      column: pos + 1,
      ...(options.label ? { label: options.label } : {}),
      ...(advice ? { advice } : {}),
    });
  };
  const filter: SampleFilter = {};
  const seen = new Map<string, number>();
  const once = (key: string, pos: number, display: string) => {
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      fail(`${display} repeats or contradicts the condition at column ${earlier + 1}.`, pos);
    }
    seen.set(key, pos);
  };

  const readValue = (what: string): string => {
    const start = s.pos;
    if (s.text[s.pos] === '"') {
      let value = '';
      s.pos++;
      while (s.pos < s.text.length && s.text[s.pos] !== '"') {
        if (s.text[s.pos] === '\\' && s.pos + 1 < s.text.length) s.pos++;
        value += s.text[s.pos];
        s.pos++;
      }
      if (s.pos >= s.text.length) fail('unterminated quoted string.', start);
      s.pos++;
      if (value === '') fail(`empty ${what}.`, start);
      if (s.pos < s.text.length && !isSpace(s.text[s.pos])) {
        fail(`expected a space after the closing quote, found "${tokenAt(s.text, s.pos)}".`, s.pos);
      }
      return value;
    }
    while (s.pos < s.text.length && !isSpace(s.text[s.pos])) s.pos++;
    const value = s.text.slice(start, s.pos);
    if (value === '') fail(`expected a ${what}.`, start);
    return value;
  };

  const expectAssign = (name: string, example: string): void => {
    const ch = s.text[s.pos];
    if (ch === ':' || ch === '=') {
      s.pos++;
      return;
    }
    fail(
      `expected "=" or ":" after "${name}", found ${ch === undefined || isSpace(ch) ? 'a space or the end' : `"${ch}"`}.`,
      s.pos,
      `Write it without spaces, like ${example}.`,
    );
  };

  const condition = (): void => {
    const start = s.pos;
    let word = readWord(s).toLowerCase();
    let negated = false;
    if (word === 'not') {
      negated = true;
      if (!isSpace(s.text[s.pos])) fail('expected a space after "not".', s.pos);
      skipSpace(s);
      word = readWord(s).toLowerCase();
    }
    if (word === '') {
      fail(
        s.pos >= s.text.length
          ? 'expected a condition, found the end of the filter.'
          : `expected a condition, found "${tokenAt(s.text, s.pos)}".`,
        s.pos,
      );
    }
    switch (word) {
      case 'has-reasoning': {
        once('has-reasoning', start, `"${negated ? 'not ' : ''}has-reasoning"`);
        filter.hasReasoning = !negated;
        return;
      }
      case 'tag': {
        expectAssign('tag', 'tag:verified');
        const tag = readValue('tag name');
        const other = negated ? filter.tags : filter.excludeTags;
        if (other?.includes(tag)) fail(`tag "${tag}" is both required and excluded.`, start);
        if (negated) filter.excludeTags = [...new Set([...(filter.excludeTags ?? []), tag])];
        else filter.tags = [...new Set([...(filter.tags ?? []), tag])];
        return;
      }
    }
    if (negated) {
      fail(
        `"not" applies only to has-reasoning and tag:NAME, not to "${tokenAt(s.text, s.pos - word.length)}".`,
        start,
        'Use not has-reasoning or not tag:NAME; ratings, sources and models can only be required.',
      );
    }
    switch (word) {
      case 'rating': {
        const opAt = s.pos;
        const op = /^[<>=!]+/.exec(s.text.slice(s.pos))?.[0];
        if (op === undefined) fail('expected a comparison like rating>=4.', opAt);
        if (!['>=', '>', '=', '<=', '<', '!='].includes(op!)) {
          fail(`unknown comparison "${op}": use >=, > or =.`, opAt);
        }
        s.pos += op!.length;
        const numberAt = s.pos;
        const raw = /^\d+/.exec(s.text.slice(s.pos))?.[0];
        if (
          raw === undefined ||
          (s.pos + raw.length < s.text.length && !isSpace(s.text[s.pos + raw.length]))
        ) {
          fail(`expected a whole number of stars (1 to 5), found "${tokenAt(s.text, numberAt)}".`, numberAt);
        }
        s.pos += raw!.length;
        const n = Number(raw);
        let min: number | undefined;
        if (op === '>=' && n >= 1 && n <= 5) min = n;
        else if (op === '>' && n >= 0 && n <= 4) min = n + 1;
        else if (op === '=' && n === 5) min = 5;
        if (min === undefined) {
          if (op === '>=' || op === '>')
            fail(`rating${op}${n} is out of range: ratings are 1 to 5 stars.`, numberAt);
          fail(
            `rating${op}${n} cannot be expressed: the filter keeps samples rated at least N stars.`,
            opAt,
            'Use rating>=N (or rating>N, or rating=5).',
          );
        }
        once('rating', start, `"rating${op}${n}"`);
        filter.minRating = min!;
        return;
      }
      case 'source': {
        expectAssign('source', 'source=synthetic');
        const valueAt = s.pos;
        const value = readValue('source').toLowerCase();
        if (!(SOURCES as readonly string[]).includes(value)) {
          fail(`unknown source "${value}": use ${SOURCES.join(', ')}.`, valueAt);
        }
        once('source', start, `"source=${value}"`);
        filter.source = value as SampleFilter['source'];
        return;
      }
      case 'model': {
        expectAssign('model', 'model=deepseek-ai/DeepSeek-R1');
        const value = readValue('model name');
        once('model', start, `"model=${value}"`);
        filter.model = value;
        return;
      }
      case 'text': {
        expectAssign('text', 'text:"train station"');
        const value = readValue('search text');
        once('text', start, `text:${JSON.stringify(value)}`);
        filter.text = value;
        return;
      }
      case 'and':
        fail('expected a condition before "and".', start);
        return;
      case 'or':
        fail(
          '"or" is not supported: conditions combine with "and" only.',
          start,
          'Create one dataset per alternative, or tag the samples you want and filter on the tag.',
        );
        return;
      default:
        fail(`unknown condition "${tokenAt(s.text, start)}".`, start);
    }
  };

  skipSpace(s);
  if (s.pos >= s.text.length) return filter;
  condition();
  for (;;) {
    const before = s.pos;
    skipSpace(s);
    if (s.pos >= s.text.length) break;
    if (s.pos === before) fail(`unexpected "${tokenAt(s.text, s.pos)}" after the condition.`, s.pos);
    const joinAt = s.pos;
    const join = readWord(s).toLowerCase();
    if (join === 'or') {
      fail(
        '"or" is not supported: conditions combine with "and" only.',
        joinAt,
        'Create one dataset per alternative, or tag the samples you want and filter on the tag.',
      );
    }
    if (join !== 'and' || (s.pos < s.text.length && !isSpace(s.text[s.pos]))) {
      s.pos = joinAt;
      fail(`expected "and" between conditions, found "${tokenAt(s.text, joinAt)}".`, joinAt);
    }
    skipSpace(s);
    condition();
  }
  return filter;
}
