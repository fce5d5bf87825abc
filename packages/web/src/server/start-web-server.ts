import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { UserError } from '@distillery/core';
import { openProjectStore, type SampleStore, type Session } from '@distillery/runtime';
import { createLaunchToken } from './create-launch-token';
import { createRequestGuard } from './create-request-guard';
import { createSecretRedactor } from './create-secret-redactor';
import { FineTunePlans } from './fine-tune-plans';
import { GenerationRuns } from './generation-runs';
import { readJsonBody } from './read-json-body';
import { matchRoute, type Route } from './route';
import { datasetRoutes } from './routes/dataset-routes';
import { evalRoutes } from './routes/eval-routes';
import { exportRoutes } from './routes/export-routes';
import { fineTuneRoutes } from './routes/fine-tune-routes';
import { generationRoutes } from './routes/generation-routes';
import { playgroundRoutes } from './routes/playground-routes';
import { projectRoutes } from './routes/project-routes';
import { sampleRoutes } from './routes/sample-routes';
import { sendJson } from './send-json';
import { createClientHandler, resolveClientDir } from './serve-client';
import { toApiError } from './to-api-error';
import type { WebContext } from './web-context';

export const DEFAULT_WEB_PORT = 4319;
export const DEFAULT_WEB_HOST = '127.0.0.1';

export interface StartWebServerOptions {
  session: Session;
  /** Default 4319; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1 (this machine only). */
  host?: string;
  /** Closes the server when aborted. */
  signal?: AbortSignal;
  /** The project store to serve; default: the session's project store, opened here and closed on close. */
  store?: SampleStore;
  /** The built client; default: `dist/client` of this package. */
  clientDir?: string;
  /** Milliseconds between provider polls while a page watches a fine-tune. Default 5000. */
  fineTunePollMs?: number;
}

export interface WebServer {
  /** Where the front end is, e.g. `http://127.0.0.1:4319/`. */
  url: string;
  /** This launch's token (in the served page; required on every mutating request). */
  token: string;
  close(): Promise<void>;
}

function formatHost(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/**
 * Serves the local web front end: the built client, a JSON API over the runtime's functions and
 * server-sent events for live streams. Bound to 127.0.0.1 unless told otherwise; every request
 * must name this host and port, and every mutating one must carry the per-launch token.
 */
export async function startWebServer(options: StartWebServerOptions): Promise<WebServer> {
  const host = options.host ?? DEFAULT_WEB_HOST;
  const token = createLaunchToken();
  const lifetime = new AbortController();
  const ownStore = options.store === undefined;
  const store = options.store ?? (await openProjectStore(options.session));
  const configKeys = Object.values(options.session.config.config.providers)
    .map((p) => p.apiKey)
    .filter((k): k is string => typeof k === 'string');
  const ctx: WebContext = {
    session: options.session,
    store,
    redact: createSecretRedactor(options.session.ctx.env, configKeys),
    signal: lifetime.signal,
    generations: new GenerationRuns(options.session, store),
    fineTunePlans: new FineTunePlans(),
  };
  const routes: Route[] = [
    ...projectRoutes({ generate: true, datasets: true, fineTunes: true }),
    ...sampleRoutes,
    ...playgroundRoutes,
    ...generationRoutes,
    ...datasetRoutes,
    ...exportRoutes,
    ...fineTuneRoutes({ pollMs: options.fineTunePollMs ?? 5000 }),
    ...evalRoutes,
  ];
  const serveClient = createClientHandler(options.clientDir ?? resolveClientDir(), token);
  let guard: ReturnType<typeof createRequestGuard> | undefined;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const api = url.pathname.startsWith('/api/');
    const verdict = guard
      ? guard(req, { api })
      : { status: 503, message: 'The server is starting; try again.' };
    if (verdict) {
      sendJson(res, verdict.status, { error: { name: 'Forbidden', message: verdict.message } }, ctx.redact);
      return;
    }
    const method = (req.method ?? 'GET').toUpperCase();
    if (!api) {
      if (method !== 'GET' && method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD' }).end();
        return;
      }
      await serveClient(req, res, url.pathname);
      return;
    }
    const found = matchRoute(routes, method, url.pathname);
    if (!found) {
      sendJson(
        res,
        404,
        { error: { name: 'NotFound', message: `No API route ${url.pathname}.` } },
        ctx.redact,
      );
      return;
    }
    if ('allowed' in found) {
      res.setHeader('allow', found.allowed.join(', '));
      sendJson(
        res,
        405,
        { error: { name: 'MethodNotAllowed', message: `Use ${found.allowed.join(' or ')}.` } },
        ctx.redact,
      );
      return;
    }
    const aborter = new AbortController();
    res.on('close', () => aborter.abort());
    const signal = AbortSignal.any([aborter.signal, lifetime.signal]);
    let bodyPromise: Promise<unknown> | undefined;
    try {
      const value = await found.route.handler({
        ctx,
        params: found.params,
        query: url.searchParams,
        body: () => {
          bodyPromise ??= readJsonBody(req);
          return bodyPromise;
        },
        req,
        res,
        signal,
      });
      if (!res.headersSent) sendJson(res, 200, value, ctx.redact);
    } catch (error) {
      const { status, body } = toApiError(error);
      if (!res.headersSent) sendJson(res, status, { error: body }, ctx.redact);
      else res.end();
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: toApiError(error).body }, ctx.redact);
      else res.destroy();
    });
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? DEFAULT_WEB_PORT, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    if (ownStore) await store.close();
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(
      `Cannot serve on ${host}:${options.port ?? DEFAULT_WEB_PORT}: ${(error as Error).message}.`,
      {
        advice:
          code === 'EADDRINUSE'
            ? 'Another program uses that port; pick another with --port.'
            : 'Check --host and --port.',
        cause: error,
      },
    );
  }
  const port = (server.address() as AddressInfo).port;
  guard = createRequestGuard({ host, port, token });

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      lifetime.abort();
      await ctx.generations.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      if (ownStore) await store.close();
    })();
    return closing;
  };
  if (options.signal) {
    if (options.signal.aborted) await close();
    else options.signal.addEventListener('abort', () => void close(), { once: true });
  }
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : formatHost(host);
  return { url: `http://${shownHost}:${port}/`, token, close };
}
