export { TOKEN_HEADER } from './server/create-request-guard';
export { openBrowser } from './server/open-browser';
export {
  DEFAULT_WEB_HOST,
  DEFAULT_WEB_PORT,
  type StartWebServerOptions,
  startWebServer,
  type WebServer,
} from './server/start-web-server';
export type * from './shared/api-types';
