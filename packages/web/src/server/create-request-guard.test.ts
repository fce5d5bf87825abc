import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createRequestGuard, TOKEN_HEADER } from './create-request-guard';

const TOKEN = 'launch-token-abc';
const guard = createRequestGuard({ host: '127.0.0.1', port: 4319, token: TOKEN });
const req = (method: string, headers: Record<string, string>) =>
  ({ method, headers }) as unknown as IncomingMessage;
const api = { api: true };

describe('createRequestGuard', () => {
  it('accepts the bound host under its loopback names, and nothing else', () => {
    for (const host of ['127.0.0.1:4319', 'localhost:4319', '[::1]:4319']) {
      expect(guard(req('GET', { host }), api)).toBeUndefined();
    }
    for (const host of [
      'evil.example:4319',
      '127.0.0.1:80',
      '127.0.0.1',
      '',
      'localhost.evil.example:4319',
    ]) {
      expect(guard(req('GET', { host }), api)?.status).toBe(421);
    }
  });

  it('binds a non-loopback host to that name only', () => {
    const lan = createRequestGuard({ host: '192.168.1.5', port: 80, token: TOKEN });
    expect(lan(req('GET', { host: '192.168.1.5:80' }), api)).toBeUndefined();
    expect(lan(req('GET', { host: 'localhost:80' }), api)?.status).toBe(421);
  });

  it('refuses other origins, opaque origins and cross-site API requests', () => {
    const host = '127.0.0.1:4319';
    expect(guard(req('GET', { host, origin: 'http://127.0.0.1:4319' }), api)).toBeUndefined();
    expect(guard(req('GET', { host, origin: 'http://evil.example' }), api)?.status).toBe(403);
    expect(guard(req('GET', { host, origin: 'null' }), api)?.status).toBe(403);
    expect(guard(req('GET', { host, 'sec-fetch-site': 'cross-site' }), api)?.status).toBe(403);
    // Opening the page from a link elsewhere is fine; only the API is off limits.
    expect(guard(req('GET', { host, 'sec-fetch-site': 'cross-site' }), { api: false })).toBeUndefined();
  });

  it('requires the exact token on every mutating method', () => {
    const host = '127.0.0.1:4319';
    for (const method of ['POST', 'PATCH', 'PUT', 'DELETE']) {
      expect(guard(req(method, { host }), api)?.status).toBe(403);
      expect(guard(req(method, { host, [TOKEN_HEADER]: `${TOKEN}x` }), api)?.status).toBe(403);
      expect(guard(req(method, { host, [TOKEN_HEADER]: TOKEN }), api)).toBeUndefined();
    }
  });
});
