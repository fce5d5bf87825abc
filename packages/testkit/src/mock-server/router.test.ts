import { describe, expect, it } from 'vitest';
import { Router } from './router';

const handler = () => undefined;

describe('Router', () => {
  it('matches literal paths, :params and trailing wildcards', () => {
    const router = new Router();
    router.add('GET', '/v1/fine-tunes/:id/events', handler);
    router.add('PUT', '/upload/*', handler, { auth: 'none' });
    const events = router.match('GET', '/v1/fine-tunes/ft-1/events');
    expect(events).toMatchObject({
      params: { id: 'ft-1' },
      options: { auth: 'bearer', errorFormat: 'openai' },
    });
    expect(router.match('PUT', '/upload/a/b%20c')).toMatchObject({
      params: { '*': 'a/b c' },
      options: { auth: 'none' },
    });
    expect(router.match('GET', '/v1/fine-tunes/ft-1')).toBe('not-found');
    expect(router.match('GET', '/v1/fine-tunes/ft-1/events/extra')).toBe('not-found');
    expect(router.match('POST', '/v1/fine-tunes/ft-1/events')).toBe('method-not-allowed');
  });

  it('prefers the most recently added route, and * matches any method', () => {
    const router = new Router();
    const first = () => undefined;
    const second = () => undefined;
    router.add('GET', '/x', first);
    router.add('*', '/x', second);
    const match = router.match('DELETE', '/x');
    expect(typeof match === 'object' && match.handler).toBe(second);
  });

  it('ignores trailing slashes and keeps malformed escapes as-is', () => {
    const router = new Router();
    router.add('GET', '/v1/files/:id', handler);
    expect(router.match('GET', '/v1/files/%E0%A4%A/')).toMatchObject({ params: { id: '%E0%A4%A' } });
  });
});
