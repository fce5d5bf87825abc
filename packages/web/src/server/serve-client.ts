import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the built client lives: `dist/client` beside the bundled server, or beside `src` in development. */
export function resolveClientDir(): string | undefined {
  const candidates = [new URL('./client/', import.meta.url), new URL('../../dist/client/', import.meta.url)];
  for (const candidate of candidates) {
    const dir = fileURLToPath(candidate);
    if (existsSync(path.join(dir, 'index.html'))) return dir;
  }
  return undefined;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Headers on every page: no framing, no sniffing, nothing loaded from elsewhere. */
export const PAGE_SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** The page with this launch's token in `<meta name="distill-token">`. */
export function injectToken(html: string, token: string): string {
  const meta = `<meta name="distill-token" content="${escapeAttribute(token)}" />`;
  if (html.includes('__DISTILL_TOKEN__')) return html.replace('__DISTILL_TOKEN__', escapeAttribute(token));
  return html.replace('</head>', `  ${meta}\n  </head>`);
}

const NOT_BUILT_PAGE = `<!doctype html><meta charset="utf-8"><title>Distillery</title>
<body style="font-family:system-ui;margin:4rem;color:#1f2328"><h1>The web client is not built</h1>
<p>Run <code>pnpm --filter @distillery/web build</code> and reload this page.</p></body>`;

/**
 * Serves the built client: files under `clientDir` as they are (assets cached for good, their
 * names carry a hash), and `index.html` with the token for every other path (client-side routes).
 */
export function createClientHandler(
  clientDir: string | undefined,
  token: string,
): (req: IncomingMessage, res: ServerResponse, pathname: string) => Promise<void> {
  let page: string | undefined;
  const indexHtml = async (): Promise<string> => {
    if (!clientDir) return NOT_BUILT_PAGE;
    page ??= injectToken(await readFile(path.join(clientDir, 'index.html'), 'utf8'), token);
    return page;
  };
  return async (req, res, pathname) => {
    if (clientDir && pathname !== '/' && pathname !== '/index.html') {
      const file = path.resolve(clientDir, `.${pathname}`);
      if (file.startsWith(clientDir) && path.extname(file) !== '') {
        const info = await stat(file).catch(() => undefined);
        if (!info?.isFile()) {
          res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
          res.end('Not found');
          return;
        }
        const body = await readFile(file);
        res.writeHead(200, {
          'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
          'content-length': body.length,
          'cache-control': pathname.startsWith('/assets/')
            ? 'public, max-age=31536000, immutable'
            : 'no-cache',
          'x-content-type-options': 'nosniff',
        });
        res.end(req.method === 'HEAD' ? undefined : body);
        return;
      }
    }
    const html = await indexHtml();
    res.writeHead(200, {
      ...PAGE_SECURITY_HEADERS,
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-length': Buffer.byteLength(html),
    });
    res.end(req.method === 'HEAD' ? undefined : html);
  };
}
