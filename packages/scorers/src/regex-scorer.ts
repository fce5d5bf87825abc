import type { SingleScorerV1 } from '@distillery/core';

function readPattern(options: Readonly<Record<string, unknown>>): { pattern: RegExp; mustMatch: boolean } {
  const source = options.pattern;
  if (typeof source !== 'string' || source === '') {
    throw new TypeError(
      `Scorer "regex" needs option "pattern" (a regular expression), got ${JSON.stringify(source)}.`,
    );
  }
  const flags = options.flags ?? 'u';
  if (typeof flags !== 'string') throw new TypeError(`Scorer "regex" option "flags" must be a string.`);
  const mustMatch = options.mustMatch ?? true;
  if (typeof mustMatch !== 'boolean')
    throw new TypeError(`Scorer "regex" option "mustMatch" must be true or false.`);
  try {
    return { pattern: new RegExp(source, flags.replace(/[gy]/g, '')), mustMatch };
  } catch (error) {
    throw new TypeError(
      `Scorer "regex" option "pattern" is not a valid regular expression: ${(error as Error).message}`,
    );
  }
}

/**
 * Pass when the answer matches `pattern` (or, with `mustMatch: false`, when it does not). Needs
 * no reference: it checks the form of an answer (`^\d+$`, a required phrase, a banned one).
 */
export const regexScorer: SingleScorerV1 = {
  specificationVersion: 'v1',
  kind: 'scorer',
  id: 'regex',
  mode: 'single',
  description: 'The answer matches (or must not match) a regular expression.',
  optionsHelp: {
    pattern: 'the regular expression (required)',
    flags: 'its flags (default "u")',
    mustMatch: 'false to pass when it does not match (default true)',
  },
  checkOptions: (options) => void readPattern(options),
  async score(_item, output, context) {
    const { pattern, mustMatch } = readPattern(context.options);
    const match = pattern.exec(output.content);
    return {
      score: { type: 'pass-fail', pass: (match !== null) === mustMatch },
      extracted: match?.[0] ?? null,
    };
  },
};
