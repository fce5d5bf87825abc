import { type MockServer, startMockServer } from '@distillery/testkit';
import { failOnSpecViolations } from '@distillery/testkit/vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium, screenshotPath } from '../__fixtures__/launch-chromium';
import { createWebTestProject, type WebTestProject } from '../__fixtures__/web-test-project';
import { startWebServer, type WebServer } from '../server/start-web-server';

failOnSpecViolations();

const KEY = 'sk-e2e-secret-abcdef0123456789';
let mock: MockServer;
let project: WebTestProject;
let web: WebServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const seen: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  mock = await startMockServer();
  project = await createWebTestProject({
    gsm8kLines: 200,
    env: {
      OPENAI_API_KEY: KEY,
      OPENAI_BASE_URL: mock.openaiBaseURL,
      TOGETHER_API_KEY: KEY,
      TOGETHER_BASE_URL: mock.togetherBaseURL,
    },
  });
  web = await startWebServer({ session: project.session, port: 0 });
  context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  page = await context.newPage();
  page.on('response', async (response) => {
    if (!response.url().startsWith(web.url)) return;
    const type = response.headers()['content-type'] ?? '';
    if (type.includes('json') || type.includes('html')) seen.push(await response.text().catch(() => ''));
  });
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
  await mock?.close();
  project?.cleanup();
});

beforeEach(() => mock.reset());

describe('the web front end in chromium', () => {
  it('shows the tasks with instruction, thinking instruction, schemas and run configs', async () => {
    await page.goto(`${web.url}tasks`);
    const card = page.getByTestId('task-card');
    await card.waitFor();
    expect(await card.textContent()).toContain('Grade-school maths');
    expect(await card.textContent()).toContain('Think step by step: write out each calculation');
    expect(await card.locator('table tbody tr').count()).toBe(2);
    await page.screenshot({ animations: 'disabled', path: screenshotPath('01-tasks'), fullPage: true });
  });

  it('browses and filters the imported GSM8K samples', async () => {
    await page.goto(`${web.url}samples`);
    await page.getByTestId('sample-count').filter({ hasText: '200 samples' }).waitFor();
    await page.getByTestId('sample-row').first().waitFor();
    const rows = await page.getByTestId('sample-row').count();
    expect(rows).toBeGreaterThan(5);
    expect(rows).toBeLessThan(40);
    await page.screenshot({ animations: 'disabled', path: screenshotPath('02-samples') });

    await page.getByLabel('Search samples').fill('Natalia');
    await page
      .getByTestId('sample-count')
      .filter({ hasText: /^1 sample match/ })
      .waitFor();
    expect(await page.getByTestId('sample-row').count()).toBe(1);
    expect(page.url()).toContain('text=Natalia');
    await page.screenshot({ animations: 'disabled', path: screenshotPath('03-samples-search') });

    await page.getByLabel('Search samples').fill('');
    await page.getByTestId('sample-count').filter({ hasText: '200 samples' }).waitFor();
    await page.getByTestId('facet-source-synthetic').click();
    await page.getByText('No sample matches these filters').waitFor();
    await page.getByTestId('facet-source-import').click();
    await page.getByTestId('sample-count').filter({ hasText: '200 samples match' }).waitFor();
  });

  it('opens a sample with reasoning and answer side by side, and tags and rates it', async () => {
    await page.goto(`${web.url}samples?text=Natalia`);
    await page.getByTestId('sample-row').first().click();
    const drawer = page.getByTestId('sample-drawer');
    await drawer.waitFor();
    await drawer.getByTestId('reasoning-text').filter({ hasText: 'Natalia sold' }).waitFor();
    expect(await drawer.getByTestId('answer-text').textContent()).toBe('72');
    const reasoningBox = (await drawer.getByTestId('reasoning-panel').boundingBox())!;
    const answerBox = (await drawer.getByTestId('answer-panel').boundingBox())!;
    expect(answerBox.x).toBeGreaterThan(reasoningBox.x + reasoningBox.width - 1);
    expect(Math.abs(answerBox.y - reasoningBox.y)).toBeLessThan(2);
    const font = await drawer.getByTestId('reasoning-text').evaluate((el) => getComputedStyle(el).fontFamily);
    expect(font.toLowerCase()).toContain('mono');
    expect(await drawer.textContent()).toContain('gsm8k-slice.jsonl:');

    await drawer.getByLabel('4 stars').click();
    await drawer.getByLabel('Add tag').fill('reviewed');
    await drawer.getByLabel('Add tag').press('Enter');
    await drawer.getByRole('button', { name: 'Remove tag reviewed' }).waitFor();
    await page.waitForFunction(() => !document.body.textContent?.includes('Saving…'));
    await page.screenshot({ animations: 'disabled', path: screenshotPath('04-sample-detail') });

    const id = (await page.getByTestId('sample-row').first().getAttribute('data-sample-id'))!;
    const stored = await (await fetch(`${web.url}api/samples/${id}`)).json();
    expect(stored.rating).toBe(4);
    expect(stored.tags).toContain('reviewed');

    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });
    await page.goto(`${web.url}samples?tag=reviewed&minRating=4`);
    await page.getByTestId('sample-count').filter({ hasText: '1 sample match' }).waitFor();
  });

  it('runs the playground with the reasoning streaming live next to the answer', async () => {
    const reasoning =
      'Natalia sold 48 clips in April. In May she sold half as many: 48 / 2 = 24. Altogether 48 + 24 = 72 clips.';
    mock.reply({ reasoning, content: '72', chunkSize: 2, delayMs: 25 });
    await page.goto(`${web.url}playground?task=gsm8k&runConfig=r1-teacher`);
    await page.getByLabel('Input', { exact: true }).fill('Natalia sold clips to 48 of her friends in April…');
    await page.getByRole('button', { name: 'Run' }).click();
    const reasoningText = page.getByTestId('reasoning-text');
    await reasoningText.filter({ hasText: 'Natalia sold 48' }).waitFor();
    const partial = (await reasoningText.textContent()) ?? '';
    expect(partial.length).toBeLessThan(reasoning.length);
    await page.screenshot({ animations: 'disabled', path: screenshotPath('05-playground-streaming') });
    await page.getByTestId('run-stats').waitFor();
    expect(await reasoningText.textContent()).toBe(reasoning);
    expect(await page.getByTestId('answer-text').textContent()).toContain('72');
    expect(await page.getByTestId('run-stats').textContent()).toContain('flow reasoning');
    await page.screenshot({ animations: 'disabled', path: screenshotPath('06-playground-done') });
    const call = mock.requests.find((r) => r.path === '/v1/chat/completions')!;
    expect(call.body).toMatchObject({ model: 'deepseek-ai/DeepSeek-R1', stream: true });
  });

  it('rejects a mutating request from the page without the token, and from another origin', async () => {
    const status = await page.evaluate(async () => {
      const res = await fetch('/api/samples/nope', {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ rating: 1 }),
      });
      return res.status;
    });
    expect(status).toBe(403);
    const other = await context.newPage();
    await other.goto('about:blank');
    const crossOrigin = await other.evaluate(async (url) => {
      try {
        const res = await fetch(`${url}api/samples/nope`, { method: 'PATCH', body: '{"rating":1}' });
        return res.status;
      } catch {
        return 'blocked';
      }
    }, web.url);
    expect(crossOrigin === 'blocked' || crossOrigin === 403).toBe(true);
    await other.close();
  });

  it('never sends an API key to the browser', () => {
    expect(seen.length).toBeGreaterThan(5);
    for (const body of seen) expect(body).not.toContain(KEY);
  });
});
