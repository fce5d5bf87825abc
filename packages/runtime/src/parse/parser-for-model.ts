import { type ModelInfo, type ReasoningParserPlugin, UserError } from '@distillery/core/contracts';
import type { Session } from '../session';
import { chooseParser, type FineTuneLineage, type ParserChoice } from './choose-parser';

/** The id that asks for the parser to be picked from the model id. */
export const AUTO_PARSER = 'auto';

export interface ParserForModelOptions {
  /** Catalog entries already at hand (a loaded provider's models); none are imported for this. */
  catalog?: readonly ModelInfo[];
  /** Known fine-tunes: a fine-tune's model uses its frozen parser, else its base model's. */
  fineTunes?: readonly FineTuneLineage[];
}

/**
 * Picks the parser for `model` from manifests alone (see `chooseParser`): the config's `models`
 * entry first, then known fine-tunes, the given catalog and the parsers' model patterns.
 * Imports nothing. Undefined when none fits.
 */
export function findParserForModel(
  session: Session,
  model: string,
  options: ParserForModelOptions = {},
): ParserChoice | undefined {
  const parsers = session.plugins
    .list('reasoning-parser')
    .map((r) => ({ id: r.id, models: r.manifest.models ?? [] }));
  const configured = session.config.config.models[model]?.parser;
  if (configured !== undefined && configured !== AUTO_PARSER) {
    return { id: configured, reason: `models["${model}"].parser in the config` };
  }
  return chooseParser({
    parsers,
    model,
    ...(options.catalog ? { catalog: options.catalog } : {}),
    ...(options.fineTunes ? { fineTunes: options.fineTunes } : {}),
  });
}

/**
 * The parser for `model`, chosen from manifests and then imported (only that one); an error that
 * says what to do when no parser fits.
 */
export async function parserForModel(
  session: Session,
  model: string,
  options: ParserForModelOptions = {},
): Promise<{ parser: ReasoningParserPlugin; reason: string }> {
  const choice = findParserForModel(session, model, options);
  if (choice) return { parser: await session.plugins.parser(choice.id), reason: choice.reason };
  const ids = session.plugins.list('reasoning-parser').map((r) => r.id);
  throw new UserError(`No reasoning parser is known for model "${model}".`, {
    exitCode: 2,
    advice: `Name one with --parser (${ids.join(', ')}), or set models["${model}"].parser in distill.config.ts.`,
  });
}
