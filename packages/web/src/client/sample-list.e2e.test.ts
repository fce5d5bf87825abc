import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { screenshotPath } from '../__fixtures__/launch-chromium';
import { startWebE2e, type WatchedPage, type WebE2e } from '../__fixtures__/web-e2e';
import { syntheticSamples } from '../__fixtures__/web-test-project';
import type { WebServer } from '../server/start-web-server';

const COUNT = 100_000;
let e2e: WebE2e;
let web: WebServer;
let watched: WatchedPage;
let page: Page;
let pageRequests: string[] = [];

beforeAll(async () => {
  e2e = await startWebE2e({ gsm8kLines: 0, extra: syntheticSamples(COUNT) });
  web = e2e.web;
}, 300_000);
afterAll(async () => {
  await e2e?.close();
});
// Each test has its own page, and no console error.
beforeEach(async () => {
  watched = await e2e.open(1440);
  page = watched.page;
  pageRequests = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname === '/api/samples') pageRequests.push(url.search);
  });
});
afterEach(async () => {
  expect((await e2e.finish(watched)).errors).toEqual([]);
});

const rowsInDom = () => page.locator('[data-testid^="sample-row"]').count();

describe('the sample list at 100k samples', () => {
  it('keeps a bounded number of rows in the DOM and loads later pages as it scrolls to the end', async () => {
    await page.goto(`${web.url}samples`);
    await page.getByTestId('sample-count').filter({ hasText: '100,000 samples' }).waitFor();
    await page.locator('[data-testid="sample-row"][data-index="0"]').waitFor();
    expect(await page.locator('[data-index="0"]').getAttribute('data-sample-id')).toBe('syn-100000');
    expect(await rowsInDom()).toBeLessThan(40);
    expect(pageRequests).toHaveLength(1);

    const list = page.getByTestId('sample-list');
    for (const fraction of [0.1, 0.5, 0.9]) {
      await list.evaluate((el, f) => {
        el.scrollTop = el.scrollHeight * f;
      }, fraction);
      const index = Math.floor(COUNT * fraction);
      await page.locator(`[data-testid="sample-row"][data-index="${index + 3}"]`).waitFor();
      expect(await rowsInDom()).toBeLessThan(40);
    }
    await list.evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
    const last = page.locator(`[data-testid="sample-row"][data-index="${COUNT - 1}"]`);
    await last.waitFor();
    expect(await last.getAttribute('data-sample-id')).toBe('syn-000001');
    expect(await rowsInDom()).toBeLessThan(40);
    await page.screenshot({ animations: 'disabled', path: screenshotPath('07-samples-100k-end') });
    expect(pageRequests.some((q) => q.includes(`offset=${COUNT - 100}`))).toBe(true);
    expect(pageRequests.length).toBeLessThan(20);

    // scrolling on from a loaded page uses that page's cursor (keyset paging)
    await list.evaluate((el) => {
      el.scrollTop = 0;
    });
    await page.locator('[data-testid="sample-row"][data-index="0"]').waitFor();
    await list.evaluate((el) => {
      el.scrollTop = 68 * 120;
    });
    await page.locator('[data-testid="sample-row"][data-index="125"]').waitFor();
    expect(await page.locator('[data-index="125"]').getAttribute('data-sample-id')).toBe('syn-099875');
    expect(pageRequests.some((q) => q.includes('cursor='))).toBe(true);
  });

  it('filters the 100k samples by the store facets', async () => {
    await page.goto(`${web.url}samples`);
    await page.getByTestId('facet-rating-5').click();
    await page.getByTestId('sample-count').filter({ hasText: '20,000 samples match' }).waitFor();
    await page.getByTestId('facet-tag-tens').click();
    await page.getByTestId('sample-count').filter({ hasText: '10,000 samples match' }).waitFor();
    await page.getByTestId('facet-with-reasoning').click();
    await page
      .getByTestId('sample-count')
      .filter({ hasText: /^8,5\d\d samples match/ })
      .waitFor();
    await page.locator('[data-testid="sample-row"][data-index="0"]').waitFor();
    await page.screenshot({ animations: 'disabled', path: screenshotPath('08-samples-100k-filtered') });
  });
});
