import { type ModelInfo, type ReasoningParserPlugin, UserError } from '@distillery/core';
import type { Session } from '../session';
import { chooseParser, type FineTuneLineage, type ParserChoice } from './choose-parser';

/** The id that asks for the parser to be picked from the model id. */
export const AUTO_PARSER = 'auto';

/** Every catalog entry the session knows: each provider's models. */
function sessionCatalog(session: Session): ModelInfo[] {
  const catalog: ModelInfo[] = [];
  for (const record of session.plugins.list('model-provider')) {
    const provider = session.plugins.provider(record.id);
    catalog.push(...(provider.models ?? []));
  }
  return catalog;
}

/**
 * Picks the parser for `model` (see `chooseParser`): the config's `models` entry first, then known
 * fine-tunes, the providers' catalogs and the parsers' model patterns. Undefined when none fits.
 */
export function findParserForModel(
  session: Session,
  model: string,
  fineTunes: readonly FineTuneLineage[] = [],
): ParserChoice | undefined {
  const parsers = session.plugins.list('reasoning-parser').map((r) => r.plugin as ReasoningParserPlugin);
  const configured = session.config.config.models[model]?.parser;
  if (configured !== undefined && configured !== AUTO_PARSER) {
    return { parser: session.plugins.parser(configured), reason: `models["${model}"].parser in the config` };
  }
  return chooseParser({ parsers, model, catalog: sessionCatalog(session), fineTunes });
}

/** Like `findParserForModel`, but an error that says what to do when no parser fits. */
export function parserForModel(
  session: Session,
  model: string,
  fineTunes: readonly FineTuneLineage[] = [],
): ParserChoice {
  const choice = findParserForModel(session, model, fineTunes);
  if (choice) return choice;
  const ids = session.plugins.list('reasoning-parser').map((r) => r.id);
  throw new UserError(`No reasoning parser is known for model "${model}".`, {
    exitCode: 2,
    advice: `Name one with --parser (${ids.join(', ')}), or set models["${model}"].parser in distill.config.ts.`,
  });
}
