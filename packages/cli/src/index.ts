export type { CliIO, OutputStream } from './cli-io';
export { reportError } from './error-boundary';
export { main } from './main';
