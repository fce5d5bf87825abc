// `@distillery/core/contracts`: the plugin contracts, the kind table, plugin checks, errors and
// helpers, without the zod data model, for code that must start fast (a CLI command, a plugin).
export * from './config/check-plugin';
export * from './config/check-plugin-manifest';
export * from './config/define-plugin';
export * from './contracts/batch/v1';
export * from './contracts/call-flow/index';
export * from './contracts/fine-tune-backend/index';
export * from './contracts/model-catalog';
export * from './contracts/model-provider/index';
export * from './contracts/plugin';
export * from './contracts/plugin-base';
export * from './contracts/plugin-kinds';
export * from './contracts/plugin-manifest';
export * from './contracts/reasoning-parser/index';
export * from './contracts/scorer/v1';
export * from './errors/config-error';
export * from './errors/distillery-error';
export * from './errors/input-error';
export * from './errors/plugin-error';
export * from './errors/provider-error';
export * from './errors/user-error';
export * from './retry/retry-policy';
export * from './retry/with-retry';
