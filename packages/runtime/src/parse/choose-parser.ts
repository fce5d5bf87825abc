import { findModel, type ModelInfo } from '@distillery/core/contracts';

/** What `chooseParser` knows about a fine-tune: the model it produced and what it was trained from. */
export interface FineTuneLineage {
  id: string;
  baseModel: string;
  resultModel?: string;
  /** The parser frozen with the fine-tune, if any. */
  parser?: string;
}

/** A parser as its manifest declares it: enough to choose it without importing it. */
export interface ParserCandidate {
  id: string;
  /** Model-id patterns (case-insensitive regular expressions matched anywhere in the id). */
  models?: readonly string[];
}

export interface ChooseParserInput {
  /** The parsers that can be chosen (a session's `reasoning-parser` manifests). */
  parsers: readonly ParserCandidate[];
  model: string;
  /** Catalog entries (providers' models, the config's `models`): an `inline` entry's parser wins. */
  catalog?: readonly ModelInfo[];
  /** Known fine-tunes: a fine-tune's model uses its frozen parser, else its base model's. */
  fineTunes?: readonly FineTuneLineage[];
}

export interface ParserChoice {
  /** The chosen parser's id. */
  id: string;
  /** Why, for people: `catalog entry …`, `model pattern "…"`, `fine-tune … of …`. */
  reason: string;
}

function byId(parsers: readonly ParserCandidate[], id: string | undefined) {
  return id === undefined ? undefined : parsers.find((p) => p.id === id);
}

/** The parser whose model pattern matches the longest part of `model` (the first one on a tie). */
export function matchParserPattern(
  parsers: readonly ParserCandidate[],
  model: string,
): { id: string; pattern: string } | undefined {
  let best: { id: string; pattern: string; length: number } | undefined;
  for (const parser of parsers) {
    for (const pattern of parser.models ?? []) {
      let match: RegExpExecArray | null;
      try {
        match = new RegExp(pattern, 'i').exec(model);
      } catch {
        continue; // a third-party plugin's bad pattern only disqualifies itself
      }
      if (match && (!best || match[0].length > best.length))
        best = { id: parser.id, pattern, length: match[0].length };
    }
  }
  return best && { id: best.id, pattern: best.pattern };
}

/**
 * Picks the reasoning parser for a model id without asking and without importing any parser: a
 * known fine-tune's frozen parser or its base model's; the catalog's parser for a model with
 * inline reasoning; else the parser whose declared model pattern matches the longest part of the
 * id (`openai/gpt-oss-120b` → gpt-oss, `Qwen/Qwen3-30B-A3B-Thinking-2507` → qwen3-thinking,
 * `acct/Qwen3-8B-my-task-1a2b` → qwen3). Returns undefined when nothing fits.
 */
export function chooseParser(input: ChooseParserInput): ParserChoice | undefined {
  const { parsers } = input;
  const seen = new Set<string>();
  let model = input.model;
  let via = '';
  for (;;) {
    const lower = model.toLowerCase();
    if (seen.has(lower)) break;
    seen.add(lower);
    const fineTune = input.fineTunes?.find((f) => f.resultModel?.toLowerCase() === lower);
    if (!fineTune) break;
    const frozen = byId(parsers, fineTune.parser);
    if (frozen) return { id: frozen.id, reason: `fine-tune ${fineTune.id} was trained with it` };
    via = ` (fine-tune ${fineTune.id} of ${fineTune.baseModel})`;
    model = fineTune.baseModel;
  }
  const entry = input.catalog ? findModel(input.catalog, model) : undefined;
  const listed = entry?.reasoning === 'inline' ? byId(parsers, entry.parser) : undefined;
  if (listed) return { id: listed.id, reason: `catalog entry ${entry?.id}${via}` };
  const matched = matchParserPattern(parsers, model);
  if (matched) return { id: matched.id, reason: `model pattern "${matched.pattern}"${via}` };
  return undefined;
}
