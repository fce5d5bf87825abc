/** How `exact` and `contains` normalise both texts before comparing them. */
export interface TextOptions {
  /** Default false: `Paris` equals `paris`. */
  caseSensitive: boolean;
  /** Default true: collapse runs of whitespace to one space and trim the ends. */
  collapseWhitespace: boolean;
  /** Default false: drop punctuation (Unicode P*), so `18.` equals `18`. */
  ignorePunctuation: boolean;
  /** Regular expressions whose matches are removed first (lm-eval's `regexes_to_ignore`), e.g. `[",", "\\$"]`. */
  ignore: RegExp[];
}

function optionError(name: string, expected: string, value: unknown): Error {
  return new TypeError(`Scorer option "${name}" must be ${expected}, got ${JSON.stringify(value)}.`);
}

function bool(options: Readonly<Record<string, unknown>>, name: string, fallback: boolean): boolean {
  const value = options[name];
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw optionError(name, 'true or false', value);
  return value;
}

/** Reads and checks the text options; throws a TypeError naming a bad option. */
export function readTextOptions(options: Readonly<Record<string, unknown>>): TextOptions {
  const ignore = options.ignore ?? [];
  if (!Array.isArray(ignore) || ignore.some((p) => typeof p !== 'string')) {
    throw optionError('ignore', 'a list of regular expressions (strings)', ignore);
  }
  return {
    caseSensitive: bool(options, 'caseSensitive', false),
    collapseWhitespace: bool(options, 'collapseWhitespace', true),
    ignorePunctuation: bool(options, 'ignorePunctuation', false),
    ignore: (ignore as string[]).map((pattern) => {
      try {
        return new RegExp(pattern, 'gu');
      } catch (error) {
        throw optionError('ignore', `valid regular expressions (${(error as Error).message})`, pattern);
      }
    }),
  };
}

export const TEXT_OPTIONS_HELP: Readonly<Record<string, string>> = {
  caseSensitive: 'compare case too (default false)',
  collapseWhitespace: 'collapse whitespace runs and trim (default true)',
  ignorePunctuation: 'drop punctuation before comparing (default false)',
  ignore: 'regular expressions removed before comparing, e.g. ["\\\\$", ","]',
};

/** Applies the text options to one text. NFC first, so composed and decomposed accents agree. */
export function normalizeText(text: string, options: TextOptions): string {
  let out = text.normalize('NFC');
  for (const pattern of options.ignore) out = out.replace(pattern, '');
  if (options.ignorePunctuation) out = out.replace(/\p{P}/gu, '');
  if (!options.caseSensitive) out = out.toLowerCase();
  if (options.collapseWhitespace) out = out.replace(/\s+/gu, ' ').trim();
  return out;
}
