import { describe, expect, it } from 'vitest';
import { openBrowser } from './open-browser';

describe('openBrowser', () => {
  it('reports false instead of throwing when the opener cannot start', async () => {
    expect(await openBrowser('http://127.0.0.1:1/', 'aix')).toBeTypeOf('boolean');
  });
});
