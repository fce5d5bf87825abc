import type { DistilleryConfig, ModelInfo, ModelProvider, ReasoningParserPlugin } from '@distillery/core';
import type { Session } from '../session';
import { AUTO_PARSER, findParserForModel, parserForModel } from './parser-for-model';

export interface RunParserInput {
  provider: ModelProvider;
  model: string;
  modelInfo: ModelInfo;
  /** The parser the run config or command names: an id, `auto`, or nothing. */
  parser: string | undefined;
}

function isCatalogued(provider: ModelProvider, model: string, config: DistilleryConfig): boolean {
  return config.models[model] !== undefined || (provider.models ?? []).some((m) => m.id === model);
}

/**
 * The parser a run uses. A named parser is used as is; `auto` picks one from the model id (an
 * error when none fits). With none named, an `inline` catalog entry's parser, else (inline
 * without one, or a model no catalog knows) the parser the model id picks, if any, so a raw
 * reasoning model served without a server-side parser is still split right. Only the chosen
 * parser is imported.
 */
export async function runParser(
  session: Session,
  input: RunParserInput,
): Promise<ReasoningParserPlugin | undefined> {
  const { parser, model, modelInfo } = input;
  const catalog = input.provider.models ?? [];
  if (parser === AUTO_PARSER) return (await parserForModel(session, model, { catalog })).parser;
  if (parser !== undefined) return session.plugins.parser(parser);
  if (modelInfo.reasoning === 'inline' && modelInfo.parser && modelInfo.parser !== AUTO_PARSER) {
    return session.plugins.parser(modelInfo.parser);
  }
  if (modelInfo.reasoning === 'inline' || !isCatalogued(input.provider, model, session.config.config)) {
    const choice = findParserForModel(session, model, { catalog });
    return choice ? session.plugins.parser(choice.id) : undefined;
  }
  return undefined;
}
