import type { ReasoningParseOptions, ReasoningParserPlugin } from '@distillery/core';
import {
  CALL,
  CHANNEL,
  CONSTRAIN,
  createHarmonyParser,
  END,
  MESSAGE,
  RETURN,
  START,
  TEXT_FINAL,
} from './create-harmony-parser';

/** The v1 reasoning-parser plugin for gpt-oss (OpenAI Harmony format). */
export const gptOss: ReasoningParserPlugin = Object.freeze({
  specificationVersion: 'v1',
  kind: 'reasoning-parser',
  id: 'gpt-oss',
  description:
    'gpt-oss Harmony: analysis channel is reasoning, final and commentary preambles are the answer, tool calls kept raw; works without <|return|> and with special tokens stripped.',
  markers: Object.freeze([
    `${CHANNEL}analysis${MESSAGE}`,
    END,
    START,
    CHANNEL,
    MESSAGE,
    CONSTRAIN,
    CALL,
    RETURN,
    TEXT_FINAL,
  ]),
  models: Object.freeze(['gpt-oss']),
  create: (options?: ReasoningParseOptions) => createHarmonyParser(options),
});
