import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshotPath } from '../__fixtures__/launch-chromium';
import {
  createWebTestProject,
  syntheticSamples,
  type WebTestProject,
} from '../__fixtures__/web-test-project';
import { startWebServer, type WebServer } from '../server/start-web-server';

const COUNT = 100_000;
let project: WebTestProject;
let web: WebServer;
let browser: Browser;
let page: Page;
const pageRequests: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  project = await createWebTestProject({ gsm8kLines: 0, env: {}, extra: syntheticSamples(COUNT) });
  web = await startWebServer({ session: project.session, port: 0 });
  page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname === '/api/samples') pageRequests.push(url.search);
  });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await web?.close();
  project?.cleanup();
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
