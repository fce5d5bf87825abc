import { formatCount } from './format';

function size(bytes: number): string {
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** What each figure of a check report means, in words, and how to show its value. */
const STATS: Record<string, { label: string; show?: (value: number) => string } | null> = {
  bytes: { label: 'File size', show: size },
  lines: { label: 'Lines' },
  samples: { label: 'Examples' },
  withReasoning: { label: 'Examples with reasoning' },
  tokensTotal: { label: 'Tokens in all (estimated)' },
  tokensMax: { label: 'Longest example (tokens)' },
  tokensMean: { label: 'Average example (tokens)' },
  maxSeqLength: { label: "The model's context length (tokens)" },
  truncatedExamples: { label: "Examples longer than the model's context" },
  duplicates: { label: 'Duplicate examples' },
  validationSamples: { label: 'Examples in the validation file' },
  overlapWithValidation: { label: 'Examples also in the validation file' },
  distinctSystemPrompts: { label: 'Different system prompts' },
  errors: { label: 'Errors' },
  warnings: { label: 'Warnings' },
  // How the checker ran, not what it found.
  workers: null,
};

/** `someFieldName` as `Some field name`, for a figure this page does not know yet. */
function words(key: string): string {
  const spaced = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** A check report's figures as labelled values a person reads, in a stable order. */
export function describeCheckStats(stats: Record<string, number>): [string, string][] {
  const known = Object.keys(STATS).filter((key) => key in stats);
  const other = Object.keys(stats).filter((key) => !(key in STATS));
  return [...known, ...other].flatMap((key): [string, string][] => {
    const entry = STATS[key];
    if (entry === null) return [];
    const value = stats[key]!;
    return [[entry?.label ?? words(key), entry?.show ? entry.show(value) : formatCount(value)]];
  });
}
