// `@distillery/runtime/session`: opening a session (config and plugin registry) without the
// pipelines, the store or zod, for commands that must start fast (`distill parse`, `distill check`).

export { providerKeySecrets } from './config/provider-key-secrets';
export { type Logger, silentLogger, streamLogger } from './context/logger';
export { createContext, type RuntimeContext } from './context/runtime-context';
export { decodeUtf8 } from './input-file/decode-utf8';
export { openInputFile } from './input-file/open-input-file';
export type { FineTuneLineage, ParserChoice } from './parse/choose-parser';
export {
  AUTO_PARSER,
  findParserForModel,
  type ParserForModelOptions,
  parserForModel,
} from './parse/parser-for-model';
export type { PluginRecord } from './plugins/plugin-record';
export type { PluginRegistry } from './plugins/plugin-registry';
export { type OpenSessionOptions, openSession, type Session } from './session';
